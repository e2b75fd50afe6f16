"""The consultation pages: who may see what (anonymous, not allowed, allowed), what the secretariat does on them,
and a pinned number of queries with rows enough that one query per row would show."""

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.consultation import services
from apps.consultation.caching import CONSULTATION
from apps.consultation.models import ActionPoint, AgendaItem, Attendance, Decision, Meeting
from apps.notifications.models import Notification

from .factories import JUNE_2022, add_item, make_body, make_meeting, organisation, publish_minutes, topic, user

pytestmark = pytest.mark.django_db

# Two-factor devices (2); the session, the user with roles and organisation and the unread badge come from the cache.
CACHED_PAGE_QUERIES = 2


def _big_meeting(body, *, items: int = 40, attendees: int = 30) -> Meeting:
    """A meeting with many agenda items (some with documents), attendees, decisions and action points."""
    secretariat = user("secretariat")
    earlier = make_meeting(body, starts_at=JUNE_2022 - timedelta(days=180))
    for index in range(10):
        services.action_point_create(
            meeting=earlier, actor=secretariat, title_en=f"Earlier point {index}", owner_name=f"Owner {index}"
        )
    publish_minutes(earlier)
    meeting = make_meeting(body)  # with the standing item of the earlier meeting's open action points
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=index + 2, title_en=f"Item {index}", description_en="Text", presenter="BE")
        for index in range(items)
    )
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            kind="guest",
            status="present",
            name=f"Guest {index}",
            organisation=organisation(None, "BNL-SG"),
        )
        for index in range(attendees - meeting.attendances.count())
    )
    CONSULTATION.bump()  # bulk inserts send no signal
    first = meeting.agenda_items.order_by("position").first()
    services.agenda_document_add(item=first, actor=secretariat, title="Form", url="https://docs.example/form.pdf")
    for index in range(5):
        services.decision_create(
            meeting=meeting,
            actor=secretariat,
            language="en",
            title_en=f"Decision {index}",
            text_en="adopts",
            topic=topic(),
        )
        services.action_point_create(
            meeting=meeting,
            actor=secretariat,
            title_en=f"Point {index}",
            owner_organisation=organisation("NL", "POLNL"),
            due_date=date(2022, 9, 1),
        )
    services.agenda_publish(meeting=meeting, actor=secretariat)
    return meeting


def _urls(meeting, decision, point) -> dict[str, str]:
    return {
        "meeting": reverse("consultation:meeting", args=[meeting.pk]),
        "minutes": reverse("consultation:minutes", args=[meeting.pk]),
        "decision": reverse("consultation:decision", args=[decision.pk]),
        "agenda": reverse("consultation:agenda", args=[meeting.pk]),
        "attendance": reverse("consultation:attendance", args=[meeting.pk]),
        "meeting_edit": reverse("consultation:meeting_edit", args=[meeting.pk]),
        "decision_edit": reverse("consultation:decision_edit", args=[decision.pk]),
        "point_edit": reverse("consultation:action_point_edit", args=[point.pk]),
    }


@pytest.fixture
def published_sop(sop):
    """A Strategic Consultation meeting with a decision and an action point, its minutes published."""
    meeting = make_meeting(sop)
    item = add_item(meeting, "Form for assistance and cooperation")
    decision = services.decision_create(
        meeting=meeting,
        actor=user("secretariat"),
        language="fr",
        title_fr="Formulaire d'assistance",
        text_fr="adopte le formulaire d'assistance et de coopération entre les partenaires Benelux",
        agenda_item=item,
    )
    point = services.action_point_create(
        meeting=meeting, actor=user("secretariat"), title_en="Translate the form", owner_name="Marloes van Dijk"
    )
    services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    publish_minutes(meeting)
    return meeting, decision, point


# --- who sees what -------------------------------------------------------------------------------------------------


