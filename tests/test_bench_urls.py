"""Every row ``make bench`` measures answers 200 to a bench user of its role, on the generated data (tiny scale):
a row that answered 302 or 404 would measure the wrong thing."""

import io

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import bench as accounts_bench
from apps.accounts.models import User
from bench import run


@pytest.fixture
def bench_data(db):
    call_command("generate_bench_data", scale=0.01, seed=2026, stdout=io.StringIO())


def _client(role: str) -> Client:
    client = Client()
    if role in ("anonymous", None):
        return client
    if role == "*":
        role = "operator"
    user = User.objects.get(username=accounts_bench.username(role, 1))
    client.force_login(user)
    # Bench users have an authenticator app: the session has passed the code, as after the load run's log-in.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    return client


def test_every_measured_row_answers_200_to_a_bench_user_of_its_role(bench_data):
    rows = [row for row in run.targets("") if row["app"] != "ceiling"]
    apps = {row["app"] for row in rows}
    assert {"accounts", "events", "assistance", "notifications"} <= apps
    for row in rows:
        response = _client(row["role"]).get(row["path"])
        assert response.status_code == 200, (row["app"], row["name"], row["path"], response.status_code)


def test_rows_whose_paths_depend_on_the_data_are_measured(bench_data):
    paths = {(row["app"], row["name"]): row["path"] for row in run.targets("")}
    assert paths[("events", "detail")].startswith("/events/")
    assert paths[("events", "api feed (secret address)")].startswith("/api/v1/events.ics?token=")
    assert paths[("notifications", "inbox")] == "/notifications/"


def test_a_row_whose_path_function_finds_nothing_is_left_out(monkeypatch, db):  # path functions read the data
    from apps.events import bench as events_bench

    monkeypatch.setattr(events_bench, "URLS", [("detail", lambda: None, "*"), ("month", "/events/", "*")])
    names = [row["name"] for row in run.targets("") if row["app"] == "events"]
    assert names == ["month"]


def test_bench_starts_with_an_empty_cache_only_when_the_cache_is_its_own(monkeypatch):
    # A database of its own on the test Redis: emptying the tests' would take Celery's queues with it.
    location = settings.CACHES["default"]["LOCATION"].rsplit("/", 1)[0] + "/15"
    cache = RedisCache(location, {"KEY_PREFIX": "bench-test"})
    cache.set("page", "<p>cached by other templates</p>", 60)
    monkeypatch.delenv("BENCH_CLEAR_CACHE", raising=False)
    run.clear_own_cache(cache)  # a REDIS_URL of the user's: left alone
    assert cache.get("page") is not None
    monkeypatch.setenv("BENCH_CLEAR_CACHE", "1")
    run.clear_own_cache(cache)
    assert cache.get("page") is None
