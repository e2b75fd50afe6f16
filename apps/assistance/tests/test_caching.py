"""The queue and the statistics are cached until a request changes: every change shows at once."""

from django.urls import reverse

from apps.assistance import caching, services
from apps.assistance.views import QUEUE_LIMIT

from .factories import user


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
    request = make_request(status="submitted", to=("BE",))
    client = login("chief.be", language="en")
    before = client.get(reverse("assistance:statistics")).context["stats"]
    assert [(row["country"], row["received"], row["acknowledged"]) for row in before["rows"]] == [
        ("BE", 1, 0),
        ("NL", 0, 0),
    ]
    services.request_acknowledge(request=request, actor=user("operator.be"))
    after = client.get(reverse("assistance:statistics")).context["stats"]
    assert [(row["country"], row["received"], row["acknowledged"]) for row in after["rows"]] == [
        ("BE", 1, 1),
        ("NL", 0, 0),
    ]


def test_statistics_cache_is_not_shared_with_another_country(make_request, login):
    make_request(status="submitted", by="operator.nl", to=("BE",))
    assert login("chief.be", language="en").get(reverse("assistance:statistics")).context["stats"]["rows"]
    assert login("chief.lu", language="en").get(reverse("assistance:statistics")).context["stats"]["rows"] == []


def test_generation_moves_when_written_and_again_after_commit(db, django_capture_on_commit_callbacks):
    first = caching.generation()
    with django_capture_on_commit_callbacks(execute=True):
        caching.data_changed()
        assert caching.generation() == first + 1
    assert caching.generation() == first + 2
