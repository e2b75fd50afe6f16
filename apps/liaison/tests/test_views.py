from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from apps.liaison.models import Absence, Posting

from .factories import AccreditationFactory, DeskFactory, OfficerFactory, PostingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 10, 10)


def _url(name, *args):
    return reverse(f"liaison:{name}", args=args)


# Who sees what: anonymous (log-in), an address naming no record (404), a change or a coordinator's page refused to
# someone who sees the record (403), allowed (200) ---------------------------------------------------------------------


@pytest.fixture
def pages(network, people):
    posting = Posting.objects.get(officer=people["koen"])
    absence = Absence.objects.get(officer=people["koen"])
    desk = posting.desk
    return {
        "index": ((), "operator.be", None),
        "directory": ((), "secretariat", None),
        "coverage": (("CO",), "chief.lu", ("chief.lu", ("XX",), 404)),
        "officer": ((people["koen"].pk,), "operator.nl", ("operator.nl", (999_999,), 404)),
        "mine": ((), "liaison.be", None),
        "desks": ((), "chief.be", None),
        "desk": ((desk.pk,), "chief.be", ("chief.be", (999_999,), 404)),
        "officer_edit": ((people["koen"].pk,), "liaison.be", ("liaison.nl", (people["koen"].pk,), 403)),
        "posting_create": ((people["koen"].pk,), "coordinator.be", ("coordinator.nl", (people["koen"].pk,), 403)),
        "posting_edit": ((posting.pk,), "liaison.be", ("operator.be", (posting.pk,), 403)),
        "absence_create": ((people["koen"].pk,), "liaison.be", ("liaison.nl", (people["koen"].pk,), 403)),
        "absence_edit": ((absence.pk,), "coordinator.be", ("coordinator.nl", (absence.pk,), 403)),
        "officer_create": ((), "coordinator.nl", ("liaison.nl", (), 403)),
        "desk_create": ((), "coordinator.be", ("operator.be", (), 403)),
        "desk_edit": ((desk.pk,), "coordinator.be", ("coordinator.nl", (desk.pk,), 403)),
        "stale": ((), "coordinator.nl", ("liaison.nl", (), 403)),
        "almanac_pdf": ((), "secretariat", None),
        "almanac_xlsx": ((), "operator.lu", None),
    }


