"""The secretariat plans, minutes and publishes meetings through the services; every rule of issue 17 here."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from apps.consultation import selectors, services
from apps.consultation.choices import ItemKind, MinutesStatus
from apps.consultation.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting, Minutes, MinutesVersion
from apps.core.errors import ApplicationError
from apps.notifications.models import Notification

from .factories import JUNE_2022, add_item, make_meeting, organisation, publish_minutes, topic, user

pytestmark = pytest.mark.django_db


# --- meetings ------------------------------------------------------------------------------------------------------


def test_secretariat_plans_a_meeting_with_its_members_invited(sop):
    meeting = make_meeting(sop, chair_country=organisation("LU", "PGD").country, chair_name="Tom Kieffer")
    assert meeting.minutes.status == MinutesStatus.DRAFT
    invited = {(row.organisation.short_name, row.name) for row in meeting.attendances.all()}
    # The chiefs of the member police services by name; the secretariat, without a chief, by its name.
    assert ("FEDPOL", "Jean-Marc Delvaux") in invited
    assert ("POLNL", "Marloes van Dijk") in invited
    assert ("PGD", "Tom Kieffer") in invited
    assert ("BNL-SG", "Benelux Secretariat-General") in invited
    assert meeting.history.first().history_user == user("secretariat")


def test_meeting_ending_before_it_starts_is_refused_in_the_users_language_and_nothing_is_saved(sop):
    with translation.override("fr"), pytest.raises(ApplicationError) as refused:
        make_meeting(sop, hours=-2)
    assert refused.value.errors["ends_at"] == ["La réunion doit se terminer après son début."]
    assert not Meeting.objects.exists() and not Minutes.objects.exists() and not Attendance.objects.exists()


def test_digital_meeting_needs_its_link_and_a_meeting_in_person_its_place(sop):
    with pytest.raises(ApplicationError) as refused:
        make_meeting(sop, format="online", place="", online_link="")
    assert "online_link" in refused.value.errors
    with pytest.raises(ApplicationError) as refused:
        make_meeting(sop, format="in_person", place="")
    assert "place" in refused.value.errors
    meeting = make_meeting(sop, format="online", place="", online_link="https://meet.benelux.example/sop-2020")
    assert meeting.online_link.startswith("https://")


def test_police_chief_cannot_plan_a_meeting(sop):
    with pytest.raises(PermissionDenied):
        make_meeting(sop, actor=user("chief.be"))
    assert not Meeting.objects.exists()


def test_meeting_stays_with_its_body(sop, hazeldonk):
    meeting = make_meeting(sop)
    with pytest.raises(ApplicationError):
        services.meeting_update(meeting=meeting, actor=user("secretariat"), body=hazeldonk)
    meeting.refresh_from_db()
    assert meeting.body == sop


# --- agenda --------------------------------------------------------------------------------------------------------


def test_agenda_items_are_numbered_and_reordered(sop):
    meeting = make_meeting(sop)
    first, second, third = (add_item(meeting, title) for title in ("Ukraine", "Police Treaty", "Training"))
    assert [first.position, second.position, third.position] == [1, 2, 3]
    services.agenda_item_move(item=third, actor=user("secretariat"), direction="up")
    assert list(meeting.agenda_items.values_list("title_en", flat=True)) == ["Ukraine", "Training", "Police Treaty"]
    services.agenda_reorder(meeting=meeting, actor=user("secretariat"), item_ids=[second.pk, first.pk, third.pk])
    assert list(meeting.agenda_items.values_list("title_en", flat=True)) == ["Police Treaty", "Ukraine", "Training"]
    services.agenda_item_delete(item=AgendaItem.objects.get(pk=first.pk), actor=user("secretariat"))
    assert list(meeting.agenda_items.values_list("position", flat=True)) == [1, 2]


def test_agenda_item_cannot_be_moved_into_another_meeting(sop):
    june = make_meeting(sop)
    november = make_meeting(sop, starts_at=JUNE_2022 + timedelta(days=150))
    item = add_item(june, "Cybercrime")
    other = add_item(november, "Joint training")
    with pytest.raises(ApplicationError) as refused:
        services.agenda_item_update(item=item, actor=user("secretariat"), meeting=november, title_en="Moved")
    assert "another meeting" in refused.value.message
    with pytest.raises(ApplicationError) as refused:
        services.agenda_reorder(meeting=november, actor=user("secretariat"), item_ids=[other.pk, item.pk])
    assert "another meeting" in refused.value.message
    item.refresh_from_db()
    assert (item.meeting, item.title_en, item.position) == (june, "Cybercrime", 1)
    assert list(november.agenda_items.all()) == [other]


def test_agenda_item_needs_a_title_in_some_language(sop):
    meeting = make_meeting(sop)
    with pytest.raises(ApplicationError) as refused:
        services.agenda_item_create(meeting=meeting, actor=user("secretariat"), title_en="  ", description_en="x")
    assert "title" in refused.value.errors
    assert not meeting.agenda_items.exists()


def test_publishing_the_agenda_notifies_the_member_chiefs_with_a_link(sop):
    meeting = make_meeting(sop)
    add_item(meeting, "Developments in the three countries and the crisis in Ukraine")
    assert services.agenda_publish(meeting=meeting, actor=user("secretariat")) is None
    notification = Notification.objects.get(kind="consultation.agenda_published")
    assert notification.url == meeting.get_absolute_url()
    assert {spec["id"] for spec in notification.recipients} == set(
        sop.memberships.values_list("organisation_id", flat=True)
    )
    assert all(spec["roles"] == ["police_chief"] for spec in notification.recipients)
    assert (
        notification.render("en")
        == "The agenda of the Strategic Consultation Police meeting of 14 Jun 2022 is published."
    )


def test_a_changed_agenda_notifies_again_saying_what_changed(sop):
    meeting = make_meeting(sop)
    ukraine = add_item(meeting, "Ukraine")
    treaty = add_item(meeting, "Police Treaty")
    services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    with pytest.raises(ApplicationError) as refused:
        services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    assert "not changed" in refused.value.message
    add_item(meeting, "Cybercrime")
    services.agenda_item_update(item=ukraine, actor=user("secretariat"), title_en="Ukraine and the war's effects")
    services.agenda_reorder(
        meeting=meeting, actor=user("secretariat"), item_ids=[treaty.pk, ukraine.pk, ukraine.pk + 2]
    )
    changes = services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    assert changes == {"added": 1, "removed": 0, "changed": 1, "moved": 2, "items": [1, 2, 3]}
    notification = Notification.objects.get(kind="consultation.agenda_changed")
    assert notification.render("en") == (
        "The agenda of the Strategic Consultation Police meeting of 14 Jun 2022 has changed: 1 added, 0 removed, "
        "1 changed, 2 moved "
        "(items concerned: 1, 2, 3)."
    )
    meeting.refresh_from_db()
    assert meeting.agenda_revision == 2


def test_an_empty_agenda_is_not_published(sop):
    meeting = make_meeting(sop)
    with pytest.raises(ApplicationError):
        services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    assert not Notification.objects.exists()


def test_agenda_documents_are_links_to_the_document_store(sop):
    meeting = make_meeting(sop)
    item = add_item(meeting, "Form for assistance and cooperation")
    services.agenda_document_add(
        item=item, actor=user("secretariat"), title="Draft form", url="https://docs.benelux.example/form.pdf"
    )
    with pytest.raises(ApplicationError) as refused:
        services.agenda_document_add(item=item, actor=user("secretariat"), title="Bad", url="javascript:alert(1)")
    assert "url" in refused.value.errors
    assert item.documents.count() == 1


# --- attendance ----------------------------------------------------------------------------------------------------


def _row(meeting, name):
    return Attendance.objects.get(meeting=meeting, name=name)


def test_substitute_represents_an_absent_member(sop):
    meeting = make_meeting(sop)
    delvaux = _row(meeting, "Jean-Marc Delvaux")
    substitute = services.attendance_add_substitute(
        meeting=meeting, actor=user("secretariat"), represents=delvaux, name="Anne Claes", function="Director"
    )
    delvaux.refresh_from_db()
    assert delvaux.status == "absent"
    assert substitute.represents == delvaux and substitute.status == "present"
    assert substitute.organisation == delvaux.organisation


def test_substitute_for_a_member_who_is_present_is_refused(sop):
    meeting = make_meeting(sop)
    delvaux = _row(meeting, "Jean-Marc Delvaux")
    services.attendance_set(meeting=meeting, actor=user("secretariat"), statuses={delvaux.pk: "present"})
    with pytest.raises(ApplicationError) as refused:
        services.attendance_add_substitute(meeting=meeting, actor=user("secretariat"), represents=delvaux, name="X")
    assert "is present" in refused.value.errors["represents"][0]
    assert not Attendance.objects.filter(kind="substitute").exists()


def test_represented_member_cannot_be_marked_present_and_nothing_is_half_saved(sop):
    meeting = make_meeting(sop)
    delvaux = _row(meeting, "Jean-Marc Delvaux")
    van_dijk = _row(meeting, "Marloes van Dijk")
    services.attendance_add_substitute(
        meeting=meeting, actor=user("secretariat"), represents=delvaux, name="Anne Claes"
    )
    with pytest.raises(ApplicationError) as refused:
        services.attendance_set(
            meeting=meeting, actor=user("secretariat"), statuses={van_dijk.pk: "present", delvaux.pk: "present"}
        )
    assert f"status-{delvaux.pk}" in refused.value.errors
    van_dijk.refresh_from_db()
    assert van_dijk.status == "invited"


def test_attendance_of_another_meeting_is_refused(sop):
    june = make_meeting(sop)
    other = make_meeting(sop, starts_at=JUNE_2022 + timedelta(days=100))
    foreign = _row(other, "Jean-Marc Delvaux")
    with pytest.raises(ApplicationError):
        services.attendance_set(meeting=june, actor=user("secretariat"), statuses={foreign.pk: "excused"})
    with pytest.raises(ApplicationError):
        services.attendance_add_substitute(meeting=june, actor=user("secretariat"), represents=foreign, name="X")
    foreign.refresh_from_db()
    assert foreign.status == "invited"


def test_guest_is_recorded_with_their_function(sop):
    meeting = make_meeting(sop)
    guest = services.attendance_add(
        meeting=meeting,
        actor=user("secretariat"),
        kind="guest",
        name="Hilde Vermeulen",
        function="Deputy Secretary-General of the Benelux Union",
        organisation=organisation(None, "BNL-SG"),
    )
    assert guest.status == "present" and guest.kind == "guest"


# --- minutes -------------------------------------------------------------------------------------------------------


def test_second_secretary_saving_stale_minutes_is_refused_and_nothing_is_overwritten(sop):
    meeting = make_meeting(sop)
    item = add_item(meeting, "Cybercrime")
    started_from = meeting.minutes.lock_version
    services.minutes_save(
        meeting=meeting,
        actor=user("secretariat"),
        lock_version=started_from,
        notes={item.pk: "First secretary's notes"},
    )
    with pytest.raises(ApplicationError) as refused:
        services.minutes_save(
            meeting=meeting, actor=user("secretariat"), lock_version=started_from, notes={item.pk: "Second's notes"}
        )
    assert "after you opened them" in refused.value.message
    item.refresh_from_db()
    assert item.notes == "First secretary's notes"
    assert Minutes.objects.get(meeting=meeting).lock_version == started_from + 1


def test_notes_for_an_item_of_another_meeting_are_refused(sop):
    june = make_meeting(sop)
    other = make_meeting(sop, starts_at=JUNE_2022 + timedelta(days=100))
    own = add_item(june, "Own")
    foreign = add_item(other, "Foreign")
    with pytest.raises(ApplicationError):
        services.minutes_save(
            meeting=june, actor=user("secretariat"), lock_version=1, notes={own.pk: "ok", foreign.pk: "no"}
        )
    own.refresh_from_db()
    assert own.notes == ""


def test_minutes_go_from_draft_to_approved_to_published_and_lock_the_record(sop):
    secretariat = user("secretariat")
    meeting = make_meeting(sop)
    item = add_item(meeting, "Form")
    decision = services.decision_create(
        meeting=meeting, actor=secretariat, language="fr", title_fr="Formulaire", text_fr="adopte le formulaire"
    )
    point = services.action_point_create(
        meeting=meeting,
        actor=secretariat,
        title_en="Translate the form",
        owner_organisation=organisation("NL", "POLNL"),
    )
    services.minutes_save(meeting=meeting, actor=secretariat, lock_version=1, notes={item.pk: "Adopted."})
    with pytest.raises(ApplicationError):  # the lifecycle: approve first
        services.minutes_publish(meeting=meeting, actor=secretariat)
    services.minutes_approve(meeting=meeting, actor=secretariat)
    with pytest.raises(ApplicationError) as refused:
        add_item(meeting, "Too late")
    assert "approved" in refused.value.message
    version = services.minutes_publish(meeting=meeting, actor=secretariat)
    assert version.number == 1
    assert version.content["items"][0]["notes"] == "Adopted."
    assert version.content["decisions"][0]["reference"] == "SOP-2022-01"
    decision.refresh_from_db()
    point.refresh_from_db()
    assert decision.published_at == point.published_at == version.published_at
    with pytest.raises(ApplicationError) as refused:
        services.minutes_save(meeting=meeting, actor=secretariat, lock_version=meeting.minutes.lock_version + 2)
    with pytest.raises(ApplicationError) as refused:
        services.minutes_save(
            meeting=meeting, actor=secretariat, lock_version=Minutes.objects.get(meeting=meeting).lock_version
        )
    assert "locked" in refused.value.message


def test_a_correction_is_a_new_dated_version_and_the_published_one_stays(sop):
    secretariat = user("secretariat")
    meeting = make_meeting(sop)
    item = add_item(meeting, "Training")
    services.minutes_save(meeting=meeting, actor=secretariat, lock_version=1, notes={item.pk: "First text."})
    publish_minutes(meeting)
    minutes = services.minutes_correct(meeting=meeting, actor=secretariat)
    assert (minutes.status, minutes.revision) == ("draft", 2)
    services.minutes_save(
        meeting=meeting, actor=secretariat, lock_version=minutes.lock_version, notes={item.pk: "Corrected text."}
    )
    # Until the correction is published, readers get the first version.
    assert selectors.published_version(minutes=minutes).content["items"][0]["notes"] == "First text."
    services.minutes_approve(meeting=meeting, actor=secretariat)
    second = services.minutes_publish(meeting=meeting, actor=secretariat, correction_note="Spelling of a name.")
    assert second.number == 2 and second.correction_note == "Spelling of a name."
    assert [v.number for v in MinutesVersion.objects.filter(minutes=minutes).order_by("number")] == [1, 2]
    assert MinutesVersion.objects.get(minutes=minutes, number=1).content["items"][0]["notes"] == "First text."


def test_chief_cannot_take_a_step_of_the_minutes(sop):
    meeting = make_meeting(sop)
    with pytest.raises(PermissionDenied):
        services.minutes_approve(meeting=meeting, actor=user("chief.be"))


# --- decisions -----------------------------------------------------------------------------------------------------


def _decide(meeting, number=None, **texts):
    texts = texts or {"title_en": "Decision", "text_en": "adopts something"}
    return services.decision_create(meeting=meeting, actor=user("secretariat"), language="en", number=number, **texts)


def test_decisions_are_numbered_per_body_and_year(sop, hazeldonk):
    june = make_meeting(sop)
    assert [_decide(june).reference for _ in range(3)] == ["SOP-2022-01", "SOP-2022-02", "SOP-2022-03"]
    next_year = make_meeting(sop, starts_at=JUNE_2022.replace(year=2023))
    assert _decide(next_year).reference == "SOP-2023-01"
    assert _decide(make_meeting(hazeldonk)).reference == "HAZ-2022-01"


def test_a_decision_number_used_twice_in_a_bodys_year_is_refused(sop):
    june = make_meeting(sop)
    _decide(june, number=3)
    november = make_meeting(sop, starts_at=JUNE_2022 + timedelta(days=150))
    with pytest.raises(ApplicationError) as refused:
        _decide(november, number=3)
    assert "SOP-2022-03 is already taken" in refused.value.errors["number"][0]
    assert "the next free one is 4" in refused.value.errors["number"][0]
    assert Decision.objects.count() == 1
    with translation.override("nl"), pytest.raises(ApplicationError) as in_dutch:
        _decide(november, number=3)
    assert in_dutch.value.errors["number"]


def test_decision_needs_its_text_in_the_language_it_was_adopted_in(sop):
    meeting = make_meeting(sop)
    with pytest.raises(ApplicationError) as refused:
        services.decision_create(
            meeting=meeting, actor=user("secretariat"), language="fr", title_en="Form", text_en="adopts the form"
        )
    assert "text_fr" in refused.value.errors


def test_published_decision_keeps_its_adopted_text_and_takes_translations(sop):
    meeting = make_meeting(sop)
    decision = services.decision_create(
        meeting=meeting,
        actor=user("secretariat"),
        language="fr",
        title_fr="Formulaire d'assistance",
        text_fr="adopte le formulaire d'assistance et de coopération entre les partenaires Benelux",
        topic=topic(),
    )
    publish_minutes(meeting)
    with pytest.raises(ApplicationError) as refused:
        services.decision_update(decision=decision, actor=user("secretariat"), text_fr="autre texte")
    assert "fixed" in refused.value.message
    services.decision_update(
        decision=decision,
        actor=user("secretariat"),
        title_nl="Formulier voor bijstand",
        text_nl="stelt het formulier voor bijstand en samenwerking tussen de Beneluxpartners vast",
        text_fr=decision.text_fr,
    )
    decision.refresh_from_db()
    assert decision.text_nl.startswith("stelt het formulier")
    with pytest.raises(ApplicationError):
        services.decision_delete(decision=decision, actor=user("secretariat"))


# --- action points -------------------------------------------------------------------------------------------------


def test_action_point_needs_an_owner(sop):
    meeting = make_meeting(sop)
    with pytest.raises(ApplicationError) as refused:
        services.action_point_create(meeting=meeting, actor=user("secretariat"), title_en="Report back")
    assert "owner_organisation" in refused.value.errors
    point = services.action_point_create(
        meeting=meeting, actor=user("secretariat"), title_en="Report back", owner_name="Marloes van Dijk"
    )
    assert point.body == sop


def test_overdue_is_worked_out_from_the_due_date(sop):
    meeting = make_meeting(sop)
    make = lambda due, status="open": services.action_point_create(  # noqa: E731
        meeting=meeting,
        actor=user("secretariat"),
        title_en=f"Point due {due}",
        owner_organisation=organisation("BE", "FEDPOL"),
        due_date=due,
        status=status,
    )
    late = make(date(2022, 9, 1))
    make(date(2022, 9, 1), status="done")
    make(date(2022, 12, 1))
    make(None)
    overdue = selectors.overdue_action_points(ActionPoint.objects.all(), today=date(2022, 10, 1))
    assert list(overdue) == [late]


def test_open_action_points_are_carried_into_the_next_meeting_as_a_standing_item(sop):
    secretariat = user("secretariat")
    june = make_meeting(sop)
    open_point = services.action_point_create(
        meeting=june,
        actor=secretariat,
        title_en="Liaison post in Colombia",
        owner_organisation=organisation("NL", "POLNL"),
    )
    services.action_point_create(
        meeting=june,
        actor=secretariat,
        title_en="Done already",
        owner_organisation=organisation("BE", "FEDPOL"),
        status="done",
    )
    november = make_meeting(sop, starts_at=JUNE_2022 + timedelta(days=150))
    standing = november.agenda_items.get(kind=ItemKind.ACTION_POINTS)
    assert list(standing.carried_action_points.all()) == [open_point]
    assert standing.title_en == "Open action points of earlier meetings"
    services.action_point_update(action_point=open_point, actor=secretariat, status="in_progress")
    # Still open (in progress): carried; closed: dropped when the agenda is brought up to date (or published).
    services.action_point_update(action_point=open_point, actor=secretariat, status="done")
    services.agenda_carry_action_points(meeting=november, actor=secretariat)
    assert not standing.carried_action_points.exists()


def test_every_change_lands_in_the_audit_history_with_its_author(sop):
    secretariat = user("secretariat")
    meeting = make_meeting(sop)
    item = add_item(meeting, "Telecommunication")
    services.agenda_item_update(item=item, actor=secretariat, title_en="Cross-border telecommunication")
    point = services.action_point_create(
        meeting=meeting, actor=secretariat, title_en="Radio test", owner_organisation=organisation("LU", "PGD")
    )
    services.action_point_update(action_point=point, actor=secretariat, status="done")
    assert [h.title_en for h in item.history.order_by("history_id")] == [
        "Telecommunication",
        "Cross-border telecommunication",
    ]
    assert {h.history_user for h in point.history.all()} == {secretariat}
    assert point.history.count() == 2
