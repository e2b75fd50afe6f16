"""The calls into apps.notifications (its placeholder here): who is told what, with which urgency.
Delivery is the notifications app's business and is not tested here."""

import pytest

from apps.assistance import services

from .factories import user

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(monkeypatch):
    made = {"notify": [], "acknowledge": []}
    monkeypatch.setattr(services, "notify", lambda **kwargs: made["notify"].append(kwargs))
    monkeypatch.setattr(services, "notifications_acknowledge", lambda **kwargs: made["acknowledge"].append(kwargs))
    return made


def test_submit_tells_the_operators_of_each_requested_country_with_escalation(make_request, calls):
    request = make_request(to=("BE", "LU"), urgency="immediate")
    services.request_submit(request=request, actor=user("operator.nl"))
    (call,) = calls["notify"]
    assert call["kind"] == "assistance.submitted"
    assert call["urgency"] == "immediate"
    assert call["escalate_to"] == call["recipients"]
    assert len(call["recipients"]) == 2
    assert call["message"] == "Request %(reference)s was filed by %(country)s"
    assert call["params"]["reference"].startswith("BNL-")
    assert call["params"]["country"] == "NL"
    assert call["url"] == request.get_absolute_url()


def test_acknowledge_stops_escalation_and_tells_the_requesting_organisation(make_request, calls):
    request = make_request(status="submitted")
    calls["notify"].clear()
    services.request_acknowledge(request=request, actor=user("operator.be"))
    assert calls["acknowledge"][0]["target"].pk == request.pk
    (call,) = calls["notify"]
    assert call["kind"] == "assistance.acknowledged"
    assert len(call["recipients"]) == 1 and call["escalate_to"] is None


@pytest.mark.parametrize(
    ("status", "action", "kind"),
    [
        ("acknowledged", "respond", "answered"),
        ("answered", "accept", "accepted"),
        ("in_progress", "complete", "completed"),
    ],
)
def test_each_step_notifies(make_request, calls, status, action, kind):
    request = make_request(status=status)
    calls["notify"].clear()
    if action == "respond":
        services.request_respond(
            request=request,
            actor=user("operator.be"),
            decisions=[{"line": line.pk, "decision": "declined"} for line in request.lines.all()],
        )
    elif action == "accept":
        services.request_accept(request=request, actor=user("operator.nl"), accepted_countries=["BE"])
    else:
        services.request_complete(request=request, actor=user("operator.nl"))
    assert [call["kind"] for call in calls["notify"]] == [f"assistance.{kind}"]


def test_cancel_and_messages_notify(make_request, calls):
    request = make_request(status="submitted")
    calls["notify"].clear()
    services.message_send(request=request, actor=user("operator.be"), body="On our way")
    services.request_cancel(request=request, actor=user("operator.nl"), reason="Called off")
    assert [call["kind"] for call in calls["notify"]] == ["assistance.message", "assistance.cancelled"]
    assert calls["acknowledge"]
