"""The queue and the statistics are cached until a request changes: every change shows at once."""

from django.urls import reverse

from apps.assistance import services
from apps.assistance.views import QUEUE_LIMIT

from .factories import EquipmentItemFactory, user


def test_operator_sees_a_newly_filed_request_in_the_queue_at_once(make_request, login):
    client = login("operator.be", language="en")
    make_request(status="submitted", title="Mounted units for Spa")
    assert b"Mounted units for Spa" in client.get(reverse("assistance:index")).content
    make_request(status="submitted", title="Dog teams for Knokke")
    content = client.get(reverse("assistance:index")).content
    assert b"Mounted units for Spa" in content and b"Dog teams for Knokke" in content


def test_acknowledged_request_leaves_the_awaiting_list_at_once(make_request, login):
    request = make_request(status="submitted", title="Water cannon for Luxembourg")
    client = login("operator.be", language="en")
    assert [item.pk for item in client.get(reverse("assistance:index")).context["awaiting"]] == [request.pk]
    services.request_acknowledge(request=request, actor=user("operator.be"))
    assert client.get(reverse("assistance:index")).context["awaiting"] == []


def test_draft_shows_a_country_added_to_it_at_once(make_request, login):
    draft = make_request(to=("BE",), title="Patrols in Knokke")
    client = login("operator.nl", language="en")
    assert b"NL \xe2\x86\x92 BE<" in client.get(reverse("assistance:index")).content
    services.request_update(request=draft, actor=user("operator.nl"), requested_countries=["BE", "LU"])
    assert b"NL \xe2\x86\x92 BE, LU<" in client.get(reverse("assistance:index")).content


def test_cached_queue_is_not_shared_with_another_country_or_language(make_request, login):
    make_request(by="operator.nl", to=("BE",), status="submitted", title="Only for Belgium")
    assert b"Only for Belgium" in login("operator.be", language="en").get(reverse("assistance:index")).content
    luxembourg = login("operator.lu", language="en").get(reverse("assistance:index"))
    assert b"Only for Belgium" not in luxembourg.content
    dutch = login("operator.nl", language="nl").get(reverse("assistance:index"))
    assert b"Only for Belgium" in dutch.content
    assert "Ingediend" in dutch.content.decode()  # the status, in the reader's language


def test_operator_follows_the_link_to_all_requests_awaiting_acknowledgement(make_request, login):
    for index in range(QUEUE_LIMIT + 1):
        make_request(status="submitted", title=f"Waiting {index}")
    client = login("operator.be", language="en")
    queue = client.get(reverse("assistance:index"))
    assert len(queue.context["awaiting"]) == QUEUE_LIMIT
    assert b"?queue=awaiting" in queue.content
    everything = client.get(reverse("assistance:index"), {"queue": "awaiting"})
    assert len(everything.context["page"].object_list) == QUEUE_LIMIT + 1
    assert client.get(reverse("assistance:index"), {"queue": "mine"}).context["page"].object_list == []
    assert len(login("operator.nl", language="en").get("/assistance/?queue=mine").context["page"].object_list) == 11


def test_queue_filter_refuses_an_unknown_queue_in_the_api(make_request, login):
    from .test_api import BASE, api

    make_request(status="submitted")
    response = api("operator.be").get(BASE, {"queue": "everything"})
    assert response.status_code == 400
    assert "queue" in response.json()["errors"]
    assert len(api("operator.be").get(BASE, {"queue": "awaiting"}).json()["results"]) == 1
    assert api("operator.nl").get(BASE, {"queue": "awaiting"}).json()["results"] == []


def test_chief_sees_statistics_change_at_once(make_request, login):
    from .test_views import statistics_shown

    request = make_request(status="submitted", to=("BE",))
    client = login("chief.be", language="en")
    before = statistics_shown(client.get(reverse("assistance:statistics")))["rows"]
    assert {country: row[1:3] for country, row in before.items()} == {"BE": (1, 0), "NL": (0, 0)}
    assert statistics_shown(client.get(reverse("assistance:statistics")))["rows"] == before  # now from the cache
    services.request_acknowledge(request=request, actor=user("operator.be"))
    after = statistics_shown(client.get(reverse("assistance:statistics")))["rows"]
    assert {country: row[1:3] for country, row in after.items()} == {"BE": (1, 1), "NL": (0, 0)}


def test_statistics_cache_is_not_shared_with_another_country_or_language(make_request, login):
    from .test_views import statistics_shown

    make_request(status="submitted", by="operator.nl", to=("BE",))
    assert statistics_shown(login("chief.be", language="en").get(reverse("assistance:statistics")))["rows"]
    assert statistics_shown(login("chief.lu", language="en").get(reverse("assistance:statistics")))["rows"] == {}
    dutch = login("chief.be", language="nl").get(reverse("assistance:statistics"))
    assert "Bijstand en bruikleen in" in dutch.content.decode()


def test_search_results_come_from_the_cache_until_a_request_changes(make_request, login, django_assert_num_queries):
    from .test_views import CACHED_QUEUE_QUERIES

    make_request(status="submitted", title="Dog teams for Knokke", urgency="urgent")
    client = login("operator.be", language="en")
    assert b"Dog teams for Knokke" in client.get(reverse("assistance:index"), {"urgency": "urgent"}).content
    with django_assert_num_queries(CACHED_QUEUE_QUERIES):
        again = client.get(reverse("assistance:index"), {"urgency": "urgent"})
    assert b"Dog teams for Knokke" in again.content
    make_request(status="submitted", title="Horses for Spa", urgency="urgent")
    content = client.get(reverse("assistance:index"), {"urgency": "urgent"}).content
    assert b"Dog teams for Knokke" in content and b"Horses for Spa" in content
    assert b"Horses for Spa" not in client.get(reverse("assistance:index"), {"urgency": "normal"}).content


