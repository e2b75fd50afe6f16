import pytest

from apps.accounts.models import User
from apps.notifications import bench
from apps.notifications.models import InboxEntry, Notification
from apps.notifications.selectors import inbox_for

pytestmark = pytest.mark.django_db


def test_generator_runs_at_a_tiny_scale(demo, django_assert_num_queries):
    lines = []
    counts = bench.generate(scale=0.001, seed=7, log=lines.append)
    assert counts == {"notifications.Notification": 1000, "notifications.InboxEntry": 1000}
    assert Notification.objects.count() == InboxEntry.objects.count() == 1000
    assert lines
    busiest = User.objects.get(pk=InboxEntry.objects.values_list("user", flat=True).first())
    with django_assert_num_queries(1):
        page = list(inbox_for(user=busiest)[:50])
    assert page and all(entry.notification.render("en") for entry in page)


def test_generated_notifications_show_at_once_in_an_inbox_seen_before(demo, login):
    from django.urls import reverse

    client = login("operator.nl", language="en")
    for _ in range(2):  # the second time from the cache
        page = client.get(reverse("notifications:index")).content.decode()
        assert "No notifications yet" in page and "data-unread-count>0<" in page
    bench.generate(scale=0.001, seed=7, log=lambda line: None)
    received = InboxEntry.objects.filter(user__username="operator.nl")
    unread = received.filter(is_read=False).count()
    assert received.exists() and 0 < unread < 99
    page = client.get(reverse("notifications:index")).content.decode()
    assert "No notifications yet" not in page and f"data-unread-count>{unread}<" in page
