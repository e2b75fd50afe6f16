from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from apps.accounts.choices import Role
from apps.accounts.tests.factories import OrganisationFactory, UserFactory
from apps.notifications.choices import Channel
from apps.notifications.models import Notification
from apps.notifications.selectors import (
    can_monitor,
    delivery_health,
    failed_webhook_deliveries_visible_to,
    unread_count,
)

from .factories import DeliveryFactory, InboxEntryFactory, NotificationFactory

pytestmark = pytest.mark.django_db


def test_organisation_administrator_sees_only_their_organisations_failed_webhooks():
    from apps.accounts.services import roles_sync

    roles_sync()
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    admin = UserFactory(organisation=mine, roles=[Role.ADMINISTRATOR])
    own = DeliveryFactory(failed=True, organisation=mine)
    DeliveryFactory(failed=True, organisation=theirs)
    DeliveryFactory(organisation=mine)  # still pending: not a failure
    assert can_monitor(admin)
    assert list(failed_webhook_deliveries_visible_to(user=admin)) == [own]
    assert not can_monitor(UserFactory(organisation=mine, roles=[Role.OPERATOR]))


def test_unread_count_is_capped_and_one_query(django_assert_num_queries):
    user = UserFactory()
    for _ in range(3):
        InboxEntryFactory(user=user)
    with django_assert_num_queries(1):
        assert unread_count(user=user) == 3


def test_health_reports_each_channel_and_turns_stuck_when_the_outbox_stops(settings):
    DeliveryFactory(channel=Channel.EMAIL, status="sent", organisation=None, user=UserFactory())
    DeliveryFactory(failed=True)
    health = delivery_health()
    assert not health["stuck"]
    assert health["channels"][Channel.EMAIL]["last_success"] is not None
    assert health["channels"][Channel.WEBHOOK]["failures_24h"] == 1
    stuck = NotificationFactory(delivered_at=None)
    Notification.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    health = delivery_health()
    assert health["stuck"] and health["channels"][Channel.INBOX]["backlog"] == 1
    settings.HEALTH_TOKEN = "monitoring"
    assert Client().get("/healthz").json() == {"status": "unavailable"}  # anyone: the status only
    response = Client(HTTP_X_HEALTH_TOKEN="monitoring").get("/healthz")
    assert response.status_code == 503
    assert response.json()["notifications"]["status"] == "stuck"
    assert response.json()["database"] == "ok"


def test_unread_count_stops_at_the_cap_and_ignores_read_and_others_entries():
    from apps.notifications.models import InboxEntry
    from apps.notifications.selectors import UNREAD_COUNT_CAP, forget_inbox_caches

    user, other = UserFactory(), UserFactory()
    InboxEntryFactory(user=other)
    InboxEntryFactory(user=user, is_read=True)
    assert unread_count(user=user) == 0
    notification = NotificationFactory()
    forget_inbox_caches([user.pk])  # rows written here, not by the services that forget the count themselves
    InboxEntry.objects.bulk_create(
        [InboxEntry(notification=notification, user=user, created_at=notification.created_at)]
        + [
            InboxEntry(notification=NotificationFactory(), user=user, created_at=notification.created_at)
            for _ in range(UNREAD_COUNT_CAP + 1)
        ]
    )
    assert unread_count(user=user) == UNREAD_COUNT_CAP
