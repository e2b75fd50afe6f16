import datetime
import threading

import pytest
import time_machine
from django.db import connection
from django.utils import translation

from apps.assistance import services
from apps.assistance.choices import TRANSITIONS, RequestStatus
from apps.assistance.models import (
    AssistanceRequest,
    Booking,
    CountryResponse,
    MessageRead,
    ReferenceCounter,
    RequestedResource,
    StatusChange,
)
from apps.core.errors import ApplicationError

from .factories import START, EquipmentItemFactory, resource_type, user

pytestmark = pytest.mark.django_db


def answer_all(request, decision="approved"):
    return [
        {"line": line.pk, "decision": decision, "offered_quantity": 0 if decision == "declined" else line.quantity}
        for line in request.lines.all()
    ]


# --- drafts and submission -----------------------------------------------------------------------


def test_operator_files_a_draft_for_their_control_room(make_request):
    request = make_request()
    assert request.status == RequestStatus.DRAFT
    assert request.reference is None
    assert request.requesting_organisation.short_name == "LOCC"
    assert list(request.requested.values_list("country__code", flat=True)) == ["BE"]
    assert request.lines.get().quantity == 12


def test_chief_cannot_file_a_request(demo):
    with pytest.raises(ApplicationError):
        services.request_create(actor=user("chief.nl"), title="Nope")


def test_period_ending_before_it_starts_is_refused_and_nothing_saved(demo):
    with pytest.raises(ApplicationError) as error:
        services.request_create(actor=user("operator.nl"), title="Bad", start=START, end=START)
    assert "end" in error.value.errors
    assert not AssistanceRequest.objects.exists()


def test_quantity_of_zero_is_refused_and_nothing_saved(demo):
    with pytest.raises(ApplicationError) as error:
        services.request_create(
            actor=user("operator.nl"),
            title="Zero",
            lines=[{"resource_type": resource_type("drone-team"), "quantity": 0}],
        )
    assert "lines-0-quantity" in error.value.errors
    assert not AssistanceRequest.objects.exists()
    assert not RequestedResource.objects.exists()


def test_a_control_room_cannot_ask_its_own_country(demo):
    with pytest.raises(ApplicationError) as error:
        services.request_create(actor=user("operator.nl"), title="Self", requested_countries=["NL"])
    assert "requested_countries" in error.value.errors