PAGE_NAMES = [
    "index",
    "directory",
    "coverage",
    "officer",
    "mine",
    "desks",
    "desk",
    "officer_edit",
    "posting_create",
    "posting_edit",
    "absence_create",
    "absence_edit",
    "officer_create",
    "desk_create",
    "desk_edit",
    "stale",
    "almanac_pdf",
    "almanac_xlsx",
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_each_page_asks_anonymous_visitors_to_log_in_refuses_or_hides_what_a_user_may_not_and_shows_the_rest(
    client, login, pages, name
):
    args, allowed, refused = pages[name]
    anonymous = client.get(_url(name, *args))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    response = login(allowed).get(_url(name, *args))
    assert response.status_code in (200, 302), response.status_code
    if name == "mine":
        assert response["Location"] == _url("officer", Posting.objects.first().officer_id)
    if refused:
        username, refused_args, status = refused
        assert login(username).get(_url(name, *refused_args)).status_code == status


def test_posts_that_change_someone_elses_record_are_refused_and_log_in_for_anonymous(client, login, pages, people):
    posting = Posting.objects.get(officer=people["koen"])
    absence = Absence.objects.get(officer=people["koen"])
    for name, pk in (
        ("officer_confirm", people["koen"].pk),
        ("posting_delete", posting.pk),
        ("absence_delete", absence.pk),
    ):
        assert client.post(_url(name, pk))["Location"].startswith(reverse("accounts:login"))
        assert login("liaison.nl").post(_url(name, pk)).status_code == 403
        assert login("liaison.nl").post(_url(name, 999_999)).status_code == 404
    assert Posting.objects.filter(pk=posting.pk).exists() and Absence.objects.filter(pk=absence.pk).exists()


def test_officer_without_record_is_told_how_to_get_one(login, demo):
    response = login("liaison.nl").get(_url("mine"))
    assert response.status_code == 200
    assert "not linked to a liaison officer record" in response.content.decode()


# The map and a country's coverage --------------------------------------------------------------------------------


@time_machine.travel(NOW)
def test_map_colours_each_country_by_coverage_and_lists_the_gaps(login, network):
    body = login("operator.be", language="en").get(_url("index")).content.decode()
    assert 'class="map-country map-country--resident" tabindex="-1" data-country="CO"' in body
    assert 'data-country="PA"' in body and "map-country--accredited" in body
    assert 'class="map-country map-country--member" tabindex="-1" data-country="BE"' in body
    # Europol's desk does not make the Netherlands a covered country; Ecuador is a gap.
    assert 'class="map-country map-country--none" tabindex="-1" data-country="EC"' in body
    gaps = body.split('id="gaps-title"')[1].split("</section>")[0]
    assert "Ecuador" in gaps and "Colombia" not in gaps
    # The list of countries has the same links for keyboards and screen readers.
    assert f'<a href="{_url("coverage", "CO")}">Colombia</a>' in body


@time_machine.travel(NOW)
def test_map_filters_by_focus_area_and_sending_country(login, network):
    client = login("operator.be", language="en")
    body = client.get(_url("index"), {"focus": "cybercrime"}).content.decode()
    assert 'map-country--resident" tabindex="-1" data-country="BR"' in body
    assert 'map-country--none" tabindex="-1" data-country="CO"' in body
    body = client.get(_url("index"), {"sending_country": "NL"}).content.decode()
    assert 'map-country--none" tabindex="-1" data-country="CO"' in body
    assert f'href="{_url("coverage", "BR")}?sending_country=NL"' in body


def test_map_says_when_a_filter_was_not_understood(login, network):
    response = login("operator.be", language="en").get(_url("index"), {"focus": "gardening"}, follow=True)
    assert "Some filters were not understood" in response.content.decode()


@time_machine.travel(NOW)
def test_country_names_are_in_the_readers_language(login, network):
    body = login("operator.be", language="de").get(_url("index")).content.decode()
    assert ">Kolumbien</a>" in body
    body = login("operator.be", language="fr").get(_url("coverage", "CO")).content.decode()
    assert "<h1>Colombie</h1>" in body


@time_machine.travel(NOW)
def test_coverage_page_shows_who_covers_a_country_with_backup_and_confirmation(login, network):
    body = login("operator.nl", language="en").get(_url("coverage", "co")).content.decode()
    assert "Koen Peeters" in body and "Resident" in body and "Embassy of Belgium in Bogotá" in body
    assert "backup" in body and "Marie Dubois" in body  # the absence coming up, and who covers meanwhile
    assert "never" in body and "not confirmed for six months" in body
    panama = login("operator.nl", language="en").get(_url("coverage", "PA")).content.decode()
    assert "Koen Peeters" in panama and "Accredited" in panama


@time_machine.travel(NOW)
def test_contact_details_are_shown_to_police_users_only(login, network, people):
    email = people["koen"].email
    assert email in login("operator.be").get(_url("coverage", "CO")).content.decode()
    assert email in login("liaison.nl").get(_url("officer", people["koen"].pk)).content.decode()
    assert email not in login("secretariat").get(_url("coverage", "CO")).content.decode()
    assert email not in login("secretariat").get(_url("officer", people["koen"].pk)).content.decode()


def test_coverage_history_shows_a_country_on_a_past_day(login, network, people, bogota):
    earlier = OfficerFactory(first_name="Jan", last_name="Vermeulen")
    PostingFactory(officer=earlier, desk=bogota, starts_on=date(2019, 9, 1), ends_on=date(2024, 8, 31))
    client = login("operator.be", language="en")
    body = client.get(_url("coverage", "CO"), {"date": "2021-03-01"}).content.decode()
    assert "Jan Vermeulen" in body and "Koen Peeters" not in body
    body = client.get(_url("coverage", "CO")).content.decode()
    assert "Koen Peeters" in body and "Jan Vermeulen" not in body


def test_a_change_shows_at_once_on_the_cached_map_and_coverage(login, network, people):
    client = login("operator.be", language="en")
    assert 'map-country--none" tabindex="-1" data-country="EC"' in client.get(_url("index")).content.decode()
    assert "Koen Peeters" not in client.get(_url("coverage", "EC")).content.decode()
    AccreditationFactory(posting=network["koen"], country="EC")
    assert 'map-country--accredited" tabindex="-1" data-country="EC"' in client.get(_url("index")).content.decode()
    assert "Koen Peeters" in client.get(_url("coverage", "EC")).content.decode()


@pytest.mark.parametrize("officers", [1, 12])
def test_map_and_coverage_run_a_fixed_number_of_queries(login, network, django_assert_num_queries, officers):
    desk = DeskFactory(country="CO", city="Cali")
    for _number in range(officers):
        posting = PostingFactory(desk=desk, officer=OfficerFactory(), starts_on=date(2025, 1, 1))
        AccreditationFactory(posting=posting, country="EC")
    client = login("operator.be")
    client.get(_url("desks"))  # warm the session's caches
    # The session's device check (2 queries, see tests/test_pages.py; the user comes from the cache), then the page:
    # residents and accreditations per country, the priorities.
    with django_assert_num_queries(5):
        assert client.get(_url("index")).status_code == 200
    with django_assert_num_queries(2):  # from the cache
        client.get(_url("index"))
    # The coverage of one country: residents, accreditations, absences, priorities.
    with django_assert_num_queries(6):
        assert client.get(_url("coverage", "CO")).status_code == 200
    with django_assert_num_queries(2):
        client.get(_url("coverage", "CO"))


# The directory ---------------------------------------------------------------------------------------------------


@time_machine.travel(NOW)
@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("Peeters", "Koen", "Sanne"),
        ("Kolumbien", "Koen", "Sanne"),  # German name of the host country
        ("Brésil", "Sanne", "Koen"),  # French
        ("Panamá", "Koen", "Sanne"),  # accredited, with an accent
        ("bogota", "Koen", "Sanne"),  # the city, without its accent
        ("cybercriminaliteit", "Sanne", "Koen"),  # a focus area in Dutch
        ("Portugiesisch", "Dubois", "Koen"),  # a language in German
        ("Europol", "Dubois", "Koen"),  # the desk's name
        ("koen drogen", "Koen", "Sanne"),  # every word must match: drugs, in Dutch
    ],
)
def test_directory_finds_an_officer_in_any_of_the_four_languages(login, network, query, found, not_found):
    body = login("operator.be", language="en").get(_url("directory"), {"q": query}).content.decode()
    results = body.split("<tbody>")[1] if "<tbody>" in body else ""
    assert found in results and not_found not in results


