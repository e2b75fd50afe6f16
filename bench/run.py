"""The load run of ``make bench``: ten years of data, gunicorn with production settings, a load generator.

    make bench                                # = python scripts/devstack.py bench
    make bench ARGS="--scale 0.1 --requests 200"

devstack gives us DATABASE_URL (the private cluster's ``benelux_portal_bench`` database, never the demo
database of ``make run``) and REDIS_URL. Then, under ``benelux_portal.settings.bench``:

1. migrate; generate the bench data unless the database already holds data of the same seed, scale and
   generators (their names and code: ``var/bench/dataset.json``), otherwise regenerate
   (``generate_bench_data --reset``);
2. VACUUM (ANALYZE), so that no autovacuum runs beside the load; collectstatic; gunicorn on a free loopback
   port with the production image's worker count;
3. log in as the first bench users of every role: the log-in form, then their authenticator code;
4. bench/load.py, in its own process: the bare view (this machine's ceiling), then every URL that an app's
   ``bench.py`` declares in ``URLS``, each with ``--concurrency`` clients for ``--requests`` requests and each
   right after the bare view measured again (the row's throughput ratio is to that paired sample: the machine's
   speed drifts during a run), with the bare view also measured in the middle and at the end (the run's
   reference, for information, is the median of the three);
5. bench/notifications.py --json, when it exists (notification latency and burst);
6. bench/report.md and bench/report.json.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
STAMP = VAR / "dataset.json"
SETTINGS = "benelux_portal.settings.bench"
HOST = "127.0.0.1"
BARE_PATH = "/bench/bare"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import report  # noqa: E402


def say(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1.0")))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("BENCH_SEED", "2026")))
    parser.add_argument("--requests", type=int, default=500, help="requests per page or endpoint (default 500)")
    parser.add_argument("--concurrency", type=int, default=10, help="concurrent clients (default 10)")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests first (default 20)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3, as in production)")
    parser.add_argument("--sessions-per-role", type=int, default=2)
    parser.add_argument("--regenerate", action="store_true", help="generate the data again even if it fits")
    parser.add_argument("--only", default="", help="measure only rows whose app, name or path contains this")
    parser.add_argument("--no-notifications", action="store_true", help="skip bench/notifications.py")
    return parser.parse_args(argv)


# Data -------------------------------------------------------------------------------------------------


def ensure_data(args) -> dict:
    from django.core.management import call_command

    from apps.accounts import bench as accounts_bench
    from apps.accounts.management.commands.generate_bench_data import bench_modules
    from apps.accounts.models import User

    modules = bench_modules()
    generators = [label for label, _module in modules]
    # Any change to a generator's code means new data.
    source = hashlib.sha256(b"".join(Path(module.__file__).read_bytes() for _label, module in modules))
    wanted = {"seed": args.seed, "scale": args.scale, "generators": generators, "source": source.hexdigest()[:16]}
    stamp = json.loads(STAMP.read_text()) if STAMP.exists() else {}
    present = accounts_bench.has_data()
    # The stamp describes this database only if the bench users it counted are still there (the command may
    # have been run by hand since).
    users = User.objects.filter(username__startswith=accounts_bench.USERNAME_PREFIX).count()
    same = {key: stamp.get(key) for key in wanted} == wanted and stamp.get("counts", {}).get("accounts.User") == users
    if present and not args.regenerate and same:
        say(f"re-using the bench data (seed {args.seed}, scale {args.scale}, generators {', '.join(generators)})")
        return {**stamp, "reused": True}
    say(f"generating the bench data: scale {args.scale}, seed {args.seed}, generators {', '.join(generators)}")
    STAMP.unlink(missing_ok=True)
    partial = VAR / "dataset.partial.json"
    call_command("generate_bench_data", scale=args.scale, seed=args.seed, reset=present, json_path=partial)
    dataset = {**json.loads(partial.read_text()), **wanted}
    STAMP.write_text(json.dumps(dataset, indent=2, sort_keys=True) + "\n")
    partial.unlink()
    return {**dataset, "reused": False}


def data_size() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database(), pg_size_pretty(pg_database_size(current_database()))")
        database, size = cursor.fetchone()
        tables = {}
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 -- names from the catalogue
            tables[table] = cursor.fetchone()[0]
    return {
        "database": database,
        "size": size,
        "tables": dict(sorted(tables.items(), key=lambda item: (-item[1], item[0]))),
    }


# What to measure --------------------------------------------------------------------------------------


def _routes(patterns, prefix=""):
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def discovered_urls(config) -> list[tuple]:
    """An app's main page (``<app>:index``) and its API lists (DRF list views under /api/v1/ without a parameter)."""
    from django.urls import NoReverseMatch, get_resolver, reverse
    from rest_framework.mixins import ListModelMixin

    found = []
    with contextlib.suppress(NoReverseMatch):
        found.append(("index", reverse(f"{config.label}:index"), "*"))
    for route, pattern in _routes(get_resolver().url_patterns):
        view = getattr(pattern.callback, "cls", None)
        if (
            route.startswith("api/v1/")
            and "<" not in route
            and view is not None
            and issubclass(view, ListModelMixin)
            and view.__module__.startswith(f"{config.name}.")
        ):
            found.append((f"api {route.removeprefix('api/v1/')}", f"/{route}", "*"))
    return found


