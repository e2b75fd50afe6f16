"""What each step of the procedure writes to the notifications outbox (apps.notifications), and who it reaches.

The outbox row is written in the transaction of the step; delivery after commit by a real worker is tested in
apps/notifications/tests. Here one delivery runs in-process to show who ends up with the inbox entry.
"""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from apps.assistance import services
from apps.assistance.models import AssistanceRequest
from apps.core.errors import ApplicationError
from apps.notifications.models import InboxEntry, Notification
from apps.notifications.services import notification_deliver

from .factories import user

pytestmark = pytest.mark.django_db


def outbox(request) -> list[Notification]:
    content_type = ContentType.objects.get_for_model(AssistanceRequest)
    return list(Notification.objects.filter(content_type=content_type, object_id=str(request.pk)).order_by("pk"))


def test_submit_tells_the_operators_of_each_requested_country_with_escalation_a_level_up(make_request):
    request = make_request(to=("BE", "LU"), urgency="immediate")
    services.request_submit(request=request, actor=user("operator.nl"))
    notifications = outbox(request)
    assert len(notifications) == 2  # one per country: each escalates on its own, until that country acknowledges
    request.refresh_from_db()
    for notification, code in zip(notifications, ("BE", "LU"), strict=True):
        assert notification.kind == "assistance.submitted"
        assert notification.urgency == "immediate"
        assert notification.recipients == [{"type": "country", "code": code, "roles": ["operator"]}]
        assert {"type": "country", "code": code, "roles": ["police_chief"]} in notification.escalate_to
        assert notification.message == "Request %(reference)s was filed by %(country)s"
        assert notification.params["reference"] == request.reference
        assert notification.render("nl") == f"Verzoek {request.reference} is ingediend door Nederland"
        assert notification.url == request.get_absolute_url()
        assert notification.acknowledged_at is None

    for notification in notifications:
        notification_deliver(notification_id=notification.pk)
    reached = set(InboxEntry.objects.filter(notification__in=notifications).values_list("user__username", flat=True))
    assert {"operator.be", "operator.lu"} <= reached
    assert "operator.nl" not in reached and "chief.be" not in reached


def test_acknowledge_stops_escalation_and_tells_the_requesting_organisation(make_request):
    request = make_request(status="submitted")
    (submitted,) = outbox(request)
    services.request_acknowledge(request=request, actor=user("operator.be"))
    submitted.refresh_from_db()
    assert submitted.acknowledged_at is not None
    assert submitted.acknowledged_by == user("operator.be")
    acknowledged = outbox(request)[-1]
    assert acknowledged.kind == "assistance.acknowledged"
    assert len(acknowledged.recipients) == 1 and acknowledged.escalate_to is None


@pytest.mark.parametrize(
    ("status", "action", "kind"),
    [
        ("acknowledged", "respond", "answered"),
        ("answered", "accept", "accepted"),
        ("in_progress", "complete", "completed"),
    ],
)
def test_each_step_notifies(make_request, status, action, kind):
    request = make_request(status=status)
    before = len(outbox(request))
    if action == "respond":
        services.request_respond(
            request=request,
            actor=user("operator.be"),
            decisions=[{"line": line.pk, "decision": "declined"} for line in request.lines.all()],
        )
    elif action == "accept":
        services.request_accept(request=request, actor=user("operator.nl"), accepted_countries=["BE"])
    else:
        with time_machine.travel(request.start + datetime.timedelta(hours=1), tick=False):
            services.request_complete(request=request, actor=user("operator.nl"))
    assert [notification.kind for notification in outbox(request)[before:]] == [f"assistance.{kind}"]


def test_cancel_and_messages_notify_and_stop_escalation(make_request):
    request = make_request(status="submitted")
    before = len(outbox(request))
    services.message_send(request=request, actor=user("operator.be"), body="On our way")
    services.request_cancel(request=request, actor=user("operator.nl"), reason="Called off")
    notifications = outbox(request)
    assert [notification.kind for notification in notifications[before:]] == [
        "assistance.message",
        "assistance.cancelled",
    ]
    assert notifications[0].kind == "assistance.submitted"
    assert notifications[0].acknowledged_at is not None  # a cancelled request no longer escalates


def test_refused_step_leaves_no_notification(make_request):
    request = make_request(status="submitted")
    before = len(outbox(request))
    with pytest.raises(ApplicationError):
        services.request_acknowledge(request=request, actor=user("operator.nl"))  # its own request
    assert len(outbox(request)) == before


def test_attaching_a_plan_tells_the_other_control_rooms(make_request):
    from .test_attachments import PDF, upload

    draft = make_request(to=("BE", "LU"))
    services.attachment_add(actor=user("operator.nl"), request=draft, file=upload("Draft.pdf", PDF))
    assert outbox(draft) == []  # a draft is the filing control room's alone
    request = make_request(to=("BE", "LU"), status="submitted")
    before = len(outbox(request))
    services.attachment_add(actor=user("operator.be"), request=request, file=upload("Plan.pdf", PDF))
    (notification,) = outbox(request)[before:]
    assert notification.kind == "assistance.attachment"
    assert notification.message == "%(country)s attached a document to request %(reference)s"
    assert notification.render("de") == f"Belgien: Dokument zum Ersuchen {request.reference} beigefügt"
    notification_deliver(notification_id=notification.pk)
    readers = set(InboxEntry.objects.filter(notification=notification).values_list("user__username", flat=True))
    assert {"operator.nl", "operator.lu"} <= readers
    assert "operator.be" not in readers  # not told about its own upload
