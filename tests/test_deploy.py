"""Production settings pass Django's deployment checks and refuse to start without a secret."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "benelux_portal.settings.production",
    "DJANGO_SECRET_KEY": "deploy-check-only-0f9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a3",
    "DJANGO_ALLOWED_HOSTS": "portal.benelux-police.example",
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_deploy_check_is_clean_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env={**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_no_model_change_lacks_a_migration():
    result = _manage(
        "makemigrations", "--check", "--dry-run", env={"DJANGO_SETTINGS_MODULE": "benelux_portal.settings.test"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
