"""Back up the portal's data into one file, and restore it.

    python scripts/backup.py backup [--directory DIR]   # DIR/benelux-portal-YYYYMMDD-HHMMSS.tar (DIR: var/backups)
    python scripts/backup.py restore FILE               # replaces the database's content and the attachments

``make backup`` and ``make restore FILE=...`` run these against the private PostgreSQL of ``make run`` (started for
the time of the command when it is not running), or against ``DATABASE_URL`` when it is set; the settings module
(``DJANGO_SETTINGS_MODULE``, default ``benelux_portal.settings.local``) says which database and which attachment
folder (``DJANGO_MEDIA_ROOT``) that is.

A backup is a tar file holding
  - ``database.dump``: ``pg_dump --format=custom`` of the whole database (every table, sequence and extension),
  - ``media/``: the attachment folder (MEDIA_ROOT) as it was,
  - ``backup.json``: when and of what it was made.

A restore overwrites, all or nothing:
  - the database: everything in its ``public`` schema is dropped and the backup's content put in its place, in one
    transaction (a restore that fails leaves the database as it was). The database may be empty (just created) or
    hold data; afterwards it holds exactly what the backup holds. Run ``python manage.py migrate`` after restoring a
    backup of an older release.
  - the attachment folder: its files are replaced by the backup's (files added since the backup are gone).
  - the portal's cache: every entry under its key prefix (cached pages and answers, sessions, users) is deleted, since
    it was made from the data before; Celery's queues in the same Redis are left alone.
Stop the web server and the workers first, and start them again afterwards.

PostgreSQL's own tools do the work: ``pg_dump``, ``pg_restore`` and ``psql`` (Debian's ``postgresql-client``, which
comes with ``postgresql``), of the server's major version or newer.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRECTORY = ROOT / "var" / "backups"
DUMP_NAME = "database.dump"
MEDIA_NAME = "media"
MANIFEST_NAME = "backup.json"
FORMAT = 1


def say(message: str) -> None:
    print(f"[backup] {message}", flush=True)


def fail(message: str) -> None:
    print(f"[backup] error: {message}", file=sys.stderr, flush=True)
    sys.exit(2)


def pg_tool(name: str) -> str:
    """The newest installed PostgreSQL's ``name`` (a pg_dump newer than the server reads it; an older one refuses)."""
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda path: int(path.parts[-3]))
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if found:
        return found
    fail(f"{name} not found: install PostgreSQL's client tools (apt-get install postgresql-client)")
    raise AssertionError  # unreachable


def database_settings() -> tuple[dict, Path]:
    """The default database and the attachment folder, as the portal's settings give them."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benelux_portal.settings.local")
    import django
    from django.conf import settings

    django.setup()
    return settings.DATABASES["default"], Path(settings.MEDIA_ROOT)


def libpq_environment(database: dict) -> dict[str, str]:
    """PostgreSQL's tools read the connection from PG* variables: the password never shows in a process list."""
    env = {**os.environ}
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    env.update({name: value for name, value in values.items() if value})
    return env


def describe(database: dict) -> str:
    return f"{database['NAME']} on {database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}"


