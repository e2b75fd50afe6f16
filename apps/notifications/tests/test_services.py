import hmac
import json
from datetime import timedelta
from hashlib import sha256

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext_noop

from apps.accounts.choices import Role
from apps.accounts.tests.factories import CountryFactory
from apps.notifications import recipients, services
from apps.notifications.choices import Channel, DeliveryStatus, Urgency
from apps.notifications.models import Delivery, InboxEntry, Notification

from .conftest import payload
from .factories import OrganisationFactory, WebhookFactory

pytestmark = pytest.mark.django_db

MESSAGE = gettext_noop("Request %(reference)s was filed by %(country)s")


def _notify(operators, **kwargs):
    values = {
        "kind": "assistance.submitted",
        "target": operators["locc"],
        "recipients": [recipients.country("NL", roles=[Role.OPERATOR])],
        "message": MESSAGE,
        "params": {"reference": "BNL-2026-0001", "country": "BE"},
        "url": "/assistance/1/",
        "actor": operators["be"],
    }
    values.update(kwargs)
    return services.notify(**values)


def _deliver(notification):
    return services.notification_deliver(notification_id=notification.pk)


def test_notify_writes_the_outbox_row_and_queues_delivery_only_after_commit(
    operators, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("apps.notifications.services.queue_task", lambda name, *ids: queued.extend(ids))
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(operators)
        assert queued == []
    assert queued == [notification.pk]
    assert notification.delivered_at is None
    assert notification.recipients == [{"type": "country", "code": "NL", "roles": ["operator"]}]


def test_broker_down_at_commit_does_not_fail_the_callers_change(
    operators, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("apps.notifications.services.queue_task", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(operators)
    assert Notification.objects.get(pk=notification.pk).delivered_at is None  # the sweep will find it


def test_a_rolled_back_change_leaves_no_notification(operators):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(operators)
        raise RuntimeError
    assert not Notification.objects.exists()


def test_delivery_reaches_each_operator_of_the_country_once_and_not_others(operators):
    notification = _notify(
        operators, recipients=[recipients.country("NL", roles=[Role.OPERATOR]), recipients.users(operators["nl1"])]
    )
    _deliver(notification)
    _deliver(notification)  # a retry or a sweep: nothing twice
    assert set(InboxEntry.objects.values_list("user_id", flat=True)) == {operators["nl1"].pk, operators["nl2"].pk}
    assert InboxEntry.objects.count() == 2
    notification.refresh_from_db()
    assert notification.delivered_at is not None and notification.recipient_count == 2


def test_the_actor_is_not_notified_of_their_own_action(operators):
    notification = _notify(operators, recipients=[recipients.organisation(operators["locc"])], actor=operators["nl1"])
    _deliver(notification)
    assert operators["nl1"].pk not in set(InboxEntry.objects.values_list("user_id", flat=True))
    assert {operators["nl2"].pk, operators["chief"].pk} <= set(InboxEntry.objects.values_list("user_id", flat=True))


def test_recipients_by_role_and_by_organisation_role(operators):
    _deliver(_notify(operators, recipients=[recipients.role(Role.POLICE_CHIEF)]))
    assert list(InboxEntry.objects.values_list("user_id", flat=True)) == [operators["chief"].pk]
    InboxEntry.objects.all().delete()
    _deliver(
        _notify(operators, recipients=[recipients.organisation(operators["dao"], roles=[Role.OPERATOR])], actor=None)
    )
    assert list(InboxEntry.objects.values_list("user_id", flat=True)) == [operators["be"].pk]


def test_a_recipient_deleted_meanwhile_is_skipped_and_logged(operators, caplog):
    gone = operators["nl2"]
    notification = _notify(operators, recipients=[recipients.users(operators["nl1"], gone)])
    gone.delete()
    _deliver(notification)
    assert list(InboxEntry.objects.values_list("user_id", flat=True)) == [operators["nl1"].pk]
    assert "no longer exist" in caplog.text


def test_each_recipient_reads_the_message_in_their_own_language(operators):
    notification = _notify(operators, message=gettext_noop("Your notification preferences are saved."), params={})
    assert notification.render("en") == "Your notification preferences are saved."
    # Parameters are filled in; a missing parameter never hides the notification.
    broken = _notify(operators, params={"reference": "X"})
    assert broken.render("en") == MESSAGE


def test_routine_notifications_reach_the_inbox_but_not_email_by_default(operators):
    _deliver(_notify(operators))
    assert InboxEntry.objects.count() == 2
    assert not Delivery.objects.filter(channel=Channel.EMAIL).exists()


def test_a_user_who_wants_email_for_assistance_gets_email_rows(operators):
    services.preferences_set(actor=operators["nl1"], choices={("assistance", Channel.EMAIL): True})
    services.preferences_set(actor=operators["nl2"], choices={("assistance", Channel.INBOX): False})
    _deliver(_notify(operators))
    assert list(Delivery.objects.filter(channel=Channel.EMAIL).values_list("user_id", flat=True)) == [
        operators["nl1"].pk
    ]
    assert list(InboxEntry.objects.values_list("user_id", flat=True)) == [operators["nl1"].pk]


@pytest.mark.parametrize("urgency", [Urgency.URGENT, Urgency.IMMEDIATE])
def test_urgent_notifications_reach_inbox_and_email_whatever_the_preferences(operators, urgency):
    for key in ("nl1", "nl2"):
        services.preferences_set(
            actor=operators[key],
            choices={("assistance", Channel.INBOX): False, ("assistance", Channel.EMAIL): False},
        )
    notification = _notify(operators, urgency=urgency)
    _deliver(notification)
    assert InboxEntry.objects.count() == 2
    assert Delivery.objects.filter(channel=Channel.EMAIL).count() == 2
    assert services.notification_send_emails(notification_id=notification.pk) == 0
    assert len(mail.outbox) == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert any("[URGENT]" in s or "[IMMEDIATE]" in s for s in subjects)
    assert "BNL-2026-0001" in mail.outbox[0].subject
    assert "http://localhost:8000/assistance/1/" in mail.outbox[0].body
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_email_server_down_keeps_the_inbox_entry_and_retries_then_fails(operators, settings, monkeypatch):
    notification = _notify(operators, urgency=Urgency.URGENT)
    _deliver(notification)

    def refuse(self):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.open", refuse, raising=False)
    with pytest.raises(services.DeliveryError):
        services.notification_send_emails(notification_id=notification.pk)
    assert InboxEntry.objects.count() == 2
    assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.PENDING, 1)}
    services.notification_send_emails(notification_id=notification.pk, final_attempt=True)
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.FAILED}
    assert "mail server down" in Delivery.objects.first().last_error