def targets(only: str) -> list[dict]:
    """The bare view, then per app of the portal the (name, path, role[, p95 ms]) its bench module lists in
    ``URLS``, or else its main page and API lists as found in the URLconf. A path may be a function without
    arguments, called once the data is there (for an object's id or a secret); when it answers None, the row
    is left out."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    found = [
        {"app": report.CEILING, "name": "bare view", "path": BARE_PATH, "role": "anonymous", "p95": None},
        # What a session alone costs (session, user, two-factor check): for reading the rows, not a target.
        {"app": report.CEILING, "name": "bare view, logged in", "path": BARE_PATH, "role": "*", "p95": None},
    ]
    for config in apps.get_app_configs():
        if not config.name.startswith("apps."):
            continue
        module_name, label = f"{config.name}.bench", config.label
        module = import_module(module_name) if find_spec(module_name) is not None else None
        entries = getattr(module, "URLS", None) or discovered_urls(config)
        for entry in entries:
            name, path, role = entry[:3]
            p95 = entry[3] if len(entry) > 3 else None
            if callable(path):
                # A path that depends on the generated data (an object's id, a feed's secret): asked now.
                path = path()
                if path is None:
                    say(f"{label} / {name}: nothing in the bench data to measure it on, left out")
                    continue
            if only and not any(only in text for text in (label, name, path)):
                continue
            found.append({"app": label, "name": name, "path": path, "role": role or "anonymous", "p95": p95})
    # The reference again in the middle and at the end of the run: the report takes the median of the three.
    bare = found[0]
    found.insert(2 + (len(found) - 2) // 2, {**bare, "name": "bare view (middle of the run)"})
    found.append({**bare, "name": "bare view (end of the run)"})
    return found


# The server -------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "benelux_portal.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    say(f"starting gunicorn on {HOST}:{port} with {workers} workers")
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited at start-up")
        with contextlib.suppress(OSError, http.client.HTTPException):
            status, _headers, _body = get(port, "/healthz")
            if status == 200:
                return process
        time.sleep(0.3)
    stop(process)
    raise RuntimeError("gunicorn did not answer /healthz within 60 seconds")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def get(port: int, path: str, headers: dict | None = None):
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def _cookies(headers) -> dict[str, str]:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key.strip()] = rest.split(";", 1)[0]
    return found


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def _post_form(port: int, path: str, fields: dict, cookies: dict[str, str]) -> tuple[int, str]:
    """GET the form at ``path`` for its CSRF token, POST ``fields`` to it; keep the cookies; (status, Location)."""
    status, headers, body = get(port, path, {"Cookie": _cookie_header(cookies)})
    cookies.update(_cookies(headers))
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not match:
        raise RuntimeError(f"{path} answered {status} without a CSRF token")
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode({"csrfmiddlewaretoken": match.group(1).decode(), **fields}),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": _cookie_header(cookies),
                "Referer": f"http://{HOST}:{port}{path}",
            },
        )
        response = connection.getresponse()
        response.read()
        cookies.update(_cookies(response.getheaders()))
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def _totp_code(username: str) -> str:
    """The user's next acceptable code: a code is accepted once, so after a run a few seconds ago it is the
    next time step's (within the tolerance), or we wait for one."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    wanted = max(now, (device.last_t or -1) + 1)
    if wanted - now > device.tolerance:
        time.sleep((wanted - device.tolerance - device.drift) * device.step + device.t0 - time.time() + 0.5)
    totp.time = (wanted - device.drift) * device.step + device.t0 + 1
    return f"{totp.token():06d}"


