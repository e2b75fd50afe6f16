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
    assert "set your preferences" in body


def test_every_demo_notification_links_to_a_page_its_readers_can_open(demo, login):
    notifications_demo.load()
    for entry in InboxEntry.objects.select_related("notification", "user"):
        assert entry.notification.url, entry.notification
        assert login(entry.user.username).get(entry.notification.url).status_code == 200


def test_notifications_of_former_demos_about_nothing_that_exists_are_removed(demo):
    Notification.objects.create(
        kind="assistance.submitted",
        message="Request %(reference)s was filed by %(country)s: %(subject)s",
        params={"reference": "BNL-2026-0412", "country": "BE", "subject": "farmers' protest"},
    )
    notifications_demo.load()
    assert not Notification.objects.filter(kind="assistance.submitted").exists()