def backup(directory: Path) -> Path:
    database, media_root = database_settings()
    directory.mkdir(parents=True, exist_ok=True)
    made = datetime.now(UTC)
    target = directory / f"benelux-portal-{made:%Y%m%d-%H%M%S}.tar"
    if target.exists():
        fail(f"{target} exists already")
    say(f"database {describe(database)}, attachments {media_root}")
    with tempfile.TemporaryDirectory(prefix="portal-backup-") as work:
        dump = Path(work) / DUMP_NAME
        subprocess.run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
            env=libpq_environment(database),
            check=True,
        )
        manifest = {
            "format": FORMAT,
            "made_at": made.isoformat(),
            "database": database["NAME"],
            "media_files": sum(1 for path in media_root.rglob("*") if path.is_file()) if media_root.exists() else 0,
        }
        (Path(work) / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n")
        partial = target.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(Path(work) / MANIFEST_NAME, arcname=MANIFEST_NAME)
            archive.add(dump, arcname=DUMP_NAME)
            if media_root.exists():
                archive.add(media_root, arcname=MEDIA_NAME)
            else:
                archive.add(work, arcname=MEDIA_NAME, recursive=False)
        partial.rename(target)  # a backup file that exists is complete
    say(f"written {target} ({target.stat().st_size // 1024} KiB, {manifest['media_files']} attachment files)")
    return target


def _read(archive_path: Path, into: Path) -> dict:
    with tarfile.open(archive_path) as archive:
        names = set(archive.getnames())
        if not {MANIFEST_NAME, DUMP_NAME} <= names:
            fail(f"{archive_path} is not a backup of the portal (no {MANIFEST_NAME} and {DUMP_NAME})")
        archive.extractall(into, filter="data")  # no absolute paths, no links out of the folder
    manifest = json.loads((into / MANIFEST_NAME).read_text())
    if manifest.get("format") != FORMAT:
        fail(f"{archive_path} has backup format {manifest.get('format')}; this script reads format {FORMAT}")
    return manifest


def _restore_database(database: dict, dump: Path) -> None:
    """Drop everything of the public schema and load the dump, in one transaction: pg_restore writes the dump as SQL
    into psql, and the transaction is committed only once all of it went in without an error."""
    psql = subprocess.Popen(
        [pg_tool("psql"), "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--file=-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        env=libpq_environment(database),
    )
    sql = subprocess.Popen(
        [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(dump)], stdout=subprocess.PIPE
    )
    try:
        psql.stdin.write(b"BEGIN;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n")
        shutil.copyfileobj(sql.stdout, psql.stdin)
        if sql.wait() == 0:
            psql.stdin.write(b"COMMIT;\n")
    except BrokenPipeError:  # psql stopped at an error: it says which
        pass
    finally:
        sql.stdout.close()
        with contextlib.suppress(BrokenPipeError):
            psql.stdin.close()  # without COMMIT, psql ends and the transaction is rolled back
    if sql.wait() != 0:
        raise subprocess.CalledProcessError(sql.returncode, sql.args)
    if psql.wait() != 0:
        raise subprocess.CalledProcessError(psql.returncode, psql.args)


def _replace_media(source: Path, media_root: Path) -> None:
    """Put the backup's attachment folder in place of the current one (beside it first, then two renames)."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    incoming = media_root.with_name(f".{media_root.name}.restoring")
    outgoing = media_root.with_name(f".{media_root.name}.replaced")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    if source.exists():
        shutil.copytree(source, incoming)
    else:
        incoming.mkdir()
    if media_root.exists():
        media_root.rename(outgoing)
    incoming.rename(media_root)
    shutil.rmtree(outgoing, ignore_errors=True)


def _forget_cached_data() -> None:
    """Delete the portal's cache entries (its key prefix only: the same Redis holds Celery's queues)."""
    from django.conf import settings
    from django.core.cache import cache
    from redis import Redis
    from redis.exceptions import RedisError

    pattern = cache.make_key("*")
    try:
        client = Redis.from_url(settings.CACHES["default"]["LOCATION"], socket_timeout=10)
        keys = list(client.scan_iter(match=pattern, count=1000))
        for start in range(0, len(keys), 1000):
            client.delete(*keys[start : start + 1000])
    except (RedisError, OSError) as error:
        say(f"warning: the cache could not be emptied ({error}); deploy with a new PORTAL_RELEASE_ID")
        return
    say(f"cache emptied ({len(keys)} entries under {pattern})")


def restore(archive_path: Path) -> None:
    if not archive_path.is_file():
        fail(f"no such backup file: {archive_path}")
    database, media_root = database_settings()
    # The settings' database connection is not used: the tools connect themselves.
    with tempfile.TemporaryDirectory(prefix="portal-restore-") as work:
        manifest = _read(archive_path, Path(work))
        say(f"restoring the backup made {manifest['made_at']} into {describe(database)} and {media_root}")
        _restore_database(database, Path(work) / DUMP_NAME)
        _replace_media(Path(work) / MEDIA_NAME, media_root)
    _forget_cached_data()
    say("restored: the database and the attachment folder are those of the backup")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="write a backup file")
    make.add_argument("--directory", type=Path, default=DEFAULT_DIRECTORY, help="where to write it (var/backups)")
    back = commands.add_parser("restore", help="restore a backup file (overwrites the database and attachments)")
    back.add_argument("file", type=Path)
    arguments = parser.parse_args(argv)
    try:
        if arguments.command == "backup":
            backup(arguments.directory)
        else:
            restore(arguments.file)
    except subprocess.CalledProcessError as error:
        fail(f"{Path(str(error.cmd[0])).name} failed (exit status {error.returncode})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
