"""Filing and following a request (issue 16): drafts, periods and quantities, returns and closing, confirmations,
the two clocks of a filed request and its escalation a level up, notifications read on opening, the PDF."""

import datetime
import io

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from apps.assistance import services
from apps.assistance.choices import EscalationLevel
from apps.assistance.models import AssistanceRequest, Attachment, Booking, EscalationPolicy
from apps.core.errors import ApplicationError
from apps.notifications.models import InboxEntry, Notification
from apps.notifications.services import escalation_run, notification_deliver

from .factories import START, EquipmentItemFactory, resource_type, user
from .test_api import BASE, DRAFT, api

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def form_data(**overrides) -> dict:
    """The request form as an operator fills it in; ``overrides`` change fields (None leaves one out)."""
    from apps.assistance.models import HandlingCode, LegalBasis

    data = {
        "kind": "assistance",
        "title": "King's Day support",
        "urgency": "urgent",
        "requested_countries": ["BE"],
        "operational_context": "Crowds along the Maas.",
        "place": "Maastricht",
        "start": START.strftime("%Y-%m-%dT%H:%M"),
        "end": (START + datetime.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        "legal_basis": LegalBasis.objects.get(code="benelux-police-treaty-2018").pk,
        "handling_code": HandlingCode.objects.get(code="H0").pk,
        "operational_control": "Police unit Limburg",
        "command": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-resource_type": resource_type("mounted-unit").pk,
        "lines-0-quantity": "6",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


# --- drafts --------------------------------------------------------------------------------------


def test_submitting_an_incomplete_new_request_lands_on_the_drafts_edit_page_and_saving_again_keeps_one_draft(
    demo, login, reference_data
):
    client = login("operator.nl", language="en")
    response = client.post(reverse("assistance:create"), form_data(place="", submit="1"))
    draft = AssistanceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('assistance:edit', args=[draft.pk])}?check=1"
    page = client.get(response["Location"]).content.decode()
    assert "The draft was saved but not filed." in page
    assert "The form is not complete" in page and "This field is required." in page
    # Saving again (and again submitting, still incomplete) changes this draft: there is never a second one. (The
    # edit page's form holds the draft's line as an initial form.)
    edit = reverse("assistance:edit", args=[draft.pk])
    again = {"lines-INITIAL_FORMS": "1"}
    client.post(edit, form_data(place="", title="King's Day 2027", save="1", **again))
    assert AssistanceRequest.objects.get().title == "King's Day 2027"
    client.post(edit, form_data(place="", submit="1", **again))
    assert AssistanceRequest.objects.count() == 1
    client.post(edit, form_data(submit="1", **again))
    assert AssistanceRequest.objects.get().status == "submitted"


def test_author_deletes_their_own_draft_after_a_confirmation_and_its_files_go(
    make_request, login, django_capture_on_commit_callbacks
):
    draft = make_request()
    services.attachment_add(
        actor=user("operator.nl"), request=draft, file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf")
    )
    stored = Attachment.objects.get().file.name
    storage = Attachment._meta.get_field("file").storage
    assert login("operator.be", language="en").get(reverse("assistance:delete", args=[draft.pk])).status_code == 404
    client = login("operator.nl", language="en")
    assert b"Delete the draft" in client.get(draft.get_absolute_url()).content
    confirm = client.get(reverse("assistance:delete", args=[draft.pk])).content.decode()
    assert "cannot be undone" in confirm and "its attachment" in confirm
    assert AssistanceRequest.objects.filter(pk=draft.pk).exists()  # a GET deletes nothing
    with pytest.raises(ApplicationError):
        services.request_delete(request=draft, actor=user("chief.nl"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assistance:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not AssistanceRequest.objects.filter(pk=draft.pk).exists()
    assert not Attachment.objects.exists()
    assert not storage.exists(stored)


def test_a_filed_request_is_never_deleted_neither_on_the_page_nor_in_the_api(make_request, login):
    filed = make_request(status="submitted")
    client = login("operator.nl", language="en")
    assert b"Delete the draft" not in client.get(filed.get_absolute_url()).content
    response = client.post(reverse("assistance:delete", args=[filed.pk]), follow=True)
    assert b"Only a draft can be deleted" in response.content
    answer = api("operator.nl").delete(f"{BASE}/{filed.pk}")
    assert answer.status_code == 400
    assert "Only a draft can be deleted" in answer.json()["detail"]
    assert api("operator.lu").delete(f"{BASE}/{filed.pk}").status_code == 404
    assert AssistanceRequest.objects.filter(pk=filed.pk).exists()


def test_control_room_system_deletes_a_draft(demo, reference_data):
    client = api("operator.lu")
    pk = client.post(BASE, DRAFT, format="json").json()["id"]
    assert api("operator.be").delete(f"{BASE}/{pk}").status_code == 404
    assert client.delete(f"{BASE}/{pk}").status_code == 204
    assert client.get(f"{BASE}/{pk}").status_code == 404


def test_a_drafts_pdf_says_draft_across_every_page(make_request, login):
    draft = make_request()
    client = login("operator.nl", language="en")
    assert "DRAFT" in pdf_text(client.get(reverse("assistance:pdf", args=[draft.pk])).content)
    dutch = login("operator.nl", language="nl").get(reverse("assistance:pdf", args=[draft.pk]))
    assert "CONCEPT" in pdf_text(dutch.content)
    filed = make_request(status="submitted")
    assert "DRAFT" not in pdf_text(client.get(reverse("assistance:pdf", args=[filed.pk])).content)


# --- periods and quantities ----------------------------------------------------------------------


def test_a_request_whose_period_is_over_is_refused_at_filing(make_request, login):
    draft = make_request(start=timezone.make_aware(datetime.datetime(1999, 5, 1, 8)), end=None)
    draft.end = timezone.make_aware(datetime.datetime(1999, 5, 2, 8))
    services.request_update(request=draft, actor=user("operator.nl"), end=draft.end)
    with pytest.raises(ApplicationError) as refusal:
        services.request_submit(request=draft, actor=user("operator.nl"))
    assert "before this request is filed" in refusal.value.message
    assert "after_the_fact" in refusal.value.errors
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.reference is None
    page = login("operator.nl", language="en").post(
        reverse("assistance:edit", args=[draft.pk]),
        form_data(start="1999-05-01T08:00", end="1999-05-02T08:00", submit="1"),
        follow=True,
    )
    assert b"a request must come before its period ends" in page.content
    assert b"After-the-fact record" in page.content


def test_an_after_the_fact_record_is_filed_as_such_and_shown_so_on_the_page_and_the_pdf(make_request, login):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    record = make_request(start=yesterday - datetime.timedelta(hours=6), end=yesterday, after_the_fact=True)
    services.request_submit(request=record, actor=user("operator.nl"))
    record.refresh_from_db()
    assert record.status == "submitted" and record.after_the_fact
    notification = Notification.objects.get(kind="assistance.submitted")
    assert notification.escalate_to is None  # a record asks for no answer in time
    client = login("operator.be", language="en")
    assert b"After-the-fact record" in client.get(record.get_absolute_url()).content
    assert "After-the-fact record" in pdf_text(client.get(reverse("assistance:pdf", args=[record.pk])).content)


def test_an_after_the_fact_record_of_assistance_still_to_come_is_refused(make_request):
    draft = make_request(after_the_fact=True)
    with pytest.raises(ApplicationError) as refusal:
        services.request_submit(request=draft, actor=user("operator.nl"))
    assert "after_the_fact" in refusal.value.errors


@pytest.mark.parametrize("quantity", ["0", "-3", "21", "100000"])
def test_zero_negative_and_too_many_get_the_same_message_on_the_form(demo, login, reference_data, quantity):
    response = login("operator.nl", language="en").post(
        reverse("assistance:create"),
        form_data(**{"lines-0-resource_type": resource_type("water-cannon").pk, "lines-0-quantity": quantity}),
    )
    assert response.status_code == 200
    assert "Enter a quantity between 1 and 20 vehicles." in response.content.decode()
    assert not AssistanceRequest.objects.exists()


@pytest.mark.parametrize("quantity", [0, -3, 21])
def test_zero_negative_and_too_many_get_the_same_message_in_the_api_and_the_service(demo, reference_data, quantity):
    body = {**DRAFT, "lines": [{"resource_type": "water-cannon", "quantity": quantity}]}
    response = api("operator.lu").post(BASE, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["lines.0.quantity"] == ["Enter a quantity between 1 and 20 vehicles."]
    with pytest.raises(ApplicationError) as refusal:
        services.request_create(
            actor=user("operator.lu"),
            title="Water cannon",
            lines=[{"resource_type": resource_type("water-cannon"), "quantity": quantity}],
        )
    assert refusal.value.errors == {"lines-0-quantity": ["Enter a quantity between 1 and 20 vehicles."]}
    assert not AssistanceRequest.objects.exists()


# --- returns, completing and closing --------------------------------------------------------------


@pytest.fixture
def lent(make_request):
    """A loan of water cannon WA-2 by Belgium to Luxembourg, accepted and in progress (its period still to come)."""
    request = make_request(
        status="acknowledged",
        by="operator.lu",
        to=("BE",),
        kind="loan",
        lines=[{"resource_type": resource_type("water-cannon"), "quantity": 1}],
    )
    item = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    services.request_respond(
        request=request,
        actor=user("operator.be"),
        decisions=[{"line": line.pk, "decision": "approved", "offered_quantity": 1} for line in request.lines.all()],
        items=[item],
    )
    services.request_accept(request=request, actor=user("operator.lu"), accepted_countries=["BE"])
    services.request_start(request=request, actor=user("operator.lu"))
    return request


def test_the_return_is_recorded_only_once_the_loan_has_started(lent, login):
    booking = Booking.objects.get()
    client = login("operator.be", language="en")
    assert b"Record the return" not in client.get(lent.get_absolute_url()).content
    with pytest.raises(ApplicationError, match="record the return once the item has been handed over"):
        services.booking_return(booking=booking, actor=user("operator.be"), condition="good")
    with time_machine.travel(lent.start + datetime.timedelta(hours=2), tick=False):
        client = login("operator.be", language="en")  # a session of that day: a session ends 8 hours after log-in
        assert b"Record the return" in client.get(lent.get_absolute_url()).content
        services.booking_return(booking=booking, actor=user("operator.be"), condition="damaged", notes="Dent")
    booking.item.refresh_from_db()
    assert booking.item.condition == "damaged"


def test_the_file_is_not_closed_while_booked_equipment_is_out_and_the_page_names_it(lent, login):
    during = lent.start + datetime.timedelta(hours=2)
    with time_machine.travel(during, tick=False):
        services.request_complete(request=lent, actor=user("operator.lu"))
        with pytest.raises(ApplicationError, match=r"Water cannon WA-2 \(WA-2\)"):
            services.request_close(request=lent, actor=user("operator.lu"))
        page = login("operator.lu", language="en").get(lent.get_absolute_url()).content.decode()
        assert "Equipment is still out: record the return of Water cannon WA-2 (WA-2)" in page
        assert reverse("assistance:act", args=[lent.pk, "close"]) not in page
        response = api("operator.lu").post(f"{BASE}/{lent.pk}/close", {}, format="json")
        assert response.status_code == 400 and "WA-2" in response.json()["detail"]
        services.booking_return(booking=Booking.objects.get(), actor=user("operator.be"), condition="good")
        services.request_close(request=lent, actor=user("operator.lu"))
    lent.refresh_from_db()
    assert lent.status == "closed"


# --- confirmations -------------------------------------------------------------------------------


def test_accepting_asks_for_confirmation_saying_who_is_told_and_what_is_released(make_request, login):
    request = make_request(
        status="acknowledged",
        by="operator.nl",
        to=("BE", "LU"),
        kind="loan",
        lines=[{"resource_type": resource_type("water-cannon"), "quantity": 1}],
    )
    belgian = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    luxembourgish = EquipmentItemFactory(
        name="Water cannon LU-1", identifier="LU-1", organisation=user("operator.lu").organisation
    )
    for username, item in (("operator.be", belgian), ("operator.lu", luxembourgish)):
        services.request_respond(
            request=request,
            actor=user(username),
            decisions=[
                {"line": line.pk, "decision": "approved", "offered_quantity": 1} for line in request.lines.all()
            ],
            items=[item],
        )
    client = login("operator.nl", language="en")
    url = reverse("assistance:act", args=[request.pk, "accept"])
    assert f'action="{url}"' in client.get(request.get_absolute_url()).content.decode()
    page = client.get(url, {"accepted_countries": ["BE"]}).content.decode()
    assert "the operators in Belgium" in page and "the operators in Luxembourg" in page
    assert "Offers declined: Luxembourg" in page
    released = page.split("Bookings released")[1].split("</ul>")[0]
    assert "Water cannon LU-1" in released and "Water cannon WA-2" not in released
    request.refresh_from_db()
    assert request.status == "answered"  # the GET changed nothing
    client.post(url, {"accepted_countries": ["BE"]})
    request.refresh_from_db()
    assert request.status == "accepted"
    assert Booking.objects.get(item=luxembourgish).is_cancelled
    assert not Booking.objects.get(item=belgian).is_cancelled


@pytest.mark.parametrize(("status", "action"), [("answered", "cancel"), ("in_progress", "complete")])
def test_cancel_and_complete_ask_for_confirmation(make_request, login, status, action):
    request = make_request(status=status)
    with time_machine.travel(request.start + datetime.timedelta(hours=1), tick=False):
        client = login("operator.nl", language="en")
        page = client.get(reverse("assistance:act", args=[request.pk, action])).content.decode()
        assert "What will happen" in page and "the operators in Belgium" in page
        request.refresh_from_db()
        assert request.status == status


def test_closing_a_completed_request_asks_for_confirmation(make_request, login):
    request = make_request(status="completed")
    page = login("operator.nl", language="en").get(reverse("assistance:act", args=[request.pk, "close"]))
    assert b"no step of the procedure follows" in page.content
    assert b"the operators of" in page.content and b"the operators in Belgium" in page.content


def test_a_step_that_is_not_open_has_no_confirmation_page(make_request, login):
    request = make_request(status="submitted")
    response = login("operator.be", language="en").get(reverse("assistance:act", args=[request.pk, "close"]))
    assert response.status_code == 302
    assert (
        login("operator.be", language="en").get(reverse("assistance:act", args=[request.pk, "respond"])).status_code
        == 404
    )


# --- the two clocks, and escalation a level up ---------------------------------------------------


def test_the_page_names_the_eu_deadline_and_the_escalation_apart(make_request, login):
    filed_at = timezone.now().replace(microsecond=0)
    with time_machine.travel(filed_at, tick=False):
        request = make_request(status="submitted", urgency="urgent")
    page = login("operator.be", language="en").get(request.get_absolute_url()).content.decode()
    assert "Acknowledge by (EU deadline)" in page
    assert "8 hours after filing, the answer deadline of Directive (EU) 2023/977" in page
    assert "Escalation if nobody acknowledges" in page
    assert "(15\xa0minutes after filing)" in page
    assert "Belgium: the police chiefs of Belgium; the operators in Belgium, again" in page


def test_unacknowledged_request_escalates_to_the_requested_countrys_chiefs_by_default(make_request):
    request = make_request(status="submitted", urgency="urgent", to=("BE", "LU"))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16), tick=False):
        assert escalation_run() == 2
    for escalation in Notification.objects.filter(escalation_of__isnull=False):
        notification_deliver(notification_id=escalation.pk)
    reached = set(
        InboxEntry.objects.filter(notification__escalation_of__isnull=False).values_list("user__username", flat=True)
    )
    assert {"chief.be", "chief.lu"} <= reached
    assert "chief.nl" not in reached
    assert request.reference


def test_escalation_follows_the_policy_of_the_requested_countrys_control_room(make_request):
    control_room = user("operator.be").organisation
    duty = user("liaison.be")  # stands in for the duty officer on call
    policy = EscalationPolicy.objects.create(
        organisation=control_room, level=EscalationLevel.DUTY_OFFICERS, remind_operators=False
    )
    policy.duty_officers.add(duty)
    make_request(status="submitted", urgency="urgent", to=("BE",))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16), tick=False):
        assert escalation_run() == 1
    escalation = Notification.objects.get(escalation_of__isnull=False)
    notification_deliver(notification_id=escalation.pk)
    reached = set(InboxEntry.objects.filter(notification=escalation).values_list("user__username", flat=True))
    assert reached == {"liaison.be"}