def log_in(port: int, username: str, password: str) -> str:
    """Log in as a user does: the log-in form, then the authenticator code where two-factor asks for one.
    Return the Cookie header of the new session."""
    cookies: dict[str, str] = {}
    status, _location = _post_form(port, "/accounts/login/", {"username": username, "password": password}, cookies)
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"logging in as {username} answered {status} without a session")
    verify = "/accounts/two-factor/verify/"
    status, headers, _body = get(port, "/", {"Cookie": _cookie_header(cookies)})
    if status == 302 and dict(headers).get("Location", "").startswith(verify):
        status, _location = _post_form(port, verify, {"otp_token": _totp_code(username), "next": "/"}, cookies)
        if status != 302:
            raise RuntimeError(f"the two-factor step refused the code of {username}")
    return _cookie_header(cookies)


def sessions(port: int, per_role: int) -> dict[str, list[str]]:
    from apps.accounts import bench as accounts_bench
    from apps.accounts.choices import Role
    from apps.accounts.models import User

    found: dict[str, list[str]] = {}
    for role in Role.values:
        names = [accounts_bench.username(role, number) for number in range(1, per_role + 1)]
        existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        found[role] = [log_in(port, name, accounts_bench.BENCH_PASSWORD) for name in names if name in existing]
        say(f"logged in as {len(found[role])} {role} user(s)")
    return found


def cookies_for(role: str, by_role: dict[str, list[str]]) -> list[str]:
    """The sessions a row's clients use in turn: of its role, of every role (``*``), or none (anonymous)."""
    if role == "anonymous":
        return [""]
    if role == "*":
        # Interleaved, so that ten clients are spread over the roles.
        columns = [by_role[name] for name in sorted(by_role) if by_role[name]]
        return [cookie for group in itertools.zip_longest(*columns) for cookie in group if cookie] or [""]
    if not by_role.get(role):
        raise RuntimeError(f"no bench user of role {role!r} could log in")
    return by_role[role]


# The run ----------------------------------------------------------------------------------------------


def run_load(port: int, rows: list[dict], by_role: dict[str, list[str]], args) -> list[dict]:
    spec = {
        "host": HOST,
        "port": port,
        "concurrency": args.concurrency,
        "requests": args.requests,
        "warmup": args.warmup,
        "targets": [
            {
                "name": row["name"],
                "label": f"{row['app']}: {row['name']}",
                "path": row["path"],
                "cookies": cookies_for(row["role"], by_role),
                # Every page and endpoint is paired with the anonymous bare view, measured just before it.
                **({} if row["app"] == report.CEILING else {"paired": {"name": "bare view", "path": BARE_PATH}}),
            }
            for row in rows
        ],
    }
    say(f"load: {len(rows)} rows x {args.requests} requests, {args.concurrency} clients (bench/load.py)")
    completed = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py")],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stderr.write(completed.stderr)
    if completed.returncode != 0:
        raise RuntimeError(f"the load generator failed ({completed.returncode})")
    results = json.loads(completed.stdout)["results"]
    return [
        report.summarise(result, app=row["app"], role=row["role"], declared_p95=row["p95"])
        for row, result in zip(rows, results, strict=True)
    ]