def test_webhook_is_signed_with_hmac_sha256(operators, webhook_receiver):
    hook = WebhookFactory(organisation=operators["locc"], url=webhook_receiver.url)
    notification = _notify(operators)
    queued = _deliver(notification)
    assert len(queued["webhooks"]) == 1
    assert services.webhook_send(delivery_id=queued["webhooks"][0]) is True
    [call] = webhook_receiver.calls
    expected = "sha256=" + hmac.new(hook.secret.encode(), call["body"], sha256).hexdigest()
    assert call["headers"]["X-Portal-Signature"] == expected
    body = payload(call)
    assert body["kind"] == "assistance.submitted"
    assert body["text"]["en"] == "Request BNL-2026-0001 was filed by BE"
    assert body["target"] == {"type": "accounts.organisation", "id": str(operators["locc"].pk)}
    # Delivered once: a second run sends nothing.
    assert services.webhook_send(delivery_id=queued["webhooks"][0]) is False
    assert len(webhook_receiver.calls) == 1


def test_webhook_answering_500_is_retried_then_marked_failed(operators, webhook_receiver):
    WebhookFactory(organisation=operators["locc"], url=webhook_receiver.url)
    webhook_receiver.statuses = [500, 500]
    [delivery_id] = _deliver(_notify(operators))["webhooks"]
    with pytest.raises(services.DeliveryError):
        services.webhook_send(delivery_id=delivery_id)
    assert Delivery.objects.get(pk=delivery_id).status == DeliveryStatus.PENDING
    services.webhook_send(delivery_id=delivery_id, final_attempt=True)
    delivery = Delivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.FAILED, 2, "HTTP 500")
    assert InboxEntry.objects.count() == 2  # the inbox never waited for the webhook


