"""The benchmark's generator: ten years of bodies, meetings, decisions and action points (at a tiny scale here), and
the pages and lists it measures answer a member with a constant number of queries on that data."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import bench as accounts_bench
from apps.accounts.models import User
from apps.consultation import bench
from apps.consultation.models import ActionPoint, Decision, Meeting, MinutesVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_data(db):
    call_command("generate_bench_data", scale=0.05, seed=11, stdout=io.StringIO())


def test_generator_fills_ten_years_with_published_minutes(bench_data):
    assert Decision.objects.count() == 100 and ActionPoint.objects.count() == 500
    sop = Meeting.objects.filter(body__code="SOP")
    assert sop.count() >= 20
    latest = bench._latest_sop_meeting()
    assert latest.agenda_items.count() == bench.SOP_ITEMS and latest.attendances.count() == bench.SOP_ATTENDEES
    assert MinutesVersion.objects.filter(minutes__meeting=latest).get().content["items"][0]["position"] == 1
    assert Decision.objects.filter(published_at__isnull=True).count() == 0


def test_measured_pages_run_the_same_queries_for_a_member_of_the_bench(bench_data, django_assert_num_queries):
    chief = User.objects.get(username=accounts_bench.username("police_chief", 1))
    client = Client()
    client.force_login(chief)
    # Bench users have an authenticator app: the session has passed the code, as after the load run's log-in.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=chief).persistent_id
    session.save()
    client.get("/")
    for name, path, role, _p95 in bench.URLS:
        if role != "police_chief":
            continue
        path = path() if callable(path) else path
        first = client.get(path)
        assert first.status_code == 200, (name, path)
        # From the cache: the session, its user and two-factor device are cached too, so nothing reaches the database.
        with django_assert_num_queries(0):
            client.get(path)


def test_generator_fills_ten_years_of_work_programmes_with_updates(bench_data):
    from apps.consultation.models import Activity, Programme, ProgressUpdate

    assert Programme.objects.count() == 3
    running = bench._running_programme()
    assert running.objectives.count() == round(bench.OBJECTIVES * 0.05)
    assert Activity.objects.filter(objective__programme=running).count() == running.objectives.count() * 10
    assert ProgressUpdate.objects.count() > Activity.objects.count()
    assert set(Activity.objects.values_list("status", flat=True)) >= {"on_track", "done"}
