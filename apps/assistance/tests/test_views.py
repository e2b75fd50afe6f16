import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.assistance.models import AssistanceRequest, CountryResponse, HandlingCode, LegalBasis
from apps.assistance.views import PAGE_SIZE

from .factories import START, resource_type

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("assistance:index"))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_queue_shows_requests_awaiting_my_country_urgent_first(make_request, login):
    make_request(title="Routine patrols Knokke")
    make_request(status="submitted", title="Routine patrols Knokke filed")
    make_request(status="submitted", title="Riot in Brussels", urgency="immediate")
    response = login("operator.be", language="en").get(reverse("assistance:index"))
    assert response.status_code == 200
    awaiting = [item.title for item in response.context["awaiting"]]
    assert awaiting == ["Riot in Brussels", "Routine patrols Knokke filed"]
    assert b"Routine patrols Knokke</td>" not in response.content  # someone else's draft


def test_queue_runs_a_constant_number_of_queries(make_request, login, django_assert_num_queries):
    client = login("operator.be", language="en")
    for rows in (6, 12):
        for index in range(6):
            make_request(status="submitted" if index % 2 else "acknowledged", to=("BE", "LU"), title=f"Req {index}")
        with django_assert_num_queries(QUEUE_QUERIES):
            response = client.get(reverse("assistance:index"))
        assert len(response.context["awaiting"]) == rows // 2  # the other half BE already acknowledged
        assert len(response.context["mine"]) == 0
        with django_assert_num_queries(CACHED_QUEUE_QUERIES):
            again = client.get(reverse("assistance:index"))
        assert again.content.count(b"Req ") == response.content.count(b"Req ") == rows


# Whatever the number of requests in the queue: two-factor devices (none here: TOTP, static), the queue's three
# lists (their requested countries as a column); no count of the list. The session, the user with roles and
# organisation and the unread count of the badge come from the cache.
QUEUE_QUERIES = 5
# Until a request changes, the lists come from the cache: two-factor devices (none here: TOTP, static).
CACHED_QUEUE_QUERIES = 2


def test_queue_filters_with_the_shared_filterset(make_request, login, django_assert_num_queries):
    make_request(status="submitted", title="Dogs", urgency="urgent")
    make_request(status="submitted", title="Horses")
    client = login("operator.be", language="en")
    with django_assert_num_queries(SEARCH_QUERIES):
        response = client.get(reverse("assistance:index"), {"urgency": "urgent"})
    assert [item.title for item in response.context["page"].object_list] == ["Dogs"]
    with django_assert_num_queries(CACHED_QUEUE_QUERIES):  # the same search again: see test_caching.py
        assert b"Dogs" in client.get(reverse("assistance:index"), {"urgency": "urgent"}).content


# Two-factor devices (TOTP, static), the page of results.
SEARCH_QUERIES = 3


def test_request_page_permission_grid(make_request, login):
    draft = make_request()
    filed = make_request(status="answered")
    assert login("operator.nl", language="en").get(draft.get_absolute_url()).status_code == 200
    assert login("operator.be", language="en").get(draft.get_absolute_url()).status_code == 404
    assert login("chief.nl", language="en").get(draft.get_absolute_url()).status_code == 404
    for username in ("operator.nl", "operator.be", "chief.be", "chief.nl", "secretariat"):
        assert login(username, language="en").get(filed.get_absolute_url()).status_code == 200, username
    for username in ("operator.lu", "chief.lu", "liaison.be"):
        assert login(username, language="en").get(filed.get_absolute_url()).status_code == 404, username


def test_request_page_shows_the_whole_story_in_constant_queries(
    make_request, login, line_values, django_assert_num_queries
):
    small = make_request(status="answered", to=("BE",))
    big = make_request(status="answered", to=("BE", "LU"), lines=line_values * 5)
    client = login("operator.nl", language="en")
    for request in (small, big):
        with django_assert_num_queries(REQUEST_PAGE_QUERIES):
            response = client.get(request.get_absolute_url())
        assert response.status_code == 200
        assert b"Formula 1 Belgian Grand Prix" in response.content
        assert b"Decide on the offers" in response.content


# Whatever the number of countries, lines, answers, bookings and history rows.
REQUEST_PAGE_QUERIES = 13


