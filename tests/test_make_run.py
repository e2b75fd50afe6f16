"""``make run`` as its user meets it: e-mails written to files under var/ with a line each in the log, their links
leading to where the portal listens, and a missing page answered with the portal's own 404 in the user's language.

``make run`` itself is not started here (it would hold a port and the machine's CPU for minutes): its settings module
is read as make run reads it, in a process of its own, and the e-mail it configures is sent for real."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import json; from django.conf import settings; print(json.dumps({'debug': settings.DEBUG, "
    "'backend': settings.EMAIL_BACKEND, 'path': str(settings.EMAIL_FILE_PATH), "
    "'base': settings.NOTIFICATIONS_BASE_URL}))"
)


def _make_run_settings(**environment) -> dict:
    """The settings of make run (benelux_portal.settings.local) as a process started like scripts/devstack.py sees
    them."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"EMAIL_URL", "PORTAL_BASE_URL", "PORT", "DJANGO_DEBUG", "DJANGO_EMAIL_FILE_PATH"}
    }
    env.update(DJANGO_SETTINGS_MODULE="benelux_portal.settings.local", **environment)
    answer = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def test_make_run_shows_the_portals_error_pages_and_writes_emails_to_files_under_var():
    seen = _make_run_settings()
    assert seen["debug"] is False
    assert seen["backend"] == "apps.core.mail.FileEmailBackend"
    assert Path(seen["path"]) == ROOT / "var" / "mail"
    assert seen["base"] == "http://127.0.0.1:8000"


def test_links_in_make_runs_emails_lead_to_the_port_it_listens_on():
    assert _make_run_settings(PORT="8123")["base"] == "http://127.0.0.1:8123"
    assert _make_run_settings(PORTAL_BASE_URL="https://portal.example/")["base"] == "https://portal.example"
    assert _make_run_settings(EMAIL_URL="smtp://mail.example:25")["backend"].endswith("smtp.EmailBackend")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_a_missing_page_is_the_portals_own_404_in_the_users_language(demo, login, settings, language):
    settings.DEBUG = False  # as under make run and in production
    response = login("chief.be", language=language).get("/assistance/no-such-page/")
    assert response.status_code == 404
    with translation.override(language):
        title, back = gettext("Page not found"), gettext("Back to the dashboard")
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert title in body and back in body
    assert f'href="{reverse("home")}"' in body
