"""The working groups hear of their activities due within 14 days and of those newly late; the chiefs get, a week
before each meeting of the Strategic Consultation, a digest of what changed since the meeting before: each once,
each in the reader's language (the outbox row in the transaction; delivery by a real worker is shown once here, and
tested in apps/notifications/tests)."""

import time
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings

from apps.consultation import services
from apps.consultation.models import Activity, MeetingDigest
from apps.consultation.tasks import notify_due_activities, send_meeting_digests
from apps.notifications.models import InboxEntry, Notification
from apps.notifications.services import notification_deliver

from .factories import make_activity, make_meeting, make_objective, organisation, post_update, user

pytestmark = pytest.mark.django_db
MAY_2019 = datetime(2019, 5, 20, 6, tzinfo=UTC)


def _reached(notification) -> set[str]:
    notification_deliver(notification_id=notification.pk)
    return set(InboxEntry.objects.filter(notification=notification).values_list("user__username", flat=True))


def test_the_beat_runs_both_every_day():
    for name, task in (
        ("consultation-notify-due-activities", notify_due_activities),
        ("consultation-send-meeting-digests", send_meeting_digests),
    ):
        entry = settings.CELERY_BEAT_SCHEDULE[name]
        assert entry["task"] == task.name and entry["schedule"].hour == {7}


@time_machine.travel(MAY_2019, tick=False)
def test_the_group_hears_once_of_an_activity_due_within_14_days(programme, wg_member):
    objective = make_objective(programme)
    radio = make_activity(objective, "Radio", due_on=date(2019, 5, 30))
    make_activity(objective, "Later", due_on=date(2019, 6, 30))
    assert notify_due_activities.apply().get() == 1
    notification = Notification.objects.get()
    assert notification.kind == "consultation.activity_due_soon" and notification.url == radio.get_absolute_url()
    # The group's own members and those seconded to it; nobody else.
    assert _reached(notification) == {"wg.cr", "liaison.nl"}
    assert notification.render("en") == (
        "Activity 1.1 of the 2017–2020 work programme is due on 2019-05-30: post a progress update."
    )
    assert notify_due_activities.apply().get() == 0  # told once
    services.activity_update(activity=radio, actor=user("secretariat"), due_on=date(2019, 6, 2))
    assert notify_due_activities.apply().get() == 1  # a new due date: told again


@time_machine.travel(MAY_2019, tick=False)
def test_the_group_hears_once_when_an_activity_becomes_late(programme):
    objective = make_objective(programme)
    make_activity(objective, "Yesterday", due_on=date(2019, 5, 19))
    make_activity(objective, "Long ago", due_on=date(2018, 1, 31), starts_on=date(2017, 1, 1))
    done = make_activity(objective, "Done", due_on=date(2019, 5, 18))
    post_update(done, "done", 100)
    assert services.activities_notify(today=date(2019, 5, 20)) == 1
    notification = Notification.objects.get()
    assert notification.kind == "consultation.activity_late"
    assert "is late: it was due on 2019-05-19" in notification.render("en")
    assert services.activities_notify(today=date(2019, 5, 20)) == 0


def test_a_refused_notice_leaves_nothing_half_done(programme):
    # An activity led by an organisation without a working-group member reaches nobody, but is told once all the same.
    objective = make_objective(programme)
    with time_machine.travel(MAY_2019, tick=False):
        make_activity(objective, "Police", lead=organisation("LU", "PGD"), due_on=date(2019, 5, 25))
        assert services.activities_notify() == 1
        assert _reached(Notification.objects.get()) == set()
        assert Activity.objects.get().due_soon_notified_for == date(2019, 5, 25)


def test_the_chiefs_get_one_digest_a_week_before_the_meeting_in_their_language(programme, sop, hazeldonk):
    objective = make_objective(programme)
    radio = make_activity(objective, "Radio", due_on=date(2019, 6, 1))
    app = make_activity(objective, "App", due_on=date(2019, 12, 31))
    almanac = make_activity(objective, "Almanac", due_on=date(2019, 3, 31))
    make_meeting(sop, starts_at=datetime(2018, 11, 20, 10, tzinfo=UTC))
    meeting = make_meeting(sop, starts_at=datetime(2019, 6, 4, 10, tzinfo=UTC))
    make_meeting(hazeldonk, starts_at=datetime(2019, 6, 3, 10, tzinfo=UTC))  # a body without a programme
    post_update(radio, "on_track", 20, at=datetime(2018, 10, 1, tzinfo=UTC))  # before the meeting before
    post_update(radio, "at_risk", 40, at=datetime(2019, 2, 1, tzinfo=UTC))
    post_update(app, "done", 100, at=datetime(2019, 3, 1, tzinfo=UTC))
    with time_machine.travel(datetime(2019, 5, 27, 6, tzinfo=UTC), tick=False):
        assert services.meeting_digests_send() == 0  # eight days before: not yet
    with time_machine.travel(datetime(2019, 5, 28, 6, tzinfo=UTC), tick=False):
        assert send_meeting_digests.apply().get() == 1
        assert send_meeting_digests.apply().get() == 0  # once per meeting
    notification = Notification.objects.get(kind="consultation.objectives_digest")
    assert MeetingDigest.objects.get().meeting == meeting
    assert notification.params | {} == {
        "body": "SOP",
        "date": "2019-06-04",
        "since": "2018-11-20",
        "updated": 2,
        "done": 1,
        "late": 1,
        "at_risk": 1,
        "due": 1,
    }
    assert _reached(notification) == {"chief.be", "chief.nl", "chief.lu"}
    assert notification.render("en") == (
        "Before the SOP meeting of 2019-06-04: since 2018-11-20, 2 activities were updated and 1 completed; 1 are "
        "late, 1 at risk and 1 due before the meeting."
    )
    assert almanac.pk  # late: due 31 March 2019, not done


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_due_notice_to_the_group(control_rooms, celery_worker_process):
    from .factories import make_programme

    programme = make_programme(control_rooms.body, 2024, 2027)
    today = date.today()
    make_activity(make_objective(programme), "Radio", due_on=today + timedelta(days=3), starts_on=today)
    assert notify_due_activities.delay().get(timeout=30) == 1
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not InboxEntry.objects.filter(user=user("liaison.nl")).exists():
        time.sleep(0.2)
    assert InboxEntry.objects.get(user=user("liaison.nl")).notification.kind == "consultation.activity_due_soon"


@time_machine.travel(MAY_2019, tick=False)
def test_notices_read_in_each_members_language(programme):
    make_activity(make_objective(programme), "Radio", due_on=date(2019, 5, 30))
    services.activities_notify()
    notification = Notification.objects.get()
    assert notification.render("nl") == (
        "Activiteit 1.1 van het werkprogramma 2017–2020 vervalt op 2019-05-30: meld de voortgang."
    )
    assert notification.render("fr") == (
        "L'activité 1.1 du programme de travail 2017–2020 arrive à échéance le 2019-05-30 : publiez un état "
        "d'avancement."
    )
