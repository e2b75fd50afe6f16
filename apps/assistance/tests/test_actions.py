"""The steps of the procedure a user is offered: the request page shows exactly the steps the API accepts."""

import datetime
import re

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from apps.assistance import services
from apps.assistance.choices import TRANSITIONS

from .factories import user
from .test_api import BASE, api

pytestmark = pytest.mark.django_db

STATES = ["draft", "submitted", "acknowledged", "answered", "accepted", "in_progress", "completed", "closed"]
# The filing control room, the asked country's control room, and a chief who follows the request.
USERS = ["operator.nl", "operator.be", "chief.be"]


def offered_on_the_page(client, request) -> set[str] | None:
    """The steps whose button or form the request page shows (a draft is submitted from its edit form; the steps
    that ask for confirmation link to, or send their form to, their confirmation page); None for a request the user
    may not see."""
    response = client.get(request.get_absolute_url())
    if response.status_code == 404:
        return None
    assert response.status_code == 200
    html = response.content.decode()
    prefix = re.escape(reverse("assistance:detail", args=[request.pk]))
    posted = set(re.findall(rf'(?:action|href)="{prefix}(\w+)/"', html)) & set(TRANSITIONS)
    edit = f'href="{reverse("assistance:edit", args=[request.pk])}"' in html
    return posted | ({"submit"} if edit else set())


def valid_input(request, step: str) -> dict:
    """What a control-room system sends with each step when it means it."""
    if step == "respond":
        lines = [
            {"line": line.pk, "decision": "approved", "offered_quantity": line.quantity} for line in request.lines.all()
        ]
        return {"lines": lines}
    if step == "accept":
        return {"accepted_countries": ["BE"]}
    if step == "cancel":
        return {"reason": "The event was called off."}
    return {}


def accepted_by_the_api(client, request) -> set[str] | None:
    """The steps the API takes, each tried on the request as it is and then undone; None when every answer is
    a 404 (a request the user may not see)."""
    answers = {}
    for step in TRANSITIONS:
        with transaction.atomic():
            response = client.post(f"{BASE}/{request.pk}/{step}", valid_input(request, step), format="json")
            transaction.set_rollback(True)
        answers[step] = response.status_code
        assert response.status_code in (200, 400, 404), (step, response.content)
    if set(answers.values()) == {404}:
        return None
    assert 404 not in answers.values(), answers
    return {step for step, status in answers.items() if status == 200}


@pytest.mark.parametrize("state", STATES)
def test_request_page_offers_exactly_the_steps_the_api_accepts(make_request, login, state):
    request = make_request(status=state)
    for username in USERS:
        offered = offered_on_the_page(login(username, language="en"), request)
        assert offered == accepted_by_the_api(api(username), request), (state, username)


@pytest.mark.parametrize(
    ("state", "username", "steps"),
    [
        ("draft", "operator.nl", {"submit", "cancel"}),
        ("submitted", "operator.be", {"acknowledge"}),
        ("acknowledged", "operator.be", {"respond"}),
        ("answered", "operator.nl", {"accept", "cancel"}),
        ("accepted", "operator.nl", {"start", "cancel"}),
        ("in_progress", "operator.nl", {"complete", "cancel"}),
        ("completed", "operator.nl", {"close"}),
        ("closed", "operator.nl", set()),
        ("answered", "chief.be", set()),
    ],
)
def test_each_user_is_offered_the_next_step_of_their_part(make_request, login, state, username, steps):
    request = make_request(status=state)
    # Once the period has begun (a deployment is completed only then: see test_completion_waits_for_the_period).
    with time_machine.travel(request.start + datetime.timedelta(hours=1), tick=False):
        assert offered_on_the_page(login(username, language="en"), request) == steps


def test_completion_waits_for_the_period_and_the_page_says_why(make_request, login):
    request = make_request(status="in_progress")
    page = login("operator.nl", language="en").get(request.get_absolute_url()).content.decode()
    assert offered_on_the_page(login("operator.nl", language="en"), request) == {"cancel"}
    assert "cannot be completed before it has begun" in page
    response = api("operator.nl").post(f"{BASE}/{request.pk}/complete", {}, format="json")
    assert response.status_code == 400
    assert "cannot be completed before it has begun" in response.json()["detail"]


def test_requested_country_is_not_offered_to_acknowledge_a_cancelled_request(make_request, login):
    request = make_request(status="submitted")
    services.request_cancel(request=request, actor=user("operator.nl"), reason="The event was called off.")
    page = login("operator.be", language="en").get(request.get_absolute_url())
    assert b"Acknowledge for my country" not in page.content
    assert api("operator.be").post(f"{BASE}/{request.pk}/acknowledge").status_code == 400


def test_country_that_answered_is_not_offered_to_answer_again_while_another_has_not(make_request, login):
    request = make_request(status="acknowledged", to=("BE", "LU"))
    services.request_respond(
        request=request,
        actor=user("operator.be"),
        decisions=[{"line": line.pk, "decision": "declined"} for line in request.lines.all()],
    )
    assert offered_on_the_page(login("operator.be", language="en"), request) == set()
    assert offered_on_the_page(login("operator.lu", language="en"), request) == {"respond"}


def test_nothing_to_accept_when_every_country_declined(make_request, login):
    request = make_request(status="acknowledged", to=("BE",))
    services.request_respond(
        request=request,
        actor=user("operator.be"),
        decisions=[{"line": line.pk, "decision": "declined"} for line in request.lines.all()],
    )
    page = login("operator.nl", language="en").get(request.get_absolute_url())
    assert b"Decide on the offers" not in page.content
    assert offered_on_the_page(login("operator.nl", language="en"), request) == {"cancel"}
    response = api("operator.nl").post(f"{BASE}/{request.pk}/accept", {"accepted_countries": ["BE"]}, format="json")
    assert response.status_code == 400
    assert "No country made an offer" in response.json()["detail"]