def test_webhook_that_times_out_is_retried(operators, webhook_receiver, settings):
    settings.NOTIFICATIONS_WEBHOOK_TIMEOUT = 0.5
    WebhookFactory(organisation=operators["locc"], url=webhook_receiver.url)
    webhook_receiver.statuses = ["hang"]
    [delivery_id] = _deliver(_notify(operators))["webhooks"]
    with pytest.raises(services.DeliveryError, match="timed out"):
        services.webhook_send(delivery_id=delivery_id)


def _age(notification, **delta):
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(**delta))


@pytest.mark.parametrize(
    ("urgency", "late", "early"),
    [
        (Urgency.IMMEDIATE, {"minutes": 6}, {"minutes": 4}),
        (Urgency.URGENT, {"minutes": 16}, {"minutes": 14}),
        (Urgency.ROUTINE, {"hours": 25}, {"hours": 23}),
    ],
)
def test_unacknowledged_notification_escalates_once_after_its_threshold(operators, urgency, late, early):
    escalate_to = [recipients.users(operators["chief"])]
    waiting = _notify(operators, urgency=urgency, escalate_to=escalate_to)
    fresh = _notify(operators, urgency=urgency, escalate_to=escalate_to)
    _age(waiting, **late)
    _age(fresh, **early)
    assert services.escalation_run() == 1
    assert services.escalation_run() == 0  # once
    escalation = Notification.objects.get(escalation_of=waiting)
    assert escalation.recipients == escalate_to and escalation.urgency == urgency
    _deliver(escalation)
    assert list(InboxEntry.objects.filter(notification=escalation).values_list("user_id", flat=True)) == [
        operators["chief"].pk
    ]


def test_acknowledging_the_target_stops_escalation(operators):
    waiting = _notify(operators, urgency=Urgency.URGENT, escalate_to=[recipients.users(operators["chief"])])
    other = _notify(
        operators, target=operators["dao"], urgency=Urgency.URGENT, escalate_to=[recipients.users(operators["chief"])]
    )
    _age(waiting, minutes=30)
    _age(other, minutes=30)
    services.acknowledge(target=operators["locc"], actor=operators["nl1"])
    assert services.escalation_run() == 1
    assert Notification.objects.filter(escalation_of=other).exists()
    waiting.refresh_from_db()
    assert waiting.acknowledged_by == operators["nl1"] and waiting.escalated_at is None


def test_sweep_requeues_old_undelivered_notifications_only(operators, monkeypatch, settings):
    queued = []
    monkeypatch.setattr("apps.notifications.services.queue_task", lambda name, *ids: queued.extend(ids))
    old, new = _notify(operators), _notify(operators)
    _age(old, minutes=5)
    done = _notify(operators)
    _age(done, minutes=5)
    _deliver(done)
    assert services.outbox_sweep() == {"notifications": 1, "deliveries": 0}
    assert queued == [old.pk]
    assert new.pk not in queued


def test_mark_read_and_mark_all_read(operators):
    _deliver(_notify(operators))
    _deliver(_notify(operators))
    first = InboxEntry.objects.filter(user=operators["nl1"]).first()
    services.inbox_entry_mark_read(entry=first, actor=operators["nl1"])
    assert InboxEntry.objects.filter(user=operators["nl1"], is_read=False).count() == 1
    assert services.inbox_mark_all_read(actor=operators["nl1"]) == 1
    assert InboxEntry.objects.filter(user=operators["nl2"], is_read=False).count() == 2


def test_someone_else_cannot_mark_my_notification_read(operators):
    from apps.core.errors import ApplicationError

    _deliver(_notify(operators))
    entry = InboxEntry.objects.get(user=operators["nl1"])
    with pytest.raises(ApplicationError):
        services.inbox_entry_mark_read(entry=entry, actor=operators["nl2"])