def test_directory_filters_and_explains_an_empty_result(login, network):
    client = login("operator.be", language="en")
    body = client.get(_url("directory"), {"sending_country": "NL"}).content.decode()
    assert "Bakker" in body and "Peeters" not in body
    body = client.get(_url("directory"), {"q": "Atlantis"}).content.decode()
    assert "No liaison officer found" in body
    body = client.get(_url("directory"), {"country": "ZZ"}, follow=True).content.decode()
    assert "Some filters were not understood" in body


@pytest.mark.parametrize("officers", [2, 30])
def test_directory_runs_a_fixed_number_of_queries(login, network, django_assert_num_queries, officers):
    desk = DeskFactory(country="PE", city="Lima")
    for _number in range(officers):
        posting = PostingFactory(desk=desk, officer=OfficerFactory(), starts_on=date(2025, 1, 1))
        AccreditationFactory(posting=posting, country="BO")
    client = login("operator.be")
    client.get(_url("desks"))
    # Session (2); officers, their postings, the postings' accreditations.
    with django_assert_num_queries(5):
        assert client.get(_url("directory"), {"q": "Lima"}).status_code == 200


@pytest.mark.parametrize("postings", [1, 8])
def test_officer_page_runs_a_fixed_number_of_queries(login, people, django_assert_num_queries, postings):
    for number in range(postings):
        posting = PostingFactory(
            officer=people["koen"], starts_on=date(2000 + 2 * number, 1, 1), ends_on=date(2001 + 2 * number, 1, 1)
        )
        AccreditationFactory(posting=posting, country="PA")
    client = login("liaison.be")
    client.get(_url("desks"))
    # Session (2); officer, postings, accreditations, absences, absences covered.
    with django_assert_num_queries(7):
        assert client.get(_url("officer", people["koen"].pk)).status_code == 200


