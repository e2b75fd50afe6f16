"""The report of make bench: figures from raw load results, targets met or missed, Markdown. No load run here."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

from bench import report


def _raw(name, path, latencies, *, elapsed=1.0, statuses=None, queries=None):
    return {
        "name": name,
        "path": path,
        "elapsed": elapsed,
        "latencies_ms": latencies,
        "statuses": statuses or {"200": len(latencies)},
        "queries": queries or {"4": len(latencies)},
    }


def test_percentile_interpolates_between_ranks():
    values = [float(v) for v in range(1, 101)]
    assert report.percentile(values, 0.5) == pytest.approx(50.5)
    assert report.percentile(values, 0.95) == pytest.approx(95.05)
    assert report.percentile([7.0], 0.95) == 7.0


def test_special_targets_for_brochure_search_and_inbox():
    assert report.p95_target(app="brochure", name="search", path="/api/v1/brochure/search?q=x") == 50
    assert report.p95_target(app="notifications", name="inbox", path="/notifications/") == 100
    assert report.p95_target(app="events", name="list", path="/events/") == 150
    assert report.p95_target(app="events", name="list", path="/events/", declared=80) == 80


def test_summarise_counts_failures_and_queries():
    row = report.summarise(
        _raw("me", "/api/v1/me", [10.0] * 9 + [100.0], elapsed=0.5, statuses={"200": 9, "302": 1}),
        app="accounts",
        role="*",
    )
    assert row["rps"] == 20.0
    assert row["median_ms"] == 10.0
    assert row["errors"] == 1
    assert row["queries"] == 4


def _build(rows):
    return report.build(
        rows=rows,
        meta={"scale": 0.01, "seed": 1, "concurrency": 10, "requests": 10},
        dataset={"total_seconds": 3.5, "scale": 0.01, "seconds": {"accounts": 1.2}},
        data_size={"database": "benelux_portal_bench", "size": "12 MB", "tables": {"accounts_user": 20}},
        notifications={"figures": {"latency": {"p95_ms": 120.5}, "burst_seconds": 12.0}},
    )


def test_report_marks_met_and_missed_targets_and_says_why():
    bare = _raw("bare view", "/bench/bare", [2.0] * 100, elapsed=0.1)
    ceiling = report.summarise(bare, app="ceiling", role="anonymous")
    session = report.summarise(
        _raw("bare view, logged in", "/bench/bare", [6.0] * 100, elapsed=0.3), app="ceiling", role="*"
    )
    fast = report.summarise(_raw("dashboard", "/", [20.0] * 100, elapsed=0.25), app="accounts", role="*")
    search = _raw("search", "/api/v1/brochure/search", [60.0] * 100, elapsed=1.0)
    slow = report.summarise(search, app="brochure", role="*")
    varying = report.summarise(
        _raw("events", "/events/", [20.0] * 100, elapsed=0.25, queries={"4": 50, "5": 50}), app="events", role="*"
    )

    built = _build([ceiling, session, fast, slow, varying])

    assert built["ceiling"]["rps"] == 1000.0
    by_name = {row["name"]: row for row in built["rows"]}
    assert by_name["dashboard"]["met"] and by_name["dashboard"]["ratio"] == 0.4
    assert not by_name["search"]["checks"]["p95"] and not by_name["search"]["checks"]["throughput"]
    assert not by_name["events"]["checks"]["constant_queries"]
    assert built["summary"]["met"] == 1
    markdown = report.render_markdown(built)
    assert "**2 of 3 pages and endpoints miss a target:**" in markdown
    assert "p95 60.0 ms is not under 50 ms" in markdown
    assert "query count varies between requests of one session (4–5)" in markdown
    assert "| accounts_user | 20 |" in markdown
    assert "A logged-in session alone (4 queries before any view runs) leaves 33%" in markdown
    assert "| latency.p95_ms | 120.5 |" in markdown
    json.dumps(built)  # report.json must be serialisable


def test_report_without_notifications_script_says_so():
    built = report.build(rows=[], meta={}, dataset={}, data_size={}, notifications=None)
    assert "does not exist yet" in report.render_markdown(built)


def _load(live_server, target: dict, *, concurrency: int, requests: int) -> tuple[dict, str]:
    """bench/load.py run against the live server for one target: its result and what it printed."""
    spec = {
        "host": live_server.thread.host,
        "port": live_server.thread.port,
        "concurrency": concurrency,
        "requests": requests,
        "warmup": 0,
        "targets": [target],
    }
    completed = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "bench" / "load.py")],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout)["results"][0], completed.stderr


def test_load_generator_measures_a_real_server(live_server):
    result, _printed = _load(
        live_server, {"name": "health", "path": "/healthz", "cookies": [""]}, concurrency=3, requests=12
    )
    assert len(result["latencies_ms"]) == 12
    assert result["statuses"] == {"200": 12}


def test_harness_finds_an_apps_main_page_and_api_lists_in_the_urlconf():
    from django.apps import apps

    from bench.run import discovered_urls

    accounts = discovered_urls(apps.get_app_config("accounts"))
    events = discovered_urls(apps.get_app_config("events"))

    assert ("api organisations", "/api/v1/organisations", "*") in accounts
    assert ("api countries", "/api/v1/countries", "*") in accounts
    assert ("index", "/events/", "*") in events


def test_clients_of_a_row_for_every_role_take_the_roles_in_turn():
    from bench.run import cookies_for

    sessions = {"operator": ["o1", "o2"], "police_chief": ["c1"], "secretariat": []}

    assert cookies_for("*", sessions) == ["o1", "c1", "o2"]
    assert cookies_for("operator", sessions) == ["o1", "o2"]
    assert cookies_for("anonymous", sessions) == [""]
    with pytest.raises(RuntimeError, match="secretariat"):
        cookies_for("secretariat", sessions)


def test_logged_in_row_is_also_compared_with_the_bare_view_logged_in():
    anonymous = report.summarise(
        _raw("bare view", "/bench/bare", [1.0] * 100, elapsed=0.1), app=report.CEILING, role="anonymous"
    )
    logged_in = report.summarise(
        _raw("bare view, logged in", "/bench/bare", [1.0] * 40, elapsed=0.1), app=report.CEILING, role="*"
    )
    page = report.summarise(_raw("dashboard", "/", [1.0] * 20, elapsed=0.1), app="accounts", role="*")
    feed = report.summarise(_raw("feed", "/feed.ics", [1.0] * 30, elapsed=0.1), app="events", role="anonymous")
    built = _build([anonymous, logged_in, page, feed])
    dashboard, ics = built["rows"]
    assert (dashboard["ratio"], dashboard["session_ratio"]) == (0.2, 0.5)
    assert not dashboard["checks"]["throughput"]  # the target stays the anonymous bare view's
    assert (ics["ratio"], ics["session_ratio"]) == (0.3, 0.3)
    assert "| 20% ✗ | 50% |" in report.render_markdown(built)


def test_a_row_just_under_a_quarter_of_the_bare_view_misses_though_rounded_it_reads_25_percent():
    bare = report.summarise(
        _raw("bare view", "/bench/bare", [1.0] * 10_000, elapsed=1.0), app=report.CEILING, role="anonymous"
    )
    under = report.summarise(_raw("dashboard", "/", [1.0] * 2_496, elapsed=1.0), app="accounts", role="*")
    at = report.summarise(_raw("profile", "/profile/", [1.0] * 2_500, elapsed=1.0), app="accounts", role="*")
    under["paired_rps"] = at["paired_rps"] = bare["rps"]
    built = _build([bare, under, at])
    dashboard, profile = built["rows"]
    assert dashboard["ratio"] == 0.25 and not dashboard["checks"]["throughput"]
    assert profile["checks"]["throughput"]


def _queries_shown(row) -> str:
    """The queries column of the row's line in the Markdown report."""
    [line] = [line for line in report.render_markdown(_build([row])).splitlines() if f"`{row['path']}`" in line]
    return line.split(" | ")[7]