def test_acknowledging_stops_only_the_escalation_of_ones_own_country(make_request):
    request = make_request(status="submitted", urgency="urgent", to=("BE", "LU"))
    services.request_acknowledge(request=request, actor=user("operator.be"))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16), tick=False):
        assert escalation_run() == 1
    escalation = Notification.objects.get(escalation_of__isnull=False)
    assert escalation.escalation_of.recipients == [{"type": "country", "code": "LU", "roles": ["operator"]}]


# --- notifications -------------------------------------------------------------------------------


def test_opening_a_request_marks_its_notifications_read_for_that_user_only(make_request, login):
    request = make_request(status="submitted", to=("BE",))
    other = make_request(status="submitted", to=("BE",), title="Other request")
    for notification in Notification.objects.all():
        notification_deliver(notification_id=notification.pk)
    operator = user("operator.be")
    assert InboxEntry.objects.filter(user=operator, is_read=False).count() == 2
    login("operator.be", language="en").get(request.get_absolute_url())
    unread = InboxEntry.objects.filter(user=operator, is_read=False)
    assert [entry.notification.object_id for entry in unread] == [str(other.pk)]


def test_every_inbox_entry_links_to_what_it_is_about(make_request, login):
    request = make_request(status="submitted", to=("BE",))
    notification_deliver(notification_id=Notification.objects.get().pk)
    inbox = login("operator.be", language="en").get(reverse("notifications:index")).content.decode()
    request.refresh_from_db()
    text = f"Request {request.reference} was filed by Netherlands"
    assert f'name="open" value="1" class="link-button">{text}</button>' in inbox


