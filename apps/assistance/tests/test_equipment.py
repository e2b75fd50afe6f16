"""The equipment registry of the lending control rooms: their country's items, each item's bookings on a timeline,
what is free between two dates across the three countries, and the registry's upkeep (pages, services, API)."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from apps.assistance import services
from apps.assistance.models import Booking, EquipmentItem
from apps.core.errors import ApplicationError

from .factories import START, EquipmentItemFactory, org, resource_type, user
from .test_api import api

pytestmark = pytest.mark.django_db
EQUIPMENT = "/api/v1/equipment"


def loan(make_request, item, *, by="operator.lu", lender="operator.be", status="acknowledged", **fields):
    """A loan request answered by ``lender`` with ``item`` booked for it."""
    request = make_request(
        status="acknowledged",
        by=by,
        to=(user(lender).organisation.country.code,),
        kind="loan",
        lines=[{"resource_type": item.resource_type, "quantity": 1}],
        **fields,
    )
    services.request_respond(
        request=request,
        actor=user(lender),
        decisions=[{"line": line.pk, "decision": "approved", "offered_quantity": 1} for line in request.lines.all()],
        items=[item],
    )
    return request


def test_operator_sees_their_countrys_items_with_type_status_and_condition(reference_data, demo, login):
    EquipmentItemFactory(name="Water cannon WA-1", identifier="WA-1", condition="worn")
    EquipmentItemFactory(name="Water cannon WA-9", identifier="WA-9", is_active=False)
    EquipmentItemFactory(name="Waterwerper WAW-3", identifier="WAW-3", organisation=org("NL", "POLNL"))
    page = login("operator.be", language="en").get(reverse("assistance:equipment")).content.decode()
    assert "Water cannon WA-1" in page and "Worn, usable" in page and "Available" in page
    assert "Water cannon WA-9" in page and "Retired" in page
    assert "Waterwerper WAW-3" not in page  # another country's, one choice away
    dutch = login("operator.be", language="en").get(reverse("assistance:equipment"), {"country": "NL"})
    assert "Waterwerper WAW-3" in dutch.content.decode()


def test_the_registry_filters_by_type_and_status_and_sorts(reference_data, demo, login):
    EquipmentItemFactory(name="B water cannon", identifier="WA-1")
    EquipmentItemFactory(name="A water cannon", identifier="WA-2")
    EquipmentItemFactory(name="Dingo", identifier="AV-1", resource_type=resource_type("armoured-vehicle"))
    EquipmentItemFactory(name="Old cannon", identifier="WA-0", is_active=False)
    client = login("operator.be", language="en")
    url = reverse("assistance:equipment")

    def names(**query):
        return [item.name for item in client.get(url, query).context["page"].object_list]

    assert names(resource_type="water-cannon", status="available", ordering="name") == [
        "A water cannon",
        "B water cannon",
    ]
    assert names(status="retired") == ["Old cannon"]
    assert names(ordering="-identifier") == ["A water cannon", "B water cannon", "Old cannon", "Dingo"]
    bad = client.get(url, {"status": "lost at sea", "ordering": "password"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()


@pytest.mark.parametrize("count", [2, 8])
def test_the_registry_page_runs_a_constant_number_of_queries(
    reference_data, demo, login, django_assert_num_queries, count
):
    for index in range(count):
        EquipmentItemFactory(name=f"Water cannon {index}", identifier=f"WA-{index}")
    client = login("operator.be", language="en")
    with django_assert_num_queries(REGISTRY_QUERIES):
        response = client.get(reverse("assistance:equipment"))
    assert len(response.context["page"].object_list) == count
    with django_assert_num_queries(REGISTRY_QUERIES - 2):  # the list from the cache
        cached = client.get(reverse("assistance:equipment")).content.decode()
    assert cached.split("<h1>")[1] == response.content.decode().split("<h1>")[1]


def test_the_registry_shows_a_new_item_and_a_loan_at_once_despite_its_cache(reference_data, make_request, login):
    item = EquipmentItemFactory(name="Water cannon WA-1", identifier="WA-1")
    client = login("operator.be", language="en")
    assert "Available" in client.get(reverse("assistance:equipment")).content.decode()
    EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    assert "Water cannon WA-2" in client.get(reverse("assistance:equipment")).content.decode()
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        loan(make_request, item)
        client = login("operator.be", language="en")
        assert "On loan" in client.get(reverse("assistance:equipment")).content.decode()


# Two-factor devices (TOTP, static), the types of the filter, the items with their status.
REGISTRY_QUERIES = 4


def test_an_items_page_draws_its_bookings_on_a_timeline_and_names_who_holds_it(make_request, login):
    item = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    request = loan(make_request, item)
    page = login("operator.nl", language="en").get(item.get_absolute_url()).content.decode()
    assert '<svg class="timeline"' in page and "timeline__bar--booked" in page
    assert request.reference in page and "CIN (LU)" in page  # no secret between partners
    assert f'href="{request.get_absolute_url()}"' not in page  # but the Dutch may not open the request itself
    lender = login("operator.be", language="en").get(item.get_absolute_url()).content.decode()
    assert f'href="{request.get_absolute_url()}"' in lender
    later = login("operator.be", language="en").get(item.get_absolute_url(), {"from": "2199-01-01"})
    assert b"No booking in this period." in later.content
    for nonsense in ("yesterday", "0000-00-00", "99999-01-01"):
        assert login("operator.be", language="en").get(item.get_absolute_url(), {"from": nonsense}).status_code == 200


@pytest.mark.parametrize("count", [1, 4])
def test_an_items_page_runs_a_constant_number_of_queries(make_request, login, django_assert_num_queries, count):
    item = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    for index in range(count):
        start = START + datetime.timedelta(days=4 * index)
        loan(make_request, item, start=start, end=start + datetime.timedelta(days=1), title=f"Loan {index}")
    client = login("operator.be", language="en")
    with django_assert_num_queries(ITEM_QUERIES):
        response = client.get(item.get_absolute_url())
    assert response.content.count(b"timeline__bar--booked") == count


# Two-factor devices (TOTP, static), the item with its status, its bookings with their requests, which of those
# requests the reader may open.
ITEM_QUERIES = 5


def test_what_is_free_across_the_three_countries_and_who_holds_the_rest(make_request, login):
    free_nl = EquipmentItemFactory(name="Waterwerper WAW-3", identifier="WAW-3", organisation=org("NL", "POLNL"))
    held = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    request = loan(make_request, held)
    EquipmentItemFactory(name="Retired cannon", identifier="WA-0", is_active=False)
    client = login("operator.lu", language="en")
    query = {
        "resource_type": resource_type("water-cannon").pk,
        "start": START.strftime("%Y-%m-%dT%H:%M"),
        "end": (START + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    page = client.get(reverse("assistance:equipment-free"), query).content.decode()
    assert free_nl.name in page
    assert "Water cannon WA-2" in page.split("Booked for part of the period")[1]
    assert request.reference in page and "Retired cannon" not in page
    assert "No item of the type" not in page


def test_when_nothing_is_free_the_search_says_so(make_request, login):
    held = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    loan(make_request, held)
    query = {
        "resource_type": resource_type("water-cannon").pk,
        "start": START.strftime("%Y-%m-%dT%H:%M"),
        "end": (START + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    }
    page = login("operator.nl", language="en").get(reverse("assistance:equipment-free"), query).content.decode()
    assert "No item of the type “Water cannon” is free for the whole period in any of the three countries." in page
    wrong = login("operator.nl", language="en").get(reverse("assistance:equipment-free"), {**query, "end": "soon"})
    assert wrong.status_code == 200 and b"Enter a valid date/time." in wrong.content


def test_the_answer_form_says_when_no_item_is_free(make_request, login):
    held = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    loan(make_request, held)
    second = make_request(
        status="acknowledged",
        by="operator.nl",
        to=("BE",),
        kind="loan",
        lines=[{"resource_type": resource_type("water-cannon"), "quantity": 1}],
    )
    page = login("operator.be", language="en").get(second.get_absolute_url()).content.decode()
    assert "No item of your country's registry of the requested types is free for the whole period." in page


def test_operators_of_the_owning_country_add_change_retire_and_reinstate_an_item(reference_data, demo, login):
    client = login("operator.be", language="en")
    fedpol = org("BE", "FEDPOL")
    response = client.post(
        reverse("assistance:equipment-create"),
        {
            "organisation": fedpol.pk,
            "resource_type": resource_type("water-cannon").pk,
            "identifier": "WA-7",
            "name": "Water cannon WA-7",
            "condition": "good",
        },
    )
    item = EquipmentItem.objects.get(identifier="WA-7")
    assert response["Location"] == item.get_absolute_url()
    again = client.post(
        reverse("assistance:equipment-create"),
        {
            "organisation": fedpol.pk,
            "resource_type": resource_type("water-cannon").pk,
            "identifier": "wa-7",
            "name": "X",
            "condition": "good",
        },
    )
    assert b"already has an item wa-7" in again.content
    client.post(
        reverse("assistance:equipment-edit", args=[item.pk]),
        {"resource_type": resource_type("water-cannon").pk, "identifier": "WA-7", "name": "Water cannon WA-7 (new)"},
    )
    item.refresh_from_db()
    assert item.name == "Water cannon WA-7 (new)"
    assert (
        b"is no longer offered for loans" in client.get(reverse("assistance:equipment-retire", args=[item.pk])).content
    )
    client.post(reverse("assistance:equipment-retire", args=[item.pk]), {"note": "Engine worn out"})
    item.refresh_from_db()
    assert not item.is_active and "Engine worn out" in item.notes
    client.post(reverse("assistance:equipment-reinstate", args=[item.pk]))
    item.refresh_from_db()
    assert item.is_active


def test_other_countries_read_an_item_but_are_refused_its_changes(reference_data, demo, login):
    item = EquipmentItemFactory()
    client = login("operator.nl", language="en")
    assert client.get(item.get_absolute_url()).status_code == 200
    for name in ("assistance:equipment-edit", "assistance:equipment-retire"):
        assert client.get(reverse(name, args=[item.pk])).status_code == 403
    assert client.post(reverse("assistance:equipment-reinstate", args=[item.pk])).status_code == 403
    with pytest.raises(ApplicationError):
        services.equipment_item_retire(actor=user("operator.nl"), item=item)
    with pytest.raises(ApplicationError):
        services.equipment_item_create(
            actor=user("operator.nl"),
            organisation=org("BE", "FEDPOL"),
            resource_type=resource_type("water-cannon"),
            identifier="WA-8",
            name="Not ours",
        )
    # The registry is not for liaison officers: its pages are refused, its items do not exist for them.
    assert login("liaison.be", language="en").get(item.get_absolute_url()).status_code == 404
    assert login("liaison.be", language="en").get(reverse("assistance:equipment")).status_code == 403
    assert login("liaison.be", language="en").get(reverse("assistance:equipment-free")).status_code == 403
    assert login("liaison.be", language="en").get(reverse("assistance:equipment-create")).status_code == 403
    assert login("chief.nl", language="en").get(reverse("assistance:equipment-create")).status_code == 403
    assert login("operator.nl", language="en").get(reverse("assistance:equipment-create")).status_code == 200


def test_an_item_out_or_booked_is_not_retired(make_request, login):
    item = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    request = loan(make_request, item)
    with pytest.raises(ApplicationError, match=request.reference):
        services.equipment_item_retire(actor=user("operator.be"), item=item)
    page = login("operator.be", language="en").get(reverse("assistance:equipment-retire", args=[item.pk]))
    assert request.reference in page.content.decode()


def test_the_lender_records_a_return_with_its_condition_from_the_items_page(make_request, login):
    item = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    loan(make_request, item)
    booking = Booking.objects.get()
    url = reverse("assistance:equipment-booking-return", args=[item.pk, booking.pk])
    client = login("operator.be", language="en")
    assert url not in client.get(item.get_absolute_url()).content.decode()  # not handed over yet
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        client = login("operator.be", language="en")  # a session of that day: a session ends 8 hours after log-in
        assert url in client.get(item.get_absolute_url()).content.decode()
        assert login("operator.lu", language="en").post(url, {"condition": "good"}).status_code == 302
        booking.refresh_from_db()
        assert booking.returned_at is None  # the borrower does not record the return
        client.post(url, {"condition": "damaged", "notes": "Nozzle bent"})
    item.refresh_from_db()
    booking.refresh_from_db()
    assert (booking.return_condition, item.condition) == ("damaged", "damaged")


def test_bookings_appear_in_the_admin(make_request, login):
    item = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2")
    loan(make_request, item)
    client = login("admin", language="en")
    response = client.get(reverse("admin:assistance_booking_changelist"))
    assert response.status_code == 200 and b"Water cannon WA-2" in response.content
    booking = Booking.objects.get()
    assert client.get(reverse("admin:assistance_booking_change", args=[booking.pk])).status_code == 200
    assert client.get(reverse("admin:assistance_escalationpolicy_add")).status_code == 200


# --- the API -------------------------------------------------------------------------------------


def test_api_lists_the_registry_with_status_condition_filters_and_order(make_request):
    out = EquipmentItemFactory(name="Water cannon WA-2", identifier="WA-2", condition="worn")
    EquipmentItemFactory(name="Water cannon WA-3", identifier="WA-3")
    loan(make_request, out)
    client = api("operator.nl")
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        rows = client.get(EQUIPMENT, {"country": "BE", "ordering": "name"}).json()["results"]
    assert [(row["name"], row["status"], row["condition"]) for row in rows] == [
        ("Water cannon WA-2", "out", "worn"),
        ("Water cannon WA-3", "available", "good"),
    ]
    assert client.get(EQUIPMENT, {"status": "nonsense"}).status_code == 400
    assert api("liaison.be").get(EQUIPMENT).json()["results"] == []


def test_api_registers_changes_retires_an_item_and_records_its_return(make_request):
    client = api("operator.be")
    created = client.post(
        EQUIPMENT,
        {"resource_type": "water-cannon", "identifier": "WA-5", "name": "Water cannon WA-5"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["organisation"] == "DAO"
    assert api("operator.nl").patch(f"{EQUIPMENT}/{pk}", {"name": "Mine"}, format="json").status_code == 400
    changed = client.patch(f"{EQUIPMENT}/{pk}", {"name": "Water cannon WA-5, crew of four"}, format="json")
    assert changed.json()["name"] == "Water cannon WA-5, crew of four"
    item = EquipmentItem.objects.get(pk=pk)
    loan(make_request, item)
    booking = Booking.objects.get()
    assert client.post(f"{EQUIPMENT}/{pk}/retire", {}, format="json").status_code == 400
    early = client.post(f"{EQUIPMENT}/{pk}/bookings/{booking.pk}/return", {"condition": "good"}, format="json")
    assert early.status_code == 400
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        back = client.post(f"{EQUIPMENT}/{pk}/bookings/{booking.pk}/return", {"condition": "good"}, format="json")
        assert back.status_code == 200
        assert back.json()["bookings"][0]["return_condition"] == "good"
        assert back.json()["bookings"][0]["held_by"] == "CIN"
    assert client.post(f"{EQUIPMENT}/{pk}/retire", {"note": "Sold"}, format="json").json()["status"] == "retired"
