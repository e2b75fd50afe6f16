"""The rules of the work programmes: the secretariat keeps programmes, objectives and activities; the members of an
activity's lead post its progress updates, the latest of which sets its status; late is worked out from the dates;
going back needs a reason; bad input is refused with a clear message and saves nothing; every change is in the audit
history."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from apps.consultation import selectors, services
from apps.consultation.choices import ProgressStatus
from apps.consultation.models import Activity, AgendaItem, Objective, Programme, ProgressUpdate
from apps.core.errors import ApplicationError

from .factories import (
    add_item,
    make_activity,
    make_meeting,
    make_objective,
    make_programme,
    organisation,
    post_update,
    user,
)

pytestmark = pytest.mark.django_db


def test_secretariat_numbers_objectives_and_activities_in_order(programme):
    treaty = make_objective(programme, "Sign a new Benelux Police Treaty", target_date=date(2018, 7, 23))
    cooperation = make_objective(programme, "Optimise cross-border police cooperation")
    app = make_activity(cooperation, "The Benelux smartphone app")
    radio = make_activity(cooperation, "Cross-border radio communication")
    assert (treaty.number, cooperation.number) == (1, 2)
    assert (app.reference, radio.reference) == ("2.1", "2.2")
    assert app.status == ProgressStatus.NOT_STARTED and app.progress == 0
    assert cooperation.owner_body == programme.body  # the programme's body unless another is given


@pytest.mark.parametrize("username", ["chief.be", "liaison.nl", "operator.nl"])
def test_only_the_secretariat_keeps_programmes_objectives_and_activities(programme, username):
    objective = make_objective(programme)
    activity = make_activity(objective)
    actor = user(username)
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=actor, body=programme.body, start_year=2021, end_year=2024, title_en="Next")
    with pytest.raises(PermissionDenied):
        services.objective_create(programme=programme, actor=actor, title_en="x", target_date=date(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=activity, actor=actor, title_en="Renamed")
    assert Programme.objects.count() == 1 and Objective.objects.count() == 1
    assert Activity.objects.get().title_en == "The Benelux smartphone app"


def test_a_due_date_before_the_start_is_refused_and_nothing_is_saved(programme):
    objective = make_objective(programme)
    with pytest.raises(ApplicationError) as refused:
        make_activity(objective, starts_on=date(2019, 6, 1), due_on=date(2019, 5, 31))
    assert refused.value.errors["due_on"] == ["The due date cannot be before the start."]
    assert not Activity.objects.exists()


def test_a_programme_ending_before_it_starts_or_starting_twice_is_refused(programme):
    with pytest.raises(ApplicationError) as refused:
        make_programme(programme.body, 2024, 2021)
    assert refused.value.errors["end_year"] == ["The programme cannot end before its first year."]
    with pytest.raises(ApplicationError) as refused:
        make_programme(programme.body, 2017, 2019)
    assert "start_year" in refused.value.errors
    assert Programme.objects.count() == 1


def test_an_objective_number_taken_is_refused(programme):
    make_objective(programme)
    with pytest.raises(ApplicationError) as refused:
        make_objective(programme, "Another", number=1)
    assert refused.value.errors["number"] == ["This programme already has an objective with that number."]


def test_status_and_progress_change_only_with_an_update(programme):
    activity = make_activity(make_objective(programme))
    with pytest.raises(ApplicationError) as refused:
        services.activity_update(activity=activity, actor=user("secretariat"), status="done", progress=100)
    assert "Post a progress update" in refused.value.errors["status"][0]
    activity.refresh_from_db()
    assert activity.status == ProgressStatus.NOT_STARTED


def test_a_seconded_member_posts_an_update_which_sets_the_status_and_keeps_the_history(programme):
    activity = make_activity(make_objective(programme))
    first = post_update(activity, "on_track", 20, text="Specifications agreed with the three control rooms.")
    second = post_update(activity, "at_risk", 35, text="The Luxembourg tender is delayed.")
    activity.refresh_from_db()
    assert (activity.status, activity.progress, activity.changed_at) == ("at_risk", 35, second.created_at)
    assert [u.pk for u in selectors.updates_of(activity=activity)] == [second.pk, first.pk]
    assert (second.previous_status, second.previous_progress) == ("on_track", 20)
    assert second.author.username == "liaison.nl"


def test_a_member_of_the_working_group_itself_posts_updates(programme, wg_member):
    activity = make_activity(make_objective(programme))
    services.progress_update_post(activity=activity, actor=wg_member, text="Started.", status="on_track", progress=5)
    assert ProgressUpdate.objects.get().author == wg_member


@pytest.mark.parametrize("username", ["liaison.nl", "chief.be", "operator.be"])
def test_an_update_on_another_groups_activity_is_refused_with_a_clear_message(programme, username):
    activity = make_activity(make_objective(programme), lead=organisation("BE", "FEDPOL"))
    with pytest.raises(PermissionDenied) as refused:
        post_update(activity, "on_track", 10, by=username)
    assert str(refused.value) == "Only the members of Belgian Federal Police post progress updates on its activities."
    assert not ProgressUpdate.objects.exists()
    activity.refresh_from_db()
    assert activity.status == ProgressStatus.NOT_STARTED


def test_the_secretariat_posts_updates_on_any_activity(programme):
    activity = make_activity(make_objective(programme), lead=organisation("BE", "FEDPOL"))
    post_update(activity, "on_track", 10, by="secretariat")
    assert Activity.objects.get().status == "on_track"


@pytest.mark.parametrize("progress", [-1, 101, 250, "50", None, True])
def test_progress_outside_0_to_100_is_refused_and_nothing_is_saved(programme, progress):
    activity = make_activity(make_objective(programme))
    with pytest.raises(ApplicationError) as refused:
        post_update(activity, "on_track", progress)
    assert refused.value.errors["progress"] == ["Give a percentage from 0 to 100."]
    assert not ProgressUpdate.objects.exists()
    assert Activity.objects.get().progress == 0


def test_done_means_one_hundred_percent(programme):
    activity = make_activity(make_objective(programme))
    with pytest.raises(ApplicationError) as refused:
        post_update(activity, "done", 80)
    assert "100" in refused.value.errors["progress"][0]


def test_done_back_to_not_started_needs_a_reason(programme):
    activity = make_activity(make_objective(programme))
    post_update(activity, "done", 100)
    with pytest.raises(ApplicationError) as refused:
        post_update(activity, "not_started", 0, text="Reopened.")
    assert refused.value.errors["reason"] == ["Going from “Done” back to “Not started” needs a reason: say why."]
    assert ProgressUpdate.objects.count() == 1 and Activity.objects.get().status == "done"
    update = post_update(activity, "not_started", 0, text="Reopened.", reason="The new treaty changes the procedure.")
    assert update.reason == "The new treaty changes the procedure."
    assert Activity.objects.get().status == "not_started"


def test_late_cannot_be_typed(programme):
    activity = make_activity(make_objective(programme))
    with pytest.raises(ApplicationError) as refused:
        post_update(activity, "late", 10)
    assert "late when its due date has passed" in refused.value.errors["status"][0]
    with pytest.raises(ApplicationError):
        services.objective_update(objective=activity.objective, actor=user("secretariat"), status="late")


def test_an_activity_is_late_once_its_due_date_has_passed_and_it_is_not_done(programme):
    activity = make_activity(make_objective(programme), due_on=date(2019, 3, 31))
    post_update(activity, "on_track", 60)
    activity.refresh_from_db()
    with time_machine.travel(datetime(2019, 3, 31, 12, tzinfo=UTC)):
        assert activity.shown_status(date.today()) == "on_track"  # due today: not late yet
    with time_machine.travel(datetime(2019, 4, 1, 12, tzinfo=UTC)):
        today = date.today()
        assert activity.shown_status(today) == "late"
        assert list(Activity.objects.filter(selectors.late_condition(today))) == [activity]
    post_update(activity, "done", 100)
    activity.refresh_from_db()
    with time_machine.travel(datetime(2019, 4, 1, 12, tzinfo=UTC)):
        assert activity.shown_status(date.today()) == "done"
        assert not Activity.objects.filter(selectors.late_condition(date.today())).exists()


def test_an_update_is_never_dated_in_the_future_nor_before_the_latest(programme):
    activity = make_activity(make_objective(programme))
    post_update(activity, "on_track", 10, at=datetime(2018, 3, 1, 9, tzinfo=UTC))
    with pytest.raises(ApplicationError) as refused:
        post_update(activity, "on_track", 20, at=datetime(2018, 2, 1, 9, tzinfo=UTC))
    assert refused.value.errors["at"] == ["An update cannot be dated before the latest one."]
    with pytest.raises(ApplicationError):
        post_update(activity, "on_track", 20, at=datetime.now(UTC) + timedelta(days=1))
    assert ProgressUpdate.objects.count() == 1


def test_every_change_is_in_the_audit_history_with_its_author(programme):
    objective = make_objective(programme)
    activity = make_activity(objective)
    services.activity_update(activity=activity, actor=user("secretariat"), title_fr="L'application Benelux")
    post_update(activity, "on_track", 30)
    decision_free = activity.history.order_by("history_date")
    assert [row.history_user.username for row in decision_free] == ["secretariat", "secretariat", "liaison.nl"]
    assert decision_free.last().status == "on_track"
    assert ProgressUpdate.history.get().history_user.username == "liaison.nl"
    assert objective.history.get().history_user.username == "secretariat"
    assert programme.history.get().history_user.username == "secretariat"


def test_an_activity_is_linked_to_decisions_and_action_points_with_history(sop, programme):
    from .factories import publish_minutes

    meeting = make_meeting(sop)
    secretariat = user("secretariat")
    decision = services.decision_create(
        meeting=meeting, actor=secretariat, language="en", title_en="Smartphone app", text_en="adopts the app"
    )
    point = services.action_point_create(meeting=meeting, actor=secretariat, title_en="Tender", owner_name="NL")
    publish_minutes(meeting)
    activity = make_activity(make_objective(programme), decisions=[decision], action_points=[point])
    assert list(activity.decisions.all()) == [decision] and list(activity.action_points.all()) == [point]
    services.activity_update(activity=activity, actor=secretariat, decisions=[])
    assert not activity.decisions.exists()
    assert [
        list(row.decisions.values_list("decision_id", flat=True)) for row in activity.history.order_by("history_date")
    ][-1] == []


def test_an_agenda_item_concerns_an_objective_or_an_activity_not_both(sop, programme):
    objective = make_objective(programme)
    activity = make_activity(objective)
    meeting = make_meeting(sop)
    item = add_item(meeting, "The smartphone app", activity=activity)
    assert (item.activity, item.objective) == (activity, None)
    services.agenda_item_update(item=item, actor=user("secretariat"), objective=objective)
    item.refresh_from_db()
    assert (item.activity, item.objective) == (None, objective)
    with pytest.raises(ApplicationError) as refused:
        services.agenda_item_update(item=item, actor=user("secretariat"), objective=objective, activity=activity)
    assert "not both" in refused.value.errors["activity"][0]
    assert AgendaItem.objects.get(pk=item.pk).objective == objective


def test_changed_since_the_last_visit_follows_the_visits(programme):
    activity = make_activity(make_objective(programme))
    chief = user("chief.nl")
    start = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        assert services.dashboard_visit_record(user=chief, now=start) is None  # a first visit
    with time_machine.travel(start + timedelta(hours=3), tick=False):
        post_update(activity, "on_track", 10)
    with time_machine.travel(start + timedelta(days=1), tick=False):
        now = start + timedelta(days=1)
        since = services.dashboard_visit_record(user=chief, now=now)
        assert since == start
        activity.refresh_from_db()
        selectors.decorate([activity], today=now.date(), since=since)
        assert activity.changed
        # Another look within the hour is the same visit: the change is still shown.
        later = now + timedelta(minutes=40)
        assert services.dashboard_visit_record(user=chief, now=later) == start
        assert services.dashboard_visit_peek(user=chief, now=later) == start
    with time_machine.travel(start + timedelta(days=2), tick=False):
        now = start + timedelta(days=2)
        assert services.dashboard_visit_peek(user=chief, now=now) == start + timedelta(days=1)
        since = services.dashboard_visit_record(user=chief, now=now)
        assert since == start + timedelta(days=1)
        selectors.decorate([activity], today=now.date(), since=since)
        assert not activity.changed  # seen on the visit before