def test_notify_refuses_what_it_could_not_deliver(operators):
    with pytest.raises(ValueError):
        _notify(operators, urgency="soon")
    with pytest.raises(TypeError):
        _notify(operators, params={"when": timezone.now()})
    with pytest.raises(ValueError):
        _notify(operators, recipients=["everyone"])
    assert not Notification.objects.exists()
    json.dumps([])


def test_webhook_task_retries_with_back_off_then_marks_failed_and_shows_administrators(
    operators, webhook_receiver, settings, monkeypatch
):
    from apps.notifications import tasks

    settings.NOTIFICATIONS_WEBHOOK_MAX_ATTEMPTS = 4
    countdowns = []
    original_retry = tasks.send_webhook.retry

    def recording_retry(*args, **kwargs):
        countdowns.append(kwargs.get("countdown"))
        return original_retry(*args, **kwargs)

    monkeypatch.setattr(tasks.send_webhook, "retry", recording_retry)
    WebhookFactory(organisation=operators["locc"], url=webhook_receiver.url)
    webhook_receiver.statuses = [500] * 10
    [delivery_id] = _deliver(_notify(operators))["webhooks"]
    tasks.send_webhook.apply(args=[delivery_id])
    delivery = Delivery.objects.get(pk=delivery_id)
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 4)
    assert len(webhook_receiver.calls) == 4
    base = settings.NOTIFICATIONS_RETRY_BASE_SECONDS
    assert countdowns == [base, 2 * base, 4 * base]


def test_email_task_retries_while_the_server_is_down_and_sends_once_it_is_back(operators, settings, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    from apps.notifications import tasks

    settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = 5
    notification = _notify(operators, urgency=Urgency.IMMEDIATE)
    _deliver(notification)
    calls = []

    def flaky_open(self):
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "open", flaky_open, raising=False)
    tasks.send_notification_emails.apply(args=[notification.pk])
    assert len(calls) == 3
    assert len(mail.outbox) == 2
    assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 3)}


# Fan-out at scale: set-based, the same queries whatever the number of recipients ------------------


def _more_dutch_operators(operators, count: int, **kwargs) -> list:
    from apps.accounts.tests.factories import UserFactory

    return [UserFactory(organisation=operators["locc"], roles=[Role.OPERATOR], **kwargs) for _ in range(count)]


def test_delivery_costs_the_same_queries_for_two_or_forty_recipients(operators, django_assert_num_queries):
    small = _notify(operators)
    # The lock, the recipients, their preferences, one INSERT of inbox entries, webhooks, the outbox row;
    # and the savepoint and its release (the test runs in a transaction).
    with django_assert_num_queries(8):
        _deliver(small)
    _more_dutch_operators(operators, 38)
    large = _notify(operators)
    with django_assert_num_queries(8):
        _deliver(large)
    assert InboxEntry.objects.filter(notification=large).count() == 40
    assert Notification.objects.get(pk=large.pk).recipient_count == 40


def test_an_inbox_entry_already_there_is_neither_duplicated_nor_an_error(operators):
    notification = _notify(operators)
    InboxEntry.objects.create(notification=notification, user=operators["nl1"], created_at=notification.created_at)
    _deliver(notification)
    assert sorted(InboxEntry.objects.values_list("user_id", flat=True)) == sorted(
        [operators["nl1"].pk, operators["nl2"].pk]
    )
    assert Notification.objects.get(pk=notification.pk).delivered_at is not None