def test_cached_search_is_not_shared_with_another_country(make_request, login):
    make_request(by="operator.nl", to=("BE",), status="submitted", title="Only for Belgium", urgency="urgent")
    assert b"Only for Belgium" in login("operator.be").get(reverse("assistance:index"), {"urgency": "urgent"}).content
    assert (
        b"Only for Belgium" not in login("operator.lu").get(reverse("assistance:index"), {"urgency": "urgent"}).content
    )


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_api_list_shows_a_new_request_at_once_and_only_to_its_countries(make_request):
    from .test_api import BASE, api

    make_request(by="operator.nl", to=("BE",), status="submitted", title="Only for Belgium")
    belgium, luxembourg = api("operator.be"), api("operator.lu")
    assert _titles(belgium.get(BASE)) == ["Only for Belgium"]
    assert _titles(luxembourg.get(BASE)) == []
    make_request(by="operator.nl", to=("BE",), status="submitted", title="Mounted units for Spa")
    assert _titles(belgium.get(BASE)) == ["Mounted units for Spa", "Only for Belgium"]
    assert _titles(luxembourg.get(BASE)) == []


def test_api_list_answers_a_repeated_question_from_the_cache(make_request, login, django_assert_num_queries):
    from .test_api import BASE

    make_request(status="submitted", to=("BE",), title="Water cannon for Liège")
    client = login("operator.be")
    first = client.get(BASE, {"status": "submitted"}, HTTP_ACCEPT="application/json")
    with django_assert_num_queries(2):  # two-factor devices (none here: TOTP, static); the session's user is cached
        again = client.get(BASE, {"status": "submitted"}, HTTP_ACCEPT="application/json")
    assert again.json() == first.json() and _titles(again) == ["Water cannon for Liège"]


def test_api_list_never_caches_a_refused_filter(make_request):
    from .test_api import BASE, api

    make_request(status="submitted")
    client = api("operator.be")
    for _ in range(2):
        response = client.get(BASE, {"urgency": "whenever"})
        assert response.status_code == 400
        assert "urgency" in response.json()["errors"]


def test_equipment_list_shows_a_booking_at_once(make_request):
    from .test_api import api

    request = make_request(status="answered", by="operator.lu", to=("BE",), kind="loan")
    item = EquipmentItemFactory(name="Water cannon WA-2")
    period = {"available_from": request.start.isoformat(), "available_until": request.end.isoformat()}
    client = api("operator.lu")
    assert [row["name"] for row in client.get("/api/v1/equipment", period).json()["results"]] == ["Water cannon WA-2"]
    services.booking_create(request=request, item=item, actor=user("operator.be"))
    assert client.get("/api/v1/equipment", period).json()["results"] == []


# Writes that send no signal (bulk_create, update) move the version on themselves (services.py, caching.bump): each
# shows at once in what a user reads from the cache. A country added to a draft (RequestedCountry.bulk_create):
# test_draft_shows_a_country_added_to_it_at_once above.


def test_chief_sees_what_was_lent_at_once(make_request, login):
    from .test_views import statistics_shown

    request = make_request(status="acknowledged", to=("BE",))
    client = login("chief.nl", language="en")
    assert statistics_shown(client.get(reverse("assistance:statistics")))["lent"] == {}
    line = request.lines.get()
    services.request_respond(  # the answer's lines: ResponseLine.bulk_create
        request=request,
        actor=user("operator.be"),
        decisions=[{"line": line.pk, "decision": "partially", "offered_quantity": 5}],
    )
    services.request_accept(request=request, actor=user("operator.nl"), accepted_countries=["BE"])
    assert statistics_shown(client.get(reverse("assistance:statistics")))["lent"] == {("BE", "mounted-unit"): 5}


def test_equipment_list_shows_the_items_of_a_cancelled_request_free_at_once(make_request):
    from .test_api import api

    request = make_request(status="answered", by="operator.lu", to=("BE",), kind="loan")
    item = EquipmentItemFactory(name="Water cannon WA-2")
    services.booking_create(request=request, item=item, actor=user("operator.be"))
    period = {"available_from": request.start.isoformat(), "available_until": request.end.isoformat()}
    client = api("operator.nl")
    assert client.get("/api/v1/equipment", period).json()["results"] == []
    # Its bookings are released: Booking...update(is_cancelled=True).
    services.request_cancel(request=request, actor=user("operator.lu"), reason="National day moved indoors")
    assert [row["name"] for row in client.get("/api/v1/equipment", period).json()["results"]] == ["Water cannon WA-2"]


def test_reader_of_the_thread_shows_in_its_read_receipts_at_once(make_request, login):
    """Read receipts (MessageRead.bulk_create) are in no cached answer: the thread shows them as they are."""
    from .test_api import BASE, api

    request = make_request(status="submitted")
    services.message_send(request=request, actor=user("operator.be"), body="Stabling for 12 horses?")
    thread = f"{BASE}/{request.pk}/messages"
    assert api("operator.be").get(thread).json()["results"][0]["read_by"] == ["operator.be"]
    login("operator.nl", language="en").get(request.get_absolute_url())  # opening the page reads the thread
    assert sorted(api("operator.be").get(thread).json()["results"][0]["read_by"]) == ["operator.be", "operator.nl"]
