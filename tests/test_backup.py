"""``make backup`` and ``make restore``: the real script and PostgreSQL's own tools back up the test database and the
attachment folder, both are wiped, the backup is restored, and the API serves the same data and the same files."""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import Client

from tests.shared_data import load_all_demo_data

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "demo-password-2026"
# What an operator, a chief and the secretariat read through the API (lists, one request, one event).
READS = {
    "operator.be": ["/api/v1/assistance-requests", "/api/v1/events", "/api/v1/equipment", "/api/v1/me"],
    "chief.nl": ["/api/v1/assistance-requests", "/api/v1/organisations", "/api/v1/notifications"],
    "secretariat": ["/api/v1/assistance-requests", "/api/v1/countries"],
}

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads what the test wrote: it must be committed


def _script(*args: str, media_root: Path) -> subprocess.CompletedProcess:
    database = django_settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benelux_portal.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database.get('PASSWORD') or ''}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "DJANGO_MEDIA_ROOT": str(media_root),
        "TEST_CACHE_KEY_PREFIX": django_settings.CACHES["default"]["KEY_PREFIX"],  # this run's cache
    }
    return subprocess.run(
        [sys.executable, "scripts/backup.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def _token(username: str) -> str:
    response = Client().post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _served(tokens: dict[str, str], request_id: int, attachment_id: int) -> dict:
    """What the API answers each reader, the request with its attachment, and the attachment's bytes."""
    answers = {}
    for username, paths in READS.items():
        client = Client(HTTP_AUTHORIZATION=f"Token {tokens[username]}")
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (username, path, response.content)
            answers[f"{username} {path}"] = response.json()
    operator = Client(HTTP_AUTHORIZATION=f"Token {tokens['operator.be']}")
    answers["request"] = operator.get(f"/api/v1/assistance-requests/{request_id}").json()
    download = operator.get(f"/api/v1/assistance-requests/{request_id}/attachments/{attachment_id}")
    assert download.status_code == 200
    answers["file"] = b"".join(download.streaming_content)
    return answers


def test_a_backup_restored_after_everything_was_wiped_serves_the_same_data_and_files(settings, tmp_path):
    from apps.assistance.models import Attachment

    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    load_all_demo_data(PASSWORD)
    attachment = Attachment.objects.filter(request__requesting_organisation__short_name="DAO").first()
    assert attachment is not None, "the demo data attaches a plan to a request of DAO (operator.be)"
    tokens = {username: _token(username) for username in READS}
    before = _served(tokens, attachment.request_id, attachment.pk)
    assert before["file"].startswith(b"%PDF")

    made = _script("backup", "--directory", str(tmp_path / "backups"), media_root=media)
    assert made.returncode == 0, made.stderr
    (backup,) = (tmp_path / "backups").glob("benelux-portal-*.tar")
    with tarfile.open(backup) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("backup.json"))
    assert {"backup.json", "database.dump", "media"} <= set(names)
    assert f"media/{attachment.file.name}" in names
    assert manifest["media_files"] == sum(1 for path in media.rglob("*") if path.is_file())

    # Wiped: every table emptied, every file gone; the API knows nobody any more.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert Client(HTTP_AUTHORIZATION=f"Token {tokens['operator.be']}").get("/api/v1/me").status_code == 401

    cache.set("made-before-the-restore", "stale")
    connections.close_all()  # the restore replaces the tables; this test's connection holds none of them
    restored = _script("restore", str(backup), media_root=media)
    assert restored.returncode == 0, restored.stderr
    assert cache.get("made-before-the-restore") is None  # the restore empties the portal's cache
    settings.PORTAL_RELEASE_ID = f"{settings.PORTAL_RELEASE_ID}-after-restore"  # what follows comes from the database

    assert _served(tokens, attachment.request_id, attachment.pk) == before


def test_a_restore_that_fails_leaves_the_database_as_it_was(settings, tmp_path):
    from apps.accounts.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    load_all_demo_data(PASSWORD)
    users = User.objects.count()
    broken = tmp_path / "broken.tar"
    with tarfile.open(broken, "w") as archive:
        for name, content in {
            "backup.json": b'{"format": 1, "made_at": "then"}',
            "database.dump": b"not a dump",
        }.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, fileobj=io.BytesIO(content))
    connections.close_all()
    answer = _script("restore", str(broken), media_root=tmp_path / "media")
    assert answer.returncode != 0
    assert "pg_restore failed" in answer.stderr
    assert User.objects.count() == users


def test_restore_refuses_a_file_that_is_not_a_backup(settings, tmp_path):
    other = tmp_path / "other.tar"
    with tarfile.open(other, "w") as archive:
        archive.add(__file__, arcname="notes.py")
    answer = _script("restore", str(other), media_root=tmp_path / "media")
    assert answer.returncode == 2
    assert "is not a backup of the portal" in answer.stderr
