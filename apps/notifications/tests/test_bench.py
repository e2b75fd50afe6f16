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