def test_operator_files_a_request_through_the_form(demo, login, reference_data):
    client = login("operator.nl", language="en")
    data = {
        "kind": "assistance",
        "title": "King's Day support",
        "urgency": "urgent",
        "requested_countries": ["BE"],
        "operational_context": "Crowds",
        "place": "Maastricht",
        "start": START.strftime("%Y-%m-%dT%H:%M"),
        "end": (START + datetime.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        "legal_basis": LegalBasis.objects.get(code="benelux-police-treaty-2018").pk,
        "handling_code": HandlingCode.objects.get(code="H0").pk,
        "operational_control": "Maastricht police",
        "command": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-resource_type": resource_type("mounted-unit").pk,
        "lines-0-quantity": "6",
        "submit": "1",
    }
    response = client.post(reverse("assistance:create"), data)
    assert response.status_code == 302, response.context["form"].errors
    request = AssistanceRequest.objects.get()
    assert request.status == "submitted"
    assert request.reference.startswith("BNL-")


def test_form_refuses_a_quantity_of_zero_and_saves_nothing(demo, login, reference_data):
    client = login("operator.nl", language="en")
    response = client.post(
        reverse("assistance:create"),
        {
            "kind": "loan",
            "title": "Water cannon",
            "urgency": "routine",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
            "lines-0-resource_type": resource_type("water-cannon").pk,
            "lines-0-quantity": "0",
        },
    )
    assert response.status_code == 200
    assert b"Enter a quantity between 1 and 20 vehicles." in response.content
    assert not AssistanceRequest.objects.exists()


def test_submitting_an_incomplete_form_keeps_the_draft_and_names_the_missing_fields(demo, login, reference_data):
    client = login("operator.nl", language="en")
    response = client.post(
        reverse("assistance:create"),
        {
            "kind": "loan",
            "title": "Water cannon",
            "urgency": "routine",
            "lines-TOTAL_FORMS": "0",
            "lines-INITIAL_FORMS": "0",
            "submit": "1",
        },
    )
    draft = AssistanceRequest.objects.get()
    assert draft.status == "draft"
    assert response.status_code == 302  # to the draft's own edit page: see test_filing.py
    assert b"The form is not complete" in client.get(response["Location"]).content


def test_only_operators_open_the_request_form(demo, login):
    assert login("chief.be", language="en").get(reverse("assistance:create")).status_code == 403
    assert login("operator.be", language="en").get(reverse("assistance:create")).status_code == 200


def test_other_country_cannot_open_the_edit_form(make_request, login):
    draft = make_request()
    assert login("operator.be", language="en").get(reverse("assistance:edit", args=[draft.pk])).status_code == 404


def test_a_filed_request_one_sees_cannot_be_edited(make_request, login):
    filed = make_request(status="submitted")
    for username in ("operator.nl", "operator.be", "chief.be"):
        response = login(username, language="en").get(reverse("assistance:edit", args=[filed.pk]))
        assert response.status_code == 403, username


def test_acknowledge_and_answer_from_the_request_page(make_request, login):
    request = make_request(status="submitted")
    client = login("operator.be", language="en")
    response = client.post(reverse("assistance:act", args=[request.pk, "acknowledge"]))
    assert response.status_code == 302
    line = request.lines.get()
    response = client.post(
        reverse("assistance:act", args=[request.pk, "respond"]),
        {
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1",
            "lines-0-line": line.pk,
            "lines-0-decision": "partially",
            "lines-0-offered_quantity": "4",
            "lines-0-cost_arrangement": "sending",
        },
    )
    assert response.status_code == 302
    assert CountryResponse.objects.get().decision == "partially"


def test_refused_action_is_explained_not_a_server_error(make_request, login):
    request = make_request(status="submitted")
    client = login("operator.nl", language="en")
    response = client.post(reverse("assistance:act", args=[request.pk, "acknowledge"]), follow=True)
    assert response.status_code == 200
    assert b"cannot acknowledge its own request" in response.content


def test_messages_on_the_request_page(make_request, login):
    request = make_request(status="submitted")
    client = login("operator.be", language="en")
    client.post(reverse("assistance:act", args=[request.pk, "message"]), {"body": "Stabling for 12 horses?"})
    response = login("operator.nl", language="en").get(request.get_absolute_url())
    assert b"Stabling for 12 horses?" in response.content


def test_actions_on_a_request_one_may_not_see_are_404(make_request, login):
    request = make_request(status="submitted")
    response = login("operator.lu", language="en").post(reverse("assistance:act", args=[request.pk, "acknowledge"]))
    assert response.status_code == 404


def test_every_demo_request_page_renders_for_every_demo_user(demo, reference_data, login):
    from apps.accounts.demo import USERS
    from apps.assistance import demo as assistance_demo

    assistance_demo.load()
    requests = list(AssistanceRequest.objects.all())
    for username, *_rest in USERS:
        client = login(username, language="en")
        assert client.get(reverse("assistance:index")).status_code == 200
        for request in requests:
            assert client.get(request.get_absolute_url()).status_code in (200, 404), (username, request)
    secretariat = login("secretariat", language="en")
    seen = [r for r in requests if secretariat.get(r.get_absolute_url()).status_code == 200]
    assert len(seen) == len(requests) - 1  # everything but the Luxembourg draft


def test_lender_offers_an_item_from_the_page_and_records_its_return(make_request, login):
    from apps.assistance.models import Booking

    from .factories import EquipmentItemFactory

    request = make_request(
        status="acknowledged",
        by="operator.lu",
        to=("BE",),
        kind="loan",
        lines=[{"resource_type": resource_type("water-cannon"), "quantity": 1}],
    )
    item = EquipmentItemFactory(name="Water cannon WA-2")
    client = login("operator.be", language="en")
    page = client.get(request.get_absolute_url())
    assert b"Water cannon WA-2" in page.content
    line = request.lines.get()
    response = client.post(
        reverse("assistance:act", args=[request.pk, "respond"]),
        {
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "1",
            "lines-0-line": line.pk,
            "lines-0-decision": "approved",
            "lines-0-offered_quantity": line.quantity,
            "lines-0-cost_arrangement": "requesting",
            "items": [item.pk],
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get(item=item)
    with time_machine.travel(request.start + datetime.timedelta(hours=1), tick=False):  # once it was handed over
        client = login("operator.be", language="en")  # a session of that day: a session ends 8 hours after log-in
        response = client.post(
            reverse("assistance:booking-return", args=[request.pk, booking.pk]),
            {"condition": "damaged", "notes": "Dent"},
        )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.return_condition == "damaged"
    other = login("operator.lu", language="en").post(
        reverse("assistance:booking-return", args=[request.pk, booking.pk]), {"condition": "good"}, follow=True
    )
    assert other.status_code == 200


STATISTICS_ROW = re.compile(
    r'<tr data-country="(\w+)"><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td>'
    r"<td>([^<]*)</td></tr>"
)
LENT_ROW = re.compile(
    r'<tr data-country="(\w+)" data-resource-type="([\w-]+)"><td>([^<]+)</td><td>([^<]+)</td><td>(\d+)</td></tr>'
)


def statistics_shown(response) -> dict:
    """What the statistics page shows: per country (filed, received, acknowledged, median time to acknowledge),
    the quantities lent per (sending country, resource type), and the names it gives them."""
    assert response.status_code == 200
    html = response.content.decode()
    rows = STATISTICS_ROW.findall(html)
    lent = LENT_ROW.findall(html)
    return {
        "rows": {code: (int(f), int(r), int(a), median) for code, _name, f, r, a, median in rows},
        "lent": {(country, kind): int(quantity) for country, kind, _name, _type, quantity in lent},
        "names": {code: name for code, name, *_rest in rows}
        | {kind: type_name for _country, kind, _name, type_name, _quantity in lent},
        "order": [code for code, *_rest in rows],
        "lent_order": [(country, kind) for country, kind, *_rest in lent],
    }


def test_chief_sees_statistics_per_country_in_constant_queries(make_request, login, django_assert_num_queries):
    for _index in range(3):
        make_request(status="accepted", to=("BE", "LU"))
    make_request(status="acknowledged", by="operator.be", to=("NL",))
    client = login("chief.nl", language="en")
    with django_assert_num_queries(STATISTICS_QUERIES):
        response = client.get(reverse("assistance:statistics"), {"year": timezone.now().year})
    shown = statistics_shown(response)
    assert shown["rows"]["NL"][:2] == (3, 1)
    assert shown["rows"]["BE"][1] == 3 and shown["rows"]["BE"][3] != "–"
    assert shown["lent"][("BE", "mounted-unit")] == 36


# Two-factor devices (TOTP, static); requests filed, received and acknowledged, what was lent; the names of the
# countries and of the resource types lent, in the reader's language.
STATISTICS_QUERIES = 7


def test_chief_sees_the_statistics_page_again_from_the_cache(make_request, login, django_assert_num_queries):
    make_request(status="accepted", to=("BE",))
    client = login("chief.nl", language="en")
    first = client.get(reverse("assistance:statistics"), {"year": timezone.now().year})
    with django_assert_num_queries(CACHED_QUEUE_QUERIES):  # like the queue: only the two-factor devices
        again = client.get(reverse("assistance:statistics"), {"year": timezone.now().year})
    assert statistics_shown(again) == statistics_shown(first)
    assert statistics_shown(again)["rows"]["NL"][0] == 1


def test_chief_sees_the_year_asked_for_and_a_bad_year_falls_back(make_request, login):
    make_request(status="accepted", to=("BE",))
    client = login("chief.nl", language="en")
    this_year = timezone.now().year
    assert statistics_shown(client.get(reverse("assistance:statistics"), {"year": this_year - 1}))["rows"] == {}
    assert statistics_shown(client.get(reverse("assistance:statistics"), {"year": ""}))["rows"]["NL"][0] == 1
    for bad in ("soon", "2026-11", "9" * 30, "1999"):
        response = client.get(reverse("assistance:statistics"), {"year": bad})
        assert statistics_shown(response)["rows"]["NL"][0] == 1
        assert f"The year “{bad[:40]}” was not understood" in response.content.decode()


def test_statistics_count_only_what_the_chief_may_see(make_request, login):
    make_request(status="submitted", by="operator.be", to=("NL",))
    response = login("chief.lu", language="en").get(reverse("assistance:statistics"), {"year": timezone.now().year})
    assert statistics_shown(response)["rows"] == {}


def test_liaison_officer_has_no_statistics_page(demo, login):
    assert login("liaison.be", language="en").get(reverse("assistance:statistics")).status_code == 403


def test_form_pages_run_a_constant_number_of_queries(make_request, login, django_assert_num_queries):
    client = login("operator.nl", language="en")
    with django_assert_num_queries(FORM_QUERIES):
        assert client.get(reverse("assistance:create")).status_code == 200
    small = make_request()
    big = make_request(lines=[{"resource_type": resource_type("mounted-unit"), "quantity": 2}] * 6)
    for draft in (small, big):
        with django_assert_num_queries(EDIT_QUERIES):
            assert client.get(reverse("assistance:edit", args=[draft.pk])).status_code == 200


# The choices of the form (countries, events, legal bases, handling codes, resource types); the edit page also loads
# the draft with its lines.
FORM_QUERIES = 7
EDIT_QUERIES = 15


def test_operator_pages_through_the_other_requests_without_a_count(make_request, login, django_assert_num_queries):
    for index in range(PAGE_SIZE + 2):
        make_request(by="operator.nl", to=("LU",), status="submitted", title=f"Old {index}")
    client = login("operator.be", language="en")  # Belgium is not involved: it sees none of them
    assert client.get(reverse("assistance:index")).context["page"].object_list == []
    # The secretariat's queue lists the open requests of the three countries (ten of them); a search pages through
    # them all.
    client = login("secretariat", language="en")
    search = {"q": "Old"}
    first = client.get(reverse("assistance:index"), search)
    assert len(first.context["page"].object_list) == PAGE_SIZE
    assert first.context["page"].has_next()
    assert b"Page 1" in first.content and b"page=2" in first.content
    with django_assert_num_queries(SEARCH_QUERIES):  # the secretariat's search, page 2
        second = client.get(reverse("assistance:index"), {**search, "page": "2"})
    assert len(second.context["page"].object_list) == 2
    assert not second.context["page"].has_next()
    for nonsense in ("0", "-3", "abc", "99999999999999999999", "1e3"):
        response = client.get(reverse("assistance:index"), {**search, "page": nonsense})
        assert response.status_code == 200
        assert b"Page 1" in response.content and b"Old 0" not in response.content
    beyond = client.get(reverse("assistance:index"), {**search, "page": "40"})
    assert beyond.status_code == 200
    assert b"Back to the first page" in beyond.content


def test_search_form_shows_what_each_search_asked_for(make_request, login):
    make_request(status="submitted", title="Dogs")
    client = login("operator.be", language="en")
    assert b'value="Dogs"' in client.get(reverse("assistance:index"), {"q": "Dogs"}).content
    horses = client.get(reverse("assistance:index"), {"q": "Horses"}).content
    assert b'value="Horses"' in horses and b'value="Dogs"' not in horses
    wrong = login("operator.nl", language="nl").get(reverse("assistance:index"), {"urgency": "whenever"}).content
    assert "Selecteer een geldige keuze" in wrong.decode()  # the error, in the reader's language


def test_request_page_links_each_requested_country_to_who_covers_it(make_request, login):
    obj = make_request(to=["BE"])
    body = login("operator.nl").get(reverse("assistance:detail", args=[obj.pk])).content.decode()
    assert f'href="{reverse("liaison:coverage", args=["BE"])}"' in body