def test_the_most_specific_preference_wins_per_channel(operators):
    from apps.notifications.models import Preference

    nl1, nl2 = operators["nl1"], operators["nl2"]
    Preference.objects.create(user=nl1, kind_prefix="", channel=Channel.INBOX, enabled=False)
    Preference.objects.create(user=nl1, kind_prefix="assistance", channel=Channel.INBOX, enabled=True)
    Preference.objects.create(user=nl1, kind_prefix="", channel=Channel.EMAIL, enabled=True)
    Preference.objects.create(user=nl2, kind_prefix="assistance", channel=Channel.EMAIL, enabled=True)
    Preference.objects.create(user=nl2, kind_prefix="assistance.submitted", channel=Channel.EMAIL, enabled=False)
    Preference.objects.create(user=nl2, kind_prefix="events", channel=Channel.INBOX, enabled=False)  # another kind
    _deliver(_notify(operators))
    assert sorted(InboxEntry.objects.values_list("user_id", flat=True)) == sorted([nl1.pk, nl2.pk])
    assert list(Delivery.objects.filter(channel=Channel.EMAIL).values_list("user_id", flat=True)) == [nl1.pk]


def test_recipients_of_several_specs_are_each_reached_once(operators):
    from apps.accounts.tests.factories import UserFactory

    lu_operator = UserFactory(
        organisation=OrganisationFactory(country=CountryFactory(code="LU")), roles=[Role.OPERATOR]
    )
    nl_chief_elsewhere = UserFactory(organisation=OrganisationFactory(country=operators["locc"].country))
    nl_chief_elsewhere.groups.add(*Group.objects.filter(name=Role.POLICE_CHIEF))
    _deliver(
        _notify(
            operators,
            actor=None,
            recipients=[
                recipients.country("NL", roles=[Role.OPERATOR]),
                recipients.country("LU", roles=[Role.OPERATOR]),
                recipients.country("BE", roles=[Role.POLICE_CHIEF]),  # nobody
                recipients.organisation(operators["dao"]),
                recipients.role(Role.POLICE_CHIEF),
                recipients.users(operators["nl1"]),
            ],
        )
    )
    assert sorted(InboxEntry.objects.values_list("user_id", flat=True)) == sorted(
        [
            operators["nl1"].pk,
            operators["nl2"].pk,
            lu_operator.pk,
            operators["be"].pk,
            operators["chief"].pk,
            nl_chief_elsewhere.pk,
        ]
    )


def test_an_inactive_user_is_not_a_recipient(operators):
    operators["nl2"].is_active = False
    operators["nl2"].save()
    _deliver(_notify(operators, recipients=[recipients.country("NL"), recipients.users(operators["nl2"])]))
    assert operators["nl2"].pk not in set(InboxEntry.objects.values_list("user_id", flat=True))


def test_emails_of_a_notification_are_sent_in_each_language_with_a_constant_number_of_queries(
    operators, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(services, "EMAIL_MARK_BATCH", 3)
    _more_dutch_operators(operators, 4, preferred_language="fr")
    notification = _notify(operators, urgency=Urgency.URGENT)
    _deliver(notification)
    assert Delivery.objects.filter(channel=Channel.EMAIL).count() == 6
    with django_assert_num_queries(4):  # pending, notification, two batches marked sent
        assert services.notification_send_emails(notification_id=notification.pk) == 0
    assert len(mail.outbox) == 6
    assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}
    english = [message for message in mail.outbox if message.to[0] == operators["nl1"].email]
    assert english[0].subject == "[URGENT] Request BNL-2026-0001 was filed by BE"
    assert all(message.extra_headers["X-Portal-Notification"] == notification.pk for message in mail.outbox)
    # Sent is sent: a second run finds nothing to do.
    assert services.notification_send_emails(notification_id=notification.pk) == 0
    assert len(mail.outbox) == 6


def test_one_refused_address_is_retried_alone(operators, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    notification = _notify(operators, urgency=Urgency.URGENT)
    _deliver(notification)
    original = EmailBackend.send_messages

    def refuse_nl2(self, messages):
        if messages[0].to == [operators["nl2"].email]:
            raise ValueError("mailbox refused")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_nl2)
    with pytest.raises(services.DeliveryError):
        services.notification_send_emails(notification_id=notification.pk)
    statuses = dict(Delivery.objects.values_list("user_id", "status"))
    assert statuses == {operators["nl1"].pk: DeliveryStatus.SENT, operators["nl2"].pk: DeliveryStatus.PENDING}
    assert "mailbox refused" in Delivery.objects.get(user=operators["nl2"]).last_error
    assert len(mail.outbox) == 1