def test_queries_may_differ_between_roles_but_not_within_one_session():
    by_role = _raw("detail", "/events/1/", [1.0] * 4, queries={"5": 2, "6": 2})
    by_role["queries_by_session"] = [{"5": 2}, {"6": 2}]
    growing = _raw("detail", "/events/1/", [1.0] * 4, queries={"5": 2, "6": 2})
    growing["queries_by_session"] = [{"5": 1, "6": 1}, {"5": 1, "6": 1}]
    fair = report.judge(report.summarise(by_role, app="events", role="*"), ceiling_rps=None)
    unfair = report.judge(report.summarise(growing, app="events", role="*"), ceiling_rps=None)
    assert fair["checks"]["constant_queries"] and _queries_shown(fair) == "5–6 by role"
    assert not unfair["checks"]["constant_queries"]
    assert "varies between requests of one session (5–6)" in " ".join(report.misses(unfair))


def test_a_cache_entry_refilled_once_in_a_session_keeps_its_queries_constant():
    def row(*sessions):
        queries = {}
        for session in sessions:
            for count, n in session.items():
                queries[count] = queries.get(count, 0) + n
        raw = _raw("profile", "/accounts/profile/", [1.0] * 100, queries=queries)
        raw["queries_by_session"] = list(sessions)
        return report.judge(report.summarise(raw, app="accounts", role="*"), ceiling_rps=None)

    refilled = row({"0": 59, "1": 1}, {"0": 40})  # the session's user expired in the cache during the row
    assert refilled["checks"]["constant_queries"] and refilled["queries_refills"] == 1
    assert _queries_shown(refilled) == "0 (1 cache refill)"
    assert not row({"0": 30, "1": 30}, {"0": 40})["checks"]["constant_queries"]  # half the requests: no refill
    assert not row({"1": 58, "0": 2}, {"1": 40})["checks"]["constant_queries"]  # a refill runs more, never fewer
    assert not row({"0": 9, "1": 1}, {"0": 90})["checks"]["constant_queries"]  # too few requests to tell