def run_notifications(skip: bool) -> dict | None:
    script = ROOT / "bench" / "notifications.py"
    if skip or not script.exists():
        return None
    output = VAR / "notifications.json"
    output.unlink(missing_ok=True)
    say("bench/notifications.py: notification latency and burst")
    try:
        completed = subprocess.run(
            [sys.executable, str(script), "--json", str(output)], cwd=ROOT, check=False, timeout=30 * 60
        )
    except subprocess.TimeoutExpired:
        return {"error": "bench/notifications.py did not finish within 30 minutes"}
    if completed.returncode != 0 or not output.exists():
        return {"error": f"bench/notifications.py ended with status {completed.returncode}"}
    return {"figures": json.loads(output.read_text())}


def _commit() -> str:
    completed = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return completed.stdout.strip() or "unknown"


def clear_own_cache(cache=None) -> None:
    """Empty the cache when it is the bench's own (devstack sets ``BENCH_CLEAR_CACHE``: Redis database 1 of the
    private Redis), never a ``REDIS_URL`` given: cache keys name the data, not the code, so pages cached by a run of
    other templates would be measured."""
    if os.environ.get("BENCH_CLEAR_CACHE") != "1":
        return
    if cache is None:
        from django.core.cache import cache

    say("clear the cache (the private Redis's bench database)")
    cache.clear()


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    # Ours and our children's (gunicorn, bench/notifications.py): the bench settings, static files under var/bench.
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    os.environ.setdefault("DJANGO_STATIC_ROOT", str(VAR / "static"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    say("migrate")
    call_command("migrate", interactive=False, verbosity=0)
    dataset = ensure_data(args)
    # The last run's notification burst deleted half a million inbox rows at its end: without this, autovacuum
    # cleans them up while the first rows are measured (the inbox rows came out at half their speed).
    say("vacuum and analyse")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    say("collectstatic")
    call_command("collectstatic", interactive=False, verbosity=0)
    clear_own_cache()
    rows = targets(args.only)
    connection.close()
    port = free_port()
    server = start_gunicorn(port, args.workers)
    try:
        by_role = sessions(port, args.sessions_per_role)
        measured = run_load(port, rows, by_role, args)
    finally:
        stop(server)
    notifications = run_notifications(args.no_notifications)
    say("counting rows")
    size = data_size()
    meta = {
        "started": started,
        "commit": _commit(),
        "cpus": os.cpu_count(),
        "scale": args.scale,
        "seed": args.seed,
        "concurrency": args.concurrency,
        "requests": args.requests,
        "warmup": args.warmup,
        "workers": args.workers,
        "settings": SETTINGS,
        "note": os.environ.get("BENCH_NOTE", ""),
    }
    result = report.build(rows=measured, meta=meta, dataset=dataset, data_size=size, notifications=notifications)
    (ROOT / "bench" / "report.json").write_text(json.dumps(result, indent=2) + "\n")
    (ROOT / "bench" / "report.md").write_text(report.render_markdown(result))
    summary = result["summary"]
    say(f"{summary['met']} of {summary['rows']} rows meet their targets; report: bench/report.md, bench/report.json")
    for miss in summary["missed"]:
        say(f"  missed: {miss['app']} / {miss['name']}: {'; '.join(miss['misses'])}")
    failed = sum(row["errors"] for row in measured)
    if failed:
        say(f"{failed} requests failed: the figures of those rows do not mean anything")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
