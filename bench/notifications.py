"""Notification delivery, measured: commit-to-inbox latency and a burst to three countries' operators.

    make services-up                      # prints DATABASE_URL and REDIS_URL: export them
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/notifications.py --json var/bench-notifications.json
    .venv/bin/python bench/notifications.py --inbox   # also: the inbox on 1,000,000 notifications

It starts its own Celery worker (prefork, two processes, like ``make run``) unless ``--no-worker``,
creates bench operators in BE, NL and LU (idempotent), and removes its notifications afterwards.
Targets (issue 5): p95 latency under 1 s; 1,000 notifications delivered in under 30 s; the inbox
under 100 ms at p95 with a constant number of queries on 1,000,000 notifications.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benelux_portal.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from apps.accounts import demo as accounts_demo  # noqa: E402
from apps.accounts.choices import Role  # noqa: E402
from apps.accounts.models import Organisation, User  # noqa: E402
from apps.accounts.services import user_upsert  # noqa: E402
from apps.notifications import recipients  # noqa: E402
from apps.notifications.models import Notification  # noqa: E402
from apps.notifications.services import notify  # noqa: E402

MESSAGE = "Request %(reference)s was filed by %(country)s"
OPERATORS_PER_COUNTRY = 10


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ensure_operators() -> int:
    accounts_demo.load()
    control_rooms = {org.country.code: org for org in Organisation.objects.filter(kind="control_room")}
    for code, org in control_rooms.items():
        for number in range(OPERATORS_PER_COUNTRY):
            user_upsert(
                username=f"bench.operator.{code.lower()}.{number:02d}",
                organisation=org,
                roles=[Role.OPERATOR],
                password="bench-only-password-2026",
                email=f"bench.operator.{code.lower()}.{number:02d}@bench.example",
                preferred_language="en",
            )
    return User.objects.filter(groups__name=Role.OPERATOR).count()


def start_worker() -> subprocess.Popen:
    from benelux_portal.celery import app

    hostname = f"bench-{os.getpid()}@localhost"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "benelux_portal",
            "worker",
            "--concurrency=2",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            hostname,
        ],
        cwd=ROOT,
        env={**os.environ, "EMAIL_URL": os.environ.get("EMAIL_URL", "dummymail://")},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not app.control.ping(destination=[hostname], timeout=0.5):
        if process.poll() is not None:
            raise SystemExit("the worker exited at start-up")
    return process


def file_one(specs, number: int, kind: str) -> tuple[int, float]:
    with transaction.atomic():
        pk = notify(
            kind=kind,
            target=None,
            recipients=specs,
            message=MESSAGE,
            params={"reference": f"BENCH-{number:05d}", "country": "BE"},
        ).pk
    return pk, time.time()


def wait_delivered(ids: list[int], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Notification.objects.filter(pk__in=ids, delivered_at__isnull=True).count() == 0:
            return True
        time.sleep(0.05)
    return False


def measure_latency(count: int, gap: float) -> dict:
    specs = [recipients.country("NL", roles=[Role.OPERATOR])]
    sent = {}
    for number in range(count):
        pk, committed = file_one(specs, number, "bench.latency")
        sent[pk] = committed
        time.sleep(gap)
    if not wait_delivered(list(sent), timeout=120):
        raise SystemExit("latency run: not everything was delivered within 120 s")
    delivered = dict(Notification.objects.filter(pk__in=sent).values_list("pk", "delivered_at"))
    latencies = [max(0.0, delivered[pk].timestamp() - committed) for pk, committed in sent.items()]
    return {
        "count": count,
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1),
    }


def measure_burst(count: int) -> dict:
    specs = [recipients.country(code, roles=[Role.OPERATOR]) for code in ("BE", "NL", "LU")]
    start = time.time()
    ids = [file_one(specs, number, "bench.burst")[0] for number in range(count)]
    filed = time.time()
    if not wait_delivered(ids, timeout=300):
        raise SystemExit("burst: not everything was delivered within 300 s")
    done = time.time()
    entries = sum(Notification.objects.filter(pk__in=ids).values_list("recipient_count", flat=True))
    return {
        "count": count,
        "recipients_per_notification": entries // count,
        "inbox_entries": entries,
        "filing_seconds": round(filed - start, 2),
        "delivered_seconds": round(done - start, 2),
    }


def measure_inbox(requests: int) -> dict:
    """The inbox page and API on a table of (at least) 1,000,000 notifications."""
    from apps.notifications import bench as generator
    from apps.notifications.models import InboxEntry

    existing = Notification.objects.count()
    if existing < 1_000_000:
        print(f"generating {1_000_000 - existing:,} notifications ...", flush=True)
        generator.generate(scale=(1_000_000 - existing) / 1_000_000, seed=2026, log=print)
    busiest = (
        InboxEntry.objects.values("user").order_by("user").annotate(n=django.db.models.Count("id")).order_by("-n")[:20]
    )
    users = [User.objects.get(pk=row["user"]) for row in busiest]
    figures = {}
    for name, url in [
        ("page", "/notifications/"),
        ("page_unread", "/notifications/?unread=on"),
        ("api", "/api/v1/notifications"),
        ("api_unread", "/api/v1/notifications?unread=true"),
    ]:
        timings, queries = [], set()
        clients = []
        for user in users:
            client = Client()
            client.force_login(user, backend="apps.accounts.backends.ModelBackend")
            client.get(url, HTTP_HOST="localhost")
            clients.append(client)
        for number in range(requests):
            client = clients[number % len(clients)]
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                response = client.get(url, HTTP_HOST="localhost")
                timings.append(time.perf_counter() - began)
            assert response.status_code == 200, (url, response.status_code)
            queries.add(len(captured))
        figures[name] = {
            "p50_ms": round(statistics.median(timings) * 1000, 1),
            "p95_ms": round(percentile(timings, 0.95) * 1000, 1),
            "queries": sorted(queries),
        }
    figures["notifications_in_table"] = Notification.objects.count()
    figures["inbox_entries_of_busiest_user"] = busiest[0]["n"] if busiest else 0
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--latency-count", type=int, default=200)
    parser.add_argument("--latency-gap", type=float, default=0.02, help="seconds between two notifications")
    parser.add_argument("--burst", type=int, default=1000)
    parser.add_argument("--inbox", action="store_true", help="also measure the inbox on 1,000,000 notifications")
    parser.add_argument("--inbox-requests", type=int, default=200)
    parser.add_argument("--no-worker", action="store_true", help="use the workers already running")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()

    operators = ensure_operators()
    worker = None if args.no_worker else start_worker()
    results = {"operators": operators}
    try:
        print(f"latency: {args.latency_count} notifications to the Dutch operators ...", flush=True)
        results["latency"] = measure_latency(args.latency_count, args.latency_gap)
        print(json.dumps(results["latency"]), flush=True)
        print(f"burst: {args.burst} notifications to the operators of BE, NL and LU ...", flush=True)
        results["burst"] = measure_burst(args.burst)
        print(json.dumps(results["burst"]), flush=True)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=60)
        Notification.objects.filter(kind__startswith="bench.").delete()
    if args.inbox:
        results["inbox"] = measure_inbox(args.inbox_requests)
        print(json.dumps(results["inbox"]), flush=True)
    results["targets_met"] = {
        "latency_p95_under_1s": results["latency"]["p95_ms"] < 1000,
        "burst_under_30s": results["burst"]["delivered_seconds"] < 30,
        **(
            {
                "inbox_p95_under_100ms": all(
                    v["p95_ms"] < 100 for k, v in results["inbox"].items() if isinstance(v, dict)
                )
            }
            if "inbox" in results
            else {}
        ),
    }
    print(json.dumps(results["targets_met"]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