def test_reference_is_the_median_of_the_bare_views_samples_of_the_run():
    def bare(name, elapsed, role="anonymous", statuses=None):
        return report.summarise(
            _raw(name, "/bench/bare", [1.0] * 100, elapsed=elapsed, statuses=statuses), app=report.CEILING, role=role
        )

    samples = [
        bare("bare view", 0.1),  # 1,000 req/s
        bare("bare view, logged in", 0.2, role="*"),  # not a sample of the reference
        bare("bare view (middle of the run)", 0.05),  # 2,000 req/s
        bare("bare view (end of the run)", 0.08),  # 1,250 req/s
        bare("bare view (failed)", 0.01, statuses={"500": 100}),  # errors: never the reference
    ]
    page = report.summarise(_raw("dashboard", "/", [1.0] * 50, elapsed=0.1), app="accounts", role="*")
    built = _build([*samples, page])
    assert built["reference_rps"] == 1250.0
    assert built["rows"][0]["ratio"] == 0.4
    assert "Reference: **1,250 req/s**" in report.render_markdown(built)


def test_each_row_is_judged_against_the_bare_view_measured_just_before_it():
    reference = report.summarise(
        _raw("bare view", "/bench/bare", [1.0] * 100, elapsed=0.05), app=report.CEILING, role="anonymous"
    )  # 2,000 req/s at the start of the run
    slow_phase = _raw("dashboard", "/", [1.0] * 50, elapsed=0.1)  # 500 req/s while the machine was slower
    slow_phase["paired_rps"] = 1600.0
    failed_pair = _raw("queue", "/assistance/", [1.0] * 50, elapsed=0.1)
    failed_pair.update(paired_rps=5000.0, paired_errors=3)  # a paired sample with errors is no reference
    built = _build(
        [
            reference,
            report.summarise(slow_phase, app="accounts", role="*"),
            report.summarise(failed_pair, app="assistance", role="*"),
        ]
    )
    dashboard, queue = built["rows"]
    assert (dashboard["ratio"], dashboard["run_ratio"], dashboard["paired_rps"]) == (0.312, 0.25, 1600.0)
    assert dashboard["checks"]["throughput"]
    assert (queue["ratio"], queue["paired_rps"]) == (0.25, None)
    markdown = report.render_markdown(built)
    assert "| 31%  | – | 1,600 | 25% | 0 | met |" in markdown
    assert "just before every page and endpoint" in markdown


def test_load_generator_measures_the_paired_bare_view_just_before_the_row(live_server):
    target = {"name": "health", "path": "/healthz", "cookies": [""], "paired": {"name": "bare", "path": "/healthz"}}
    result, printed = _load(live_server, target, concurrency=2, requests=6)
    assert result["paired_rps"] > 0 and result["paired_errors"] == 0
    assert "bare view just before" in printed


def test_the_run_measures_the_bare_view_at_its_start_middle_and_end(db):
    from bench.run import targets

    rows = targets("")
    names = [row["name"] for row in rows if row["path"] == "/bench/bare" and row["role"] == "anonymous"]
    assert names == ["bare view", "bare view (middle of the run)", "bare view (end of the run)"]
    assert rows[-1]["name"] == "bare view (end of the run)"