PAGES = ["index", "meetings", "decisions", "action_points", "meeting_create"]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitor_is_sent_to_log_in(name):
    response = Client().get(reverse(f"consultation:{name}"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_every_meeting_page_is_404_to_a_user_outside_the_body_and_200_to_a_member(published_sop, login):
    meeting, decision, point = published_sop
    hazeldonk_meeting = make_meeting(make_body("HAZ", [("NL", "POLNL")]))
    urls = _urls(meeting, decision, point)
    anonymous = Client()
    for url in urls.values():
        assert anonymous.get(url).status_code == 302, url
    operator = login("operator.be")
    for name in ("meeting", "minutes", "agenda", "attendance", "meeting_edit", "point_edit"):
        assert operator.get(urls[name]).status_code == 404, name
    # The decision of the Strategic Consultation is public once published: readable, not editable.
    assert operator.get(urls["decision"]).status_code == 200
    assert operator.get(urls["decision_edit"]).status_code == 403
    chief = login("chief.be")
    for name in ("meeting", "minutes", "decision"):
        assert chief.get(urls[name]).status_code == 200, name
    for name in ("agenda", "attendance", "meeting_edit", "decision_edit", "point_edit"):
        assert chief.get(urls[name]).status_code == 403, name
    assert chief.get(reverse("consultation:meeting", args=[hazeldonk_meeting.pk])).status_code == 404
    secretariat = login("secretariat")
    for url in urls.values():
        assert secretariat.get(url).status_code == 200, url


def test_drafts_are_invisible_outside_the_secretariat(sop, login):
    meeting = make_meeting(sop)
    add_item(meeting, "Cybercrime (draft agenda)")
    draft = services.decision_create(
        meeting=meeting, actor=user("secretariat"), language="en", title_en="Draft decision", text_en="adopts"
    )
    services.action_point_create(
        meeting=meeting, actor=user("secretariat"), title_en="Draft point", owner_name="Someone"
    )
    chief = login("chief.nl", language="en")
    page = chief.get(meeting.get_absolute_url()).content.decode()
    assert "Cybercrime (draft agenda)" not in page and "being prepared" in page
    assert "Draft decision" not in page and "Draft point" not in page
    assert chief.get(reverse("consultation:decision", args=[draft.pk])).status_code == 404
    assert "Draft decision" not in chief.get(reverse("consultation:decisions")).content.decode()
    assert "Draft point" not in chief.get(reverse("consultation:action_points")).content.decode()
    assert "not published yet" in chief.get(reverse("consultation:minutes", args=[meeting.pk])).content.decode()
    secretariat = login("secretariat", language="en")
    page = secretariat.get(meeting.get_absolute_url()).content.decode()
    assert "Cybercrime (draft agenda)" in page and "Draft decision" in page and "Draft point" in page


def test_members_read_the_published_minutes_and_others_only_the_public_decisions(published_sop, login):
    meeting, decision, point = published_sop
    chief = login("chief.lu", language="en")
    minutes_page = chief.get(reverse("consultation:minutes", args=[meeting.pk])).content.decode()
    assert "Version 1" in minutes_page and "SOP-2022-01" in minutes_page
    assert "Translate the form" in chief.get(reverse("consultation:action_points")).content.decode()
    liaison = login("liaison.be", language="en")
    register = liaison.get(reverse("consultation:decisions")).content.decode()
    assert "SOP-2022-01" in register
    assert liaison.get(reverse("consultation:action_points")).status_code == 200
    assert "Translate the form" not in liaison.get(reverse("consultation:action_points")).content.decode()


def test_decision_adopted_in_french_shows_the_original_marked_until_translated(published_sop, login):
    meeting, decision, point = published_sop
    reader = login("chief.nl", language="nl")
    page = reader.get(decision.get_absolute_url()).content.decode()
    assert "adopte le formulaire" in page
    assert '<span lang="fr">Formulaire d&#x27;assistance</span>' in page and "lang-marker" in page
    services.decision_update(
        decision=decision,
        actor=user("secretariat"),
        title_nl="Formulier voor bijstand",
        text_nl="stelt het formulier voor bijstand en samenwerking tussen de Beneluxpartners vast",
    )
    page = reader.get(decision.get_absolute_url()).content.decode()
    assert "stelt het formulier" in page and "Formulier voor bijstand" in page
    assert "lang-marker" not in page


# --- queries -------------------------------------------------------------------------------------------------------


def test_meeting_page_with_40_items_and_30_attendees_runs_a_constant_number_of_queries(
    sop, login, django_assert_num_queries
):
    meeting = _big_meeting(sop)
    url = meeting.get_absolute_url()
    # The meeting with body, chairing country and minutes; the items, their documents and carried action points; the
    # attendance (the secretariat's list, or the published minutes); the decisions; the action points.
    for username, first in (("secretariat", CACHED_PAGE_QUERIES + 7), ("chief.be", CACHED_PAGE_QUERIES + 7)):
        client = login(username, language="en")
        client.get(reverse("home"))
        with django_assert_num_queries(first):
            page = client.get(url)
        assert page.status_code == 200
        body = page.content.decode()
        assert body.count('class="agenda__item"') == 41  # and the standing item of the earlier open points
        assert body.count("Earlier point") == 10
        with django_assert_num_queries(CACHED_PAGE_QUERIES):
            assert client.get(url).status_code == 200


def test_minutes_and_agenda_pages_run_a_constant_number_of_queries(sop, login, django_assert_num_queries):
    meeting = _big_meeting(sop)
    client = login("secretariat", language="en")
    client.get(reverse("home"))
    # The agenda's form lists the objectives and activities an item may concern (two queries).
    for name, queries in (("minutes", 12), ("agenda", 8), ("attendance", 6)):
        with django_assert_num_queries(queries):
            assert client.get(reverse(f"consultation:{name}", args=[meeting.pk])).status_code == 200, name


def test_decision_register_of_2000_decisions_runs_a_constant_number_of_queries(sop, login, django_assert_num_queries):
    meeting = make_meeting(sop)
    now = timezone.now()
    Decision.objects.bulk_create(
        Decision(
            body=sop,
            meeting=meeting,
            year=2000 + index % 20,
            number=index // 20 + 1,
            title_en=f"Decision {index}",
            text_en="adopts the joint training cycle",
            language="en",
            topic=topic(),
            published_at=now,
        )
        for index in range(2000)
    )
    CONSULTATION.bump()
    client = login("chief.be", language="en")
    client.get(reverse("home"))
    for query in ({}, {"text": "training", "year": "2005"}, {"text": "SOP-2005-03"}, {"page": "7"}):
        with django_assert_num_queries(CACHED_PAGE_QUERIES + 4):
            page = client.get(reverse("consultation:decisions"), query)
        assert page.status_code == 200
        with django_assert_num_queries(CACHED_PAGE_QUERIES):
            client.get(reverse("consultation:decisions"), query)
    assert "SOP-2005-03" in client.get(reverse("consultation:decisions"), {"text": "SOP-2005-03"}).content.decode()


def test_start_page_and_lists_run_a_constant_number_of_queries(published_sop, login, django_assert_num_queries):
    for username, start_queries in (("chief.be", 7), ("operator.be", 3), ("secretariat", 7)):
        client = login(username, language="en")
        client.get(reverse("home"))
        with django_assert_num_queries(start_queries):
            client.get(reverse("consultation:index"))
        with django_assert_num_queries(CACHED_PAGE_QUERIES):
            client.get(reverse("consultation:index"))
    client = login("chief.be", language="en")
    for name, queries in (("meetings", 2), ("action_points", 3)):
        with django_assert_num_queries(CACHED_PAGE_QUERIES + queries):
            client.get(reverse(f"consultation:{name}"))


def test_a_change_shows_at_once_despite_the_cache(published_sop, login):
    meeting, decision, point = published_sop
    chief = login("chief.be", language="en")
    assert "Translate the form" in chief.get(meeting.get_absolute_url()).content.decode()
    services.action_point_update(action_point=point, actor=user("secretariat"), status="done", status_note="Sent.")
    page = chief.get(meeting.get_absolute_url()).content.decode()
    assert "Sent." in page
    assert "Sent." in chief.get(reverse("consultation:action_points"), {"status": "done"}).content.decode()


# --- the secretariat at work ---------------------------------------------------------------------------------------


def test_secretariat_plans_a_meeting_through_the_form(sop, login):
    client = login("secretariat", language="en")
    response = client.post(
        reverse("consultation:meeting_create"),
        {
            "body": sop.pk,
            "starts_at": "2027-06-08T10:00",
            "ends_at": "2027-06-08T13:00",
            "format": "hybrid",
            "place": "Benelux Secretariat-General, Brussels",
            "online_link": "https://meet.benelux.example/sop",
            "language": "fr",
            "chair_country": organisation("NL", "POLNL").country_id,
            "chair_name": "Marloes van Dijk",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.starts_at).hour == 10


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": "2027-06-08T09:00"}, "ends_at"),
        ({"starts_at": "garbage"}, "starts_at"),
        ({"format": "online", "online_link": "", "place": ""}, "online_link"),
        ({"online_link": "javascript:alert(1)", "format": "hybrid"}, "online_link"),
        ({"body": "999999"}, "body"),
        ({"chair_name": "Line\nbreak"}, "chair_name"),
    ],
)
def test_bad_meeting_input_is_refused_with_a_message_and_saves_nothing(sop, login, overrides, field):
    client = login("secretariat", language="nl")
    data = {
        "body": sop.pk,
        "starts_at": "2027-06-08T10:00",
        "ends_at": "2027-06-08T13:00",
        "format": "in_person",
        "place": "Brussels",
        "language": "nl",
        **overrides,
    }
    response = client.post(reverse("consultation:meeting_create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Meeting.objects.exists()
    if field == "ends_at":  # in the secretary's own language
        assert "De vergadering moet eindigen nadat ze begint." in response.content.decode()


def test_agenda_items_move_by_form_and_by_script_and_never_into_another_meeting(sop, login):
    meeting = make_meeting(sop)
    first, second = add_item(meeting, "First"), add_item(meeting, "Second")
    other = make_meeting(sop, starts_at=JUNE_2022 + timedelta(days=90))
    foreign = add_item(other, "Foreign")
    client = login("secretariat", language="en")
    move = reverse("consultation:agenda_move", args=[meeting.pk, second.pk])
    response = client.post(move, {"direction": "up"})
    assert response.status_code == 302
    assert list(meeting.agenda_items.values_list("title_en", flat=True)) == ["Second", "First"]
    response = client.post(move, {"direction": "down"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"order": [first.pk, second.pk]}
    # An item of another meeting is not found through this meeting's address.
    assert (
        client.post(reverse("consultation:agenda_move", args=[meeting.pk, foreign.pk]), {"direction": "up"}).status_code
        == 404
    )
    order = reverse("consultation:agenda_order", args=[meeting.pk])
    refused = client.post(order, json.dumps({"items": [first.pk, foreign.pk]}), content_type="application/json")
    assert refused.status_code == 400 and "another meeting" in refused.json()["detail"]
    assert client.post(order, "not json", content_type="application/json").status_code == 400
    foreign.refresh_from_db()
    assert foreign.meeting == other and foreign.position == 1
    chief = login("chief.be")
    assert chief.post(move, {"direction": "up"}).status_code == 403


def test_publishing_the_agenda_from_its_page_notifies_the_members(sop, login):
    meeting = make_meeting(sop)
    client = login("secretariat", language="en")
    client.post(
        reverse("consultation:agenda", args=[meeting.pk]),
        {"title_en": "Implementation of the new Benelux Police Treaty", "presenter": "NL"},
    )
    response = client.post(reverse("consultation:agenda_publish", args=[meeting.pk]), follow=True)
    assert "members were notified" in response.content.decode()
    assert Notification.objects.filter(kind="consultation.agenda_published").count() == 1


def test_attendance_page_records_statuses_a_substitute_and_a_guest(sop, login):
    meeting = make_meeting(sop)
    client = login("secretariat", language="en")
    url = reverse("consultation:attendance", args=[meeting.pk])
    delvaux = Attendance.objects.get(meeting=meeting, name="Jean-Marc Delvaux")
    van_dijk = Attendance.objects.get(meeting=meeting, name="Marloes van Dijk")
    client.post(
        url,
        {"action": "statuses", f"status-{delvaux.pk}": "present", f"status-{van_dijk.pk}": "present"}
        | {f"status-{row.pk}": row.status for row in meeting.attendances.exclude(pk__in=[delvaux.pk, van_dijk.pk])},
    )
    refused = client.post(url, {"action": "substitute", "represents": delvaux.pk, "name": "Anne Claes"})
    assert refused.status_code == 200
    assert "is present" in refused.content.decode()
    assert not Attendance.objects.filter(kind="substitute").exists()
    client.post(
        url,
        {"action": "statuses", f"status-{delvaux.pk}": "excused"}
        | {f"status-{row.pk}": row.status for row in meeting.attendances.exclude(pk=delvaux.pk)},
    )
    client.post(url, {"action": "substitute", "represents": delvaux.pk, "name": "Anne Claes", "function": "Director"})
    client.post(
        url, {"action": "guest", "kind": "guest", "name": "Hilde Vermeulen", "function": "Deputy Secretary-General"}
    )
    assert Attendance.objects.get(kind="substitute").represents == delvaux
    assert Attendance.objects.filter(kind="guest", name="Hilde Vermeulen").exists()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "represents Jean-Marc Delvaux" in page


def test_stale_minutes_are_refused_on_the_page_with_the_text_kept(sop, login):
    meeting = make_meeting(sop)
    item = add_item(meeting, "Cybercrime")
    first = login("secretariat", language="en")
    url = reverse("consultation:minutes", args=[meeting.pk])
    lock = meeting.minutes.lock_version
    assert first.post(url, {"lock_version": lock, f"notes-{item.pk}": "First notes", "summary": ""}).status_code == 302
    second = login("secretariat", language="en")
    response = second.post(url, {"lock_version": lock, f"notes-{item.pk}": "Second notes", "summary": ""})
    assert response.status_code == 409
    body = response.content.decode()
    assert "someone else saved these minutes meanwhile" in body and "Second notes" in body
    item.refresh_from_db()
    assert item.notes == "First notes"


def test_member_who_posts_notes_to_the_minutes_is_refused_and_nothing_changes(sop, login):
    meeting = make_meeting(sop)
    item = add_item(meeting, "Cybercrime")
    chief = login("chief.be", language="en")
    url = reverse("consultation:minutes", args=[meeting.pk])
    data = {"lock_version": meeting.minutes.lock_version, f"notes-{item.pk}": "A member's notes", "summary": "Mine"}
    assert chief.post(url, data).status_code == 403
    item.refresh_from_db()
    meeting.minutes.refresh_from_db()
    assert item.notes == "" and meeting.minutes.summary == ""
    assert chief.get(url).status_code == 200  # reading stays open to the member


def test_minutes_steps_from_the_page(sop, login):
    meeting = make_meeting(sop)
    add_item(meeting, "Training")
    client = login("secretariat", language="en")
    lock = meeting.minutes.lock_version
    client.post(reverse("consultation:minutes_step", args=[meeting.pk, "approve"]), {"lock_version": lock})
    client.post(reverse("consultation:minutes_step", args=[meeting.pk, "publish"]), {"lock_version": lock + 1})
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == "published"
    response = client.post(reverse("consultation:minutes_step", args=[meeting.pk, "approve"]), {}, follow=True)
    assert "cannot be approved now" in response.content.decode()
    assert client.post(reverse("consultation:minutes_step", args=[meeting.pk, "nonsense"])).status_code == 404


def test_decision_number_used_twice_is_refused_on_the_form(sop, login):
    meeting = make_meeting(sop)
    client = login("secretariat", language="en")
    url = reverse("consultation:decision_create", args=[meeting.pk])
    data = {"language": "en", "number": "3", "title_en": "Training cycles", "text_en": "adopts the cycles"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "SOP-2022-03 is already taken" in response.content.decode()
    assert Decision.objects.count() == 1


def test_action_points_list_shows_overdue_ones(published_sop, login):
    meeting, decision, point = published_sop
    services.action_point_update(action_point=point, actor=user("secretariat"), due_date=date(2022, 9, 1))
    page = login("chief.be", language="en").get(reverse("consultation:action_points")).content.decode()
    assert "Translate the form" in page and "badge--overdue" in page
    assert ActionPoint.objects.count() == 1


def test_standing_item_shows_members_only_published_action_points(sop, login):
    secretariat = user("secretariat")
    earlier = make_meeting(sop, starts_at=JUNE_2022 - timedelta(days=180))
    services.action_point_create(meeting=earlier, actor=secretariat, title_en="Unpublished point", owner_name="X")
    meeting = make_meeting(sop)
    services.agenda_publish(meeting=meeting, actor=secretariat)
    assert "Unpublished point" in login("secretariat", language="en").get(meeting.get_absolute_url()).content.decode()
    assert "Unpublished point" not in login("chief.be", language="en").get(meeting.get_absolute_url()).content.decode()
    publish_minutes(earlier)
    assert "Unpublished point" in login("chief.be", language="en").get(meeting.get_absolute_url()).content.decode()


def test_administrator_keeps_bodies_and_topics_in_the_admin_and_reads_their_history(sop, login):
    client = login("admin")
    for url in (
        "/admin/consultation/body/",
        f"/admin/consultation/body/{sop.pk}/change/",
        f"/admin/consultation/body/{sop.pk}/history/",
        "/admin/consultation/topic/",
        "/admin/consultation/meeting/",
        "/admin/consultation/decision/",
        "/admin/consultation/actionpoint/",
    ):
        assert client.get(url).status_code == 200, url
    assert login("secretariat").get("/admin/consultation/body/").status_code == 302
