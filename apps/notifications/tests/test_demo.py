import pytest

from apps.notifications import demo as notifications_demo
from apps.notifications.models import InboxEntry, Notification

pytestmark = pytest.mark.django_db


def test_demo_users_find_notifications_and_a_second_load_writes_nothing(demo, login):
    notifications_demo.load()
    counts = (Notification.objects.count(), InboxEntry.objects.count())
    notifications_demo.load()
    assert (Notification.objects.count(), InboxEntry.objects.count()) == counts
    assert InboxEntry.objects.filter(user__username="operator.nl").exists()
    assert InboxEntry.objects.filter(user__username="chief.be").exists()
    body = login("operator.nl", language="en").get("/notifications/").content.decode()
    assert "farmers&#x27; protest in Brussels" in body
