"""Every other page and endpoint of the consultation part runs a pinned number of queries, with rows enough (a
meeting of 40 items, 30 people, decisions and action points) that one query per row would show."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.tests.factories import api_token_for
from apps.consultation.models import ActionPoint, Decision

from .factories import publish_minutes, user
from .test_views import _big_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(sop):
    meeting = _big_meeting(sop)
    publish_minutes(meeting)
    return meeting


def test_forms_and_detail_pages_run_a_pinned_number_of_queries(big, login, django_assert_num_queries):
    decision = Decision.objects.filter(meeting=big).first()
    point = ActionPoint.objects.filter(meeting=big).first()
    item = big.agenda_items.order_by("position").first()
    client = login("secretariat", language="en")
    client.get(reverse("home"))
    # Two-factor devices (2), then what each page reads.
    for url, queries in (
        (reverse("consultation:decision", args=[decision.pk]), 2 + 2),  # the decision; is its meeting visible
        (reverse("consultation:minutes_version", args=[big.pk, 1]), 2 + 3),  # meeting, versions, the content
        (reverse("consultation:meeting_ics", args=[big.pk]), 2 + 1),
        (reverse("consultation:meeting_create"), 2 + 2),  # the choices of bodies and countries
        (reverse("consultation:meeting_edit", args=[big.pk]), 2 + 3),
        (reverse("consultation:agenda_item", args=[big.pk, item.pk]), 2 + 3 + 2),  # + objectives and activities
        (reverse("consultation:decision_create", args=[big.pk]), 2 + 3),  # meeting, items, topics
        (reverse("consultation:decision_edit", args=[decision.pk]), 2 + 3),
        (reverse("consultation:action_point_create", args=[big.pk]), 2 + 3),  # meeting, items, organisations
        (reverse("consultation:action_point_edit", args=[point.pk]), 2 + 3),
    ):
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200, url


def test_api_details_run_a_pinned_number_of_queries(big, django_assert_num_queries):
    decision = Decision.objects.filter(meeting=big).first()
    point = ActionPoint.objects.filter(meeting=big).first()
    token = api_token_for(User.objects.get(username="chief.be"))
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    # The token and its user, their roles, then the row with what it shows.
    for url in (f"/api/v1/meetings/{big.pk}", f"/api/v1/decisions/{decision.pk}", f"/api/v1/action-points/{point.pk}"):
        with django_assert_num_queries(3):
            assert client.get(url).status_code == 200, url


def test_an_id_beyond_any_row_is_a_404_never_an_error(big, login):
    huge = "99999999999999999999"
    client = login("secretariat")
    for url in (
        f"/consultation/meetings/{huge}/",
        f"/consultation/decisions/{huge}/",
        f"/consultation/meetings/{big.pk}/agenda/{huge}/",
    ):
        assert client.get(url).status_code == 404, url
    token = api_token_for(user("secretariat"))
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    for url in (f"/api/v1/meetings/{huge}", f"/api/v1/decisions/{huge}", f"/api/v1/meetings/{huge}/agenda-items"):
        response = api.get(url)
        assert response.status_code == 404 and set(response.json()) == {"detail", "errors"}, url
