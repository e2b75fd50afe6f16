import pytest

from apps.events import bench
from apps.events.models import CalendarFeedToken, Event, EventShare, TrainingRegistration

pytestmark = pytest.mark.django_db


def test_demo_data_loads_real_events_and_a_second_run_writes_nothing(demo):
    from apps.events import demo as events_demo

    events_demo.load()
    titles = set(Event.objects.values_list("title_en", flat=True))
    assert {"King's Day", "Formula 1 – Belgian Grand Prix", "Luxembourg National Day"} <= titles
    assert Event.objects.filter(kind="training").count() >= 3
    assert Event.objects.filter(visibility="country").exists()
    shared = Event.objects.get(title_en="Joint action against drug runners at Hazeldonk")
    assert (shared.visibility, [c.code for c in shared.shared_with.all()]) == ("partners", ["BE"])
    assert TrainingRegistration.objects.exists()
    counts = (Event.history.count(), TrainingRegistration.history.count(), EventShare.history.count())
    events_demo.load()
    assert (Event.history.count(), TrainingRegistration.history.count(), EventShare.history.count()) == counts


def test_bench_generator_runs_at_a_tiny_scale_and_reproducibly(demo):
    lines = []
    counts = bench.generate(scale=0.01, seed=7, log=lines.append)
    assert counts["events.Event"] == Event.objects.count() == 100
    assert counts["events.CalendarFeedToken"] == CalendarFeedToken.objects.count() >= 1
    assert lines
    first = list(Event.objects.order_by("pk").values_list("title_en", "starts_at", "organiser_id")[:20])
    Event.objects.all().delete()
    CalendarFeedToken.objects.all().delete()
    bench.generate(scale=0.01, seed=7, log=lines.append)
    assert list(Event.objects.order_by("pk").values_list("title_en", "starts_at", "organiser_id")[:20]) == first
