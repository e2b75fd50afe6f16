import datetime

import pytest
from django.utils import timezone

from apps.assistance import bench
from apps.assistance.choices import OPEN_STATUSES, RequestStatus
from apps.assistance.models import AssistanceRequest, Booking, EquipmentItem, ReferenceCounter, RequestedResource

pytestmark = pytest.mark.django_db


def test_bench_generates_a_scaled_reproducible_volume(demo):
    lines = []
    counts = bench.generate(scale=0.001, seed=7, log=lines.append)
    assert counts["AssistanceRequest"] == 50 == AssistanceRequest.objects.count()
    assert RequestedResource.objects.count() == 150
    assert counts["StatusChange"] > 0 and counts["Message"] > 0
    references = list(AssistanceRequest.objects.exclude(reference=None).values_list("reference", flat=True))
    assert len(references) == len(set(references))
    for counter in ReferenceCounter.objects.all():
        numbers = sorted(int(r.rsplit("-", 1)[1]) for r in references if r.startswith(f"BNL-{counter.year}-"))
        assert numbers == list(range(1, counter.last_number + 1))
    assert lines
    # Requests of more than three months ago are over, as they would be in ten years of real work.
    old = AssistanceRequest.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=bench.OPEN_FOR_DAYS))
    assert old.exists()
    assert not old.filter(status__in=[*OPEN_STATUSES, RequestStatus.DRAFT]).exists()


def test_bench_lends_registered_equipment_without_overlaps(demo):
    counts = bench.generate(scale=0.004, seed=7, log=lambda message: None)
    assert counts["EquipmentItem"] == EquipmentItem.objects.count() >= 3
    assert counts["Booking"] == Booking.objects.count() > 0
    for booking in Booking.objects.select_related("request", "item__organisation"):
        assert booking.request.kind != "assistance"
        assert booking.item.organisation.country_id in set(booking.request.requested.values_list("country", flat=True))


def test_bench_files_some_requests_for_events_every_partner_sees(demo):
    from apps.events import bench as events_bench
    from apps.events.choices import Visibility

    events_bench.generate(scale=0.01, seed=7, log=lambda message: None)
    bench.generate(scale=0.004, seed=7, log=lambda message: None)
    linked = AssistanceRequest.objects.exclude(event=None).select_related("event")
    assert linked.exists()
    assert {request.event.visibility for request in linked} == {Visibility.ALL_PARTNERS}