# Changing a record through the pages ----------------------------------------------------------------------------


def test_officer_updates_posting_and_confirms_through_the_pages(login, network, people):
    client = login("liaison.be", language="en")
    posting = network["koen"]
    response = client.post(
        _url("posting_edit", posting.pk),
        {
            "desk": posting.desk_id,
            "function": "Police liaison officer",
            "starts_on": "2024-09-01",
            "ends_on": "",
            "focus_areas": ["drugs", "money_laundering"],
            "accredited_countries": ["PA", "VE", "EC"],
        },
    )
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.focus_areas == ["drugs", "money_laundering"]
    assert "EC" in [row.country.code for row in posting.accreditations.filter(ends_on__isnull=True)]
    assert client.post(_url("officer_confirm", people["koen"].pk)).status_code == 302
    people["koen"].refresh_from_db()
    assert people["koen"].confirmed_at is not None


def test_a_posting_ending_before_it_starts_is_refused_on_the_page_and_nothing_is_saved(
    login, network, people, brasilia
):
    client = login("liaison.be", language="fr")
    response = client.post(
        _url("posting_create", people["koen"].pk),
        {"desk": brasilia.pk, "starts_on": "2031-05-01", "ends_on": "2031-04-01", "accredited_countries": ["BR"]},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "field--error" in body
    assert Posting.objects.filter(officer=people["koen"]).count() == 1


def test_an_unknown_country_code_is_refused_on_the_page(login, network, people, brasilia):
    response = login("liaison.be", language="en").post(
        _url("posting_create", people["koen"].pk),
        {"desk": brasilia.pk, "starts_on": "2031-05-01", "accredited_countries": ["QQ"]},
    )
    assert "Unknown country code: QQ" in response.content.decode()


def test_absence_with_a_backup_away_at_the_same_time_is_refused_on_the_page(login, network, people):
    client = login("liaison.nl", language="en")
    response = client.post(
        _url("absence_create", people["sanne"].pk),
        {"starts_on": "2026-12-24", "ends_on": "2026-12-31", "backup": people["koen"].pk},
    )
    assert "Koen Peeters is absent at the same time" in response.content.decode()
    assert not Absence.objects.filter(officer=people["sanne"]).exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"starts_on": "x" * 5000}, {"desk": "\x00", "starts_on": "2026-01-01"}, {"accredited_countries": ["'; --"]}],
)
def test_garbage_posted_to_the_forms_never_gives_a_server_error(login, network, people, data):
    client = login("liaison.be")
    for name, pk in (
        ("posting_create", people["koen"].pk),
        ("absence_create", people["koen"].pk),
        ("officer_edit", people["koen"].pk),
        ("posting_edit", network["koen"].pk),
    ):
        assert client.post(_url(name, pk), data).status_code == 200
    assert login("coordinator.be").post(_url("desk_create"), data).status_code == 200
