import pytest

from apps.assistance import bench
from apps.assistance.models import AssistanceRequest, ReferenceCounter, RequestedResource

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
