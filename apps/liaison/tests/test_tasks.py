import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from apps.liaison.models import LiaisonOfficer
from apps.liaison.tasks import remind_stale_records

from .factories import user


def test_beat_reminds_stale_records_every_day():
    entry = settings.CELERY_BEAT_SCHEDULE["liaison-remind-stale-records"]
    assert entry["task"] == remind_stale_records.name
    assert entry["schedule"].hour == {8}


@pytest.mark.django_db
def test_the_task_reminds_each_stale_officer_once(people):
    LiaisonOfficer.objects.filter(pk=people["koen"].pk).update(confirmed_at=timezone.now() - timedelta(days=200))
    LiaisonOfficer.objects.filter(pk=people["sanne"].pk).update(confirmed_at=timezone.now() - timedelta(days=20))
    assert remind_stale_records.apply().get() == 1
    assert remind_stale_records.apply().get() == 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_reminds_the_officer_in_their_inbox(people, celery_worker_process):
    from apps.notifications.models import InboxEntry

    LiaisonOfficer.objects.filter(pk=people["koen"].pk).update(confirmed_at=timezone.now() - timedelta(days=181))
    LiaisonOfficer.objects.filter(pk=people["sanne"].pk).update(confirmed_at=timezone.now())
    assert remind_stale_records.delay().get(timeout=30) == 1
    # The worker delivers the notification after its transaction commits: wait for the outcome.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not InboxEntry.objects.filter(user=user("liaison.be")).exists():
        time.sleep(0.2)
    entry = InboxEntry.objects.get(user=user("liaison.be"))
    assert entry.notification.kind == "liaison.record_stale"
    assert not InboxEntry.objects.filter(user=user("liaison.nl")).exists()