# --- the PDF -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("en", "1 vehicle", "2 vehicles"),
        ("nl", "1 voertuig", "2 voertuigen"),
        ("fr", "1 véhicule", "2 véhicules"),
        ("de", "1 Fahrzeug", "2 Fahrzeuge"),
    ],
)
def test_the_pdf_counts_in_the_readers_language(make_request, login, language, one, two):
    request = make_request(
        kind="loan",
        lines=[
            {"resource_type": resource_type("water-cannon"), "quantity": 1},
            {"resource_type": resource_type("armoured-vehicle"), "quantity": 2},
        ],
    )
    text = pdf_text(login("operator.nl", language=language).get(reverse("assistance:pdf", args=[request.pk])).content)
    assert one in text and two in text
    with translation.override(language):
        assert resource_type("water-cannon").counted(1) == one


def test_the_pdf_carries_the_message_thread(make_request, login):
    request = make_request(status="submitted")
    services.message_send(request=request, actor=user("operator.be"), body="Stabling for twelve horses?")
    services.message_send(request=request, actor=user("operator.nl"), body="Yes, at the circuit.")
    text = pdf_text(login("chief.be", language="en").get(reverse("assistance:pdf", args=[request.pk])).content)
    assert "Messages" in text
    assert text.index("Stabling for twelve horses?") < text.index("Yes, at the circuit.")
    assert "Lies Wouters (DAO)" in text