def test_submitting_a_half_done_form_is_refused_with_every_missing_field(demo):
    request = services.request_create(actor=user("operator.nl"), title="Half done")
    with pytest.raises(ApplicationError) as error:
        services.request_submit(request=request, actor=user("operator.nl"))
    assert {"place", "start", "end", "legal_basis", "handling_code", "requested_countries", "lines"} <= set(
        error.value.errors
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.DRAFT
    assert request.reference is None
    assert not ReferenceCounter.objects.exists()


def test_submit_gives_gap_free_references_per_year(make_request):
    first = make_request(status="submitted")
    second = make_request(status="submitted")
    year = first.submitted_at.year
    assert first.reference == f"BNL-{year}-0001"
    assert second.reference == f"BNL-{year}-0002"
    assert first.acknowledge_by == first.submitted_at + datetime.timedelta(hours=168)


def test_a_refused_submission_consumes_no_number(make_request, demo):
    make_request(status="submitted")
    incomplete = services.request_create(actor=user("operator.nl"), title="Half done")
    with pytest.raises(ApplicationError):
        services.request_submit(request=incomplete, actor=user("operator.nl"))
    later = make_request(status="submitted")
    assert later.reference.endswith("-0002")


def test_only_the_filing_control_room_can_edit_or_submit_a_draft(make_request):
    request = make_request()
    for username in ("operator.be", "chief.nl", "secretariat"):
        with pytest.raises(ApplicationError):
            services.request_update(request=request, actor=user(username), title="Changed")
        with pytest.raises(ApplicationError):
            services.request_submit(request=request, actor=user(username))


def test_a_submitted_request_cannot_be_edited_or_submitted_again(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError, match="Only a draft"):
        services.request_update(request=request, actor=user("operator.nl"), title="Changed")
    with pytest.raises(ApplicationError, match="cannot be submitted now"):
        services.request_submit(request=request, actor=user("operator.nl"))


def test_update_replaces_lines_and_countries(make_request):
    request = make_request()
    services.request_update(
        request=request,
        actor=user("operator.nl"),
        title="Changed",
        requested_countries=["BE", "LU"],
        lines=[{"resource_type": resource_type("dog-explosives"), "quantity": 4}],
    )
    request.refresh_from_db()
    assert request.title == "Changed"
    assert sorted(request.requested.values_list("country__code", flat=True)) == ["BE", "LU"]
    assert request.lines.get().resource_type.code == "dog-explosives"


# --- acknowledgement -----------------------------------------------------------------------------


def test_operator_of_requested_country_can_acknowledge(make_request):
    request = make_request(status="submitted")
    services.request_acknowledge(request=request, actor=user("operator.be"))
    request.refresh_from_db()
    assert request.status == RequestStatus.ACKNOWLEDGED
    row = request.requested.get()
    assert row.acknowledged_by.username == "operator.be"
    change = StatusChange.objects.filter(request=request).last()
    assert (change.action, change.from_status, change.to_status, change.country.code) == (
        "acknowledge",
        "submitted",
        "acknowledged",
        "BE",
    )


def test_requesting_country_cannot_acknowledge_own_request(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError, match="requesting country cannot acknowledge"):
        services.request_acknowledge(request=request, actor=user("operator.nl"))


def test_operator_of_a_country_not_asked_cannot_acknowledge(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError):
        services.request_acknowledge(request=request, actor=user("operator.lu"))


def test_chief_of_requested_country_cannot_acknowledge(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError):
        services.request_acknowledge(request=request, actor=user("chief.be"))


def test_a_draft_cannot_be_acknowledged(make_request):
    request = make_request(status="draft")
    with pytest.raises(ApplicationError, match="cannot be acknowledged now"):
        services.request_acknowledge(request=request, actor=user("operator.be"))


def test_acknowledging_twice_is_refused(make_request):
    request = make_request(status="acknowledged")
    with pytest.raises(ApplicationError, match="already acknowledged"):
        services.request_acknowledge(request=request, actor=user("operator.be"))


# --- answers -------------------------------------------------------------------------------------


def test_requested_country_answers_per_line(make_request):
    request = make_request(status="acknowledged")
    response = services.request_respond(
        request=request,
        actor=user("operator.be"),
        decisions=[
            {
                "line": request.lines.get().pk,
                "decision": "partially",
                "offered_quantity": 8,
                "conditions": "Only Saturday and Sunday",
                "cost_arrangement": "sending",
            }
        ],
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED
    assert response.decision == "partially"
    assert response.lines.get().offered_quantity == 8


def test_answer_stays_open_until_every_asked_country_answered(make_request):
    request = make_request(status="acknowledged", to=("BE", "LU"))
    services.request_respond(request=request, actor=user("operator.be"), decisions=answer_all(request))
    request.refresh_from_db()
    assert request.status == RequestStatus.ACKNOWLEDGED
    services.request_respond(request=request, actor=user("operator.lu"), decisions=answer_all(request, "declined"))
    request.refresh_from_db()
    assert request.status == RequestStatus.ANSWERED


def test_a_country_that_was_not_asked_cannot_answer(make_request):
    request = make_request(status="acknowledged")
    with pytest.raises(ApplicationError, match="not asked"):
        services.request_respond(request=request, actor=user("operator.lu"), decisions=answer_all(request))
    assert not CountryResponse.objects.exists()


def test_the_requesting_country_cannot_answer_its_own_request(make_request):
    request = make_request(status="acknowledged")
    with pytest.raises(ApplicationError, match="cannot answer its own"):
        services.request_respond(request=request, actor=user("operator.nl"), decisions=answer_all(request))


def test_answer_before_acknowledgement_is_refused(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError, match="Acknowledge"):
        services.request_respond(request=request, actor=user("operator.be"), decisions=answer_all(request))


def test_answer_must_cover_every_line_and_offer_something_when_approving(make_request):
    request = make_request(status="acknowledged")
    line = request.lines.get()
    with pytest.raises(ApplicationError) as error:
        services.request_respond(request=request, actor=user("operator.be"), decisions=[])
    assert "lines" in error.value.errors
    with pytest.raises(ApplicationError) as error:
        services.request_respond(
            request=request,
            actor=user("operator.be"),
            decisions=[{"line": line.pk, "decision": "approved", "offered_quantity": 0}],
        )
    assert "lines-0-offered_quantity" in error.value.errors
    assert not CountryResponse.objects.exists()


def test_second_answer_of_the_same_country_is_refused(make_request):
    request = make_request(status="answered")
    with pytest.raises(ApplicationError, match="already answered"):
        services.request_respond(request=request, actor=user("operator.be"), decisions=answer_all(request))


@pytest.mark.django_db(transaction=True)
def test_two_operators_answering_at_once_one_wins_the_other_is_told(make_request):
    from apps.accounts.tests.factories import UserFactory

    request = make_request(status="acknowledged")
    second_operator = UserFactory(organisation=user("operator.be").organisation, roles=["operator"])
    decisions = answer_all(request)
    barrier = threading.Barrier(2)
    results = {}

    def answer(name, actor):
        try:
            barrier.wait()
            with translation.override("en"):  # a thread of its own: the test's language is not inherited
                services.request_respond(request=request, actor=actor, decisions=decisions)
            results[name] = "ok"
        except ApplicationError as error:
            results[name] = error.message
        finally:
            connection.close()

    threads = [
        threading.Thread(target=answer, args=("first", user("operator.be"))),
        threading.Thread(target=answer, args=("second", user(second_operator.username))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values(), key=lambda value: value != "ok")[0] == "ok"
    loser = [value for value in results.values() if value != "ok"]
    assert len(loser) == 1 and "already answered" in loser[0]
    assert CountryResponse.objects.filter(request=request).count() == 1


# --- acceptance and the rest ---------------------------------------------------------------------


def test_requesting_control_room_accepts_some_offers_and_declines_others(make_request):
    request = make_request(status="acknowledged", to=("BE", "LU"))
    services.request_respond(request=request, actor=user("operator.be"), decisions=answer_all(request))
    services.request_respond(request=request, actor=user("operator.lu"), decisions=answer_all(request))
    services.request_accept(request=request, actor=user("operator.nl"), accepted_countries=["BE"])
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    decisions = dict(request.responses.values_list("country__code", "offer_decision"))
    assert decisions == {"BE": "accepted", "LU": "declined"}


def test_accepting_an_offer_that_was_not_made_is_refused(make_request):
    request = make_request(status="acknowledged", to=("BE", "LU"))
    services.request_respond(request=request, actor=user("operator.be"), decisions=answer_all(request))
    services.request_respond(request=request, actor=user("operator.lu"), decisions=answer_all(request, "declined"))
    with pytest.raises(ApplicationError) as error:
        services.request_accept(request=request, actor=user("operator.nl"), accepted_countries=["LU"])
    assert "accepted_countries" in error.value.errors


def test_requested_country_cannot_accept(make_request):
    request = make_request(status="answered")
    with pytest.raises(ApplicationError):
        services.request_accept(request=request, actor=user("operator.be"), accepted_countries=["BE"])


def test_the_whole_procedure_writes_one_history_row_per_step(make_request):
    request = make_request(status="closed")
    assert request.status == RequestStatus.CLOSED
    steps = list(StatusChange.objects.filter(request=request).values_list("action", "to_status"))
    assert steps == [
        ("submit", "submitted"),
        ("acknowledge", "acknowledged"),
        ("respond", "answered"),
        ("accept", "accepted"),
        ("start", "in_progress"),
        ("complete", "completed"),
        ("close", "closed"),
    ]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("submitted", "accept"),
        ("answered", "start"),
        ("accepted", "complete"),
        ("in_progress", "close"),
        ("closed", "complete"),
    ],
)
def test_a_transition_out_of_order_is_refused(make_request, status, action):
    request = make_request(status=status)
    service = services.REQUEST_ACTIONS[action]
    kwargs = {"accepted_countries": ["BE"]} if action == "accept" else {}
    with pytest.raises(ApplicationError, match="cannot be"):
        service(request=request, actor=user("operator.nl"), **kwargs)
    request.refresh_from_db()
    assert request.status == status


@pytest.mark.parametrize("action", ["start", "complete", "close"])
def test_only_the_requesting_control_room_moves_the_deployment_on(make_request, action):
    status = {"start": "accepted", "complete": "in_progress", "close": "completed"}[action]
    request = make_request(status=status)
    with pytest.raises(ApplicationError):
        services.REQUEST_ACTIONS[action](request=request, actor=user("operator.be"))


@pytest.mark.parametrize("status", ["draft", "submitted", "acknowledged", "answered", "accepted", "in_progress"])
def test_cancel_from_any_state_before_completion_with_a_reason(make_request, status):
    request = make_request(status=status)
    services.request_cancel(request=request, actor=user("operator.nl"), reason="Event called off")
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert request.cancel_reason == "Event called off"
    assert StatusChange.objects.filter(request=request, action="cancel", from_status=status).exists()


@pytest.mark.parametrize("status", ["completed", "closed"])
def test_cancel_after_completion_is_refused(make_request, status):
    request = make_request(status=status)
    with pytest.raises(ApplicationError, match="cannot be cancelled"):
        services.request_cancel(request=request, actor=user("operator.nl"), reason="Too late")


def test_cancel_without_a_reason_is_refused(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError) as error:
        services.request_cancel(request=request, actor=user("operator.nl"), reason="  ")
    assert "reason" in error.value.errors


def test_requested_country_cannot_cancel(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError):
        services.request_cancel(request=request, actor=user("operator.be"), reason="Not ours")


def test_every_step_of_the_procedure_has_a_service():
    assert list(services.REQUEST_ACTIONS) == list(TRANSITIONS)


# --- messages ------------------------------------------------------------------------------------


def test_control_rooms_talk_on_the_thread_with_read_receipts(make_request):
    request = make_request(status="submitted")
    message = services.message_send(request=request, actor=user("operator.be"), body="Horses need stabling?")
    assert MessageRead.objects.filter(message=message, user=user("operator.be")).exists()
    assert services.messages_mark_read(request=request, actor=user("operator.nl")) == 1
    assert services.messages_mark_read(request=request, actor=user("operator.nl")) == 0


def test_chief_and_uninvolved_operator_cannot_write_on_the_thread(make_request):
    request = make_request(status="submitted")
    for username in ("chief.nl", "operator.lu"):
        with pytest.raises(ApplicationError):
            services.message_send(request=request, actor=user(username), body="Hello")


def test_empty_message_is_refused(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError):
        services.message_send(request=request, actor=user("operator.nl"), body=" ")


# --- equipment -----------------------------------------------------------------------------------


def test_lending_country_books_a_named_item_and_records_its_return(make_request):
    request = make_request(status="answered", by="operator.lu", to=("BE",), kind="loan")
    item = EquipmentItemFactory()
    booking = services.booking_create(request=request, item=item, actor=user("operator.be"))
    with time_machine.travel(request.start + datetime.timedelta(hours=1), tick=False):  # once it was handed over
        services.booking_return(booking=booking, actor=user("operator.be"), condition="worn", notes="Nozzle scratched")
    booking.refresh_from_db()
    assert booking.return_condition == "worn"
    assert booking.returned_at is not None


def test_an_item_already_booked_for_an_overlapping_period_is_refused(make_request):
    first = make_request(status="answered", by="operator.lu", to=("BE",), kind="loan")
    second = make_request(status="answered", by="operator.nl", to=("BE",), kind="loan")
    item = EquipmentItemFactory()
    services.booking_create(request=first, item=item, actor=user("operator.be"))
    with pytest.raises(ApplicationError, match="already booked"):
        services.booking_create(request=second, item=item, actor=user("operator.be"))
    assert Booking.objects.count() == 1


def test_a_cancelled_request_frees_its_items(make_request):
    first = make_request(status="answered", by="operator.lu", to=("BE",), kind="loan")
    second = make_request(status="answered", by="operator.nl", to=("BE",), kind="loan")
    item = EquipmentItemFactory()
    services.booking_create(request=first, item=item, actor=user("operator.be"))
    services.request_cancel(request=first, actor=user("operator.lu"), reason="National day moved indoors")
    services.booking_create(request=second, item=item, actor=user("operator.be"))


def test_requesting_country_cannot_book_the_lenders_items(make_request):
    request = make_request(status="answered", by="operator.lu", to=("BE",), kind="loan")
    with pytest.raises(ApplicationError):
        services.booking_create(request=request, item=EquipmentItemFactory(), actor=user("operator.lu"))


@pytest.mark.django_db(transaction=True)
def test_two_control_rooms_booking_the_same_item_at_the_same_second_one_wins(make_request):
    from apps.accounts.tests.factories import UserFactory

    first = make_request(status="answered", by="operator.lu", to=("BE",), kind="loan")
    second = make_request(status="answered", by="operator.nl", to=("BE",), kind="loan")
    item = EquipmentItemFactory()
    colleague = UserFactory(organisation=user("operator.be").organisation, roles=["operator"])
    barrier = threading.Barrier(2)
    results = {}

    def book(request, actor):
        try:
            barrier.wait()
            with translation.override("en"):  # a thread of its own: the test's language is not inherited
                services.booking_create(request=request, item=item, actor=actor)
            results[request.pk] = "ok"
        except ApplicationError as error:
            results[request.pk] = error.message
        except Exception as error:
            results[request.pk] = repr(error)
            raise
        finally:
            connection.close()

    threads = [
        threading.Thread(target=book, args=(first, user("operator.be"))),
        threading.Thread(target=book, args=(second, user(colleague.username))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values()).count("ok") == 1
    assert any("already booked" in value for value in results.values()), results
    assert Booking.objects.filter(item=item).count() == 1


def test_approving_a_loan_books_the_named_items(make_request):
    request = make_request(status="acknowledged", by="operator.lu", to=("BE",), kind="loan")
    item = EquipmentItemFactory(name="Water cannon WA-2")
    services.request_respond(request=request, actor=user("operator.be"), decisions=answer_all(request), items=[item.pk])
    booking = Booking.objects.get()
    assert (booking.item, booking.request) == (item, request)
    assert booking.period.lower == request.start


def test_answer_offering_an_item_already_booked_is_refused_and_nothing_saved(make_request):
    first = make_request(status="acknowledged", by="operator.lu", to=("BE",), kind="loan")
    second = make_request(status="acknowledged", by="operator.nl", to=("BE",), kind="loan")
    item = EquipmentItemFactory()
    services.request_respond(request=first, actor=user("operator.be"), decisions=answer_all(first), items=[item.pk])
    with pytest.raises(ApplicationError, match="already booked"):
        services.request_respond(
            request=second, actor=user("operator.be"), decisions=answer_all(second), items=[item.pk]
        )
    assert not CountryResponse.objects.filter(request=second).exists()
    second.refresh_from_db()
    assert second.status == RequestStatus.ACKNOWLEDGED


def test_a_country_cannot_lend_another_countrys_equipment(make_request):
    request = make_request(status="acknowledged", by="operator.nl", to=("BE",), kind="loan")
    dutch_item = EquipmentItemFactory(organisation=user("operator.nl").organisation)
    with pytest.raises(ApplicationError) as error:
        services.request_respond(
            request=request, actor=user("operator.be"), decisions=answer_all(request), items=[dutch_item.pk]
        )
    assert "items" in error.value.errors


def test_the_lending_control_room_and_administrators_keep_the_equipment_registry(demo, reference_data):
    from .test_api import api

    values = {
        "organisation": user("operator.be").organisation,
        "identifier": "WA-9",
        "resource_type": resource_type("water-cannon"),
        "name": "Water cannon WA-9",
    }
    for outsider in ("operator.nl", "chief.be", "liaison.be"):
        with pytest.raises(ApplicationError, match="control room of the owner's country"):
            services.equipment_item_upsert(actor=user(outsider), **values)
    services.equipment_item_upsert(actor=user("operator.be"), **values)
    services.equipment_item_upsert(actor=user("admin"), **{**values, "name": "Water cannon WA-9, crew of four"})
    rows = api("operator.nl").get("/api/v1/equipment", {"country": "BE"}).json()["results"]
    assert [row["name"] for row in rows] == ["Water cannon WA-9, crew of four"]
