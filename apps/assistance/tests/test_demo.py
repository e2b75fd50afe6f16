import pytest

from apps.assistance.choices import RequestStatus
from apps.assistance.models import AssistanceRequest, Booking, StatusChange

pytestmark = pytest.mark.django_db


def test_demo_has_a_request_in_every_state_and_loads_twice_without_change(demo, reference_data):
    from apps.assistance import demo as assistance_demo

    assistance_demo.load()
    counts = (AssistanceRequest.objects.count(), StatusChange.objects.count(), Booking.objects.count())
    from apps.assistance.models import LegalBasis

    history = LegalBasis.history.count()
    assistance_demo.load()
    assert LegalBasis.history.count() == history
    assert (AssistanceRequest.objects.count(), StatusChange.objects.count(), Booking.objects.count()) == counts
    assert set(AssistanceRequest.objects.values_list("status", flat=True)) == set(RequestStatus.values)
    assert Booking.objects.get().return_condition == "good"


def test_demo_requests_are_filed_for_the_demo_calendar_events(demo, reference_data):
    from apps.assistance import demo as assistance_demo
    from apps.events import demo as events_demo

    events_demo.load()
    assistance_demo.load()
    linked = dict(AssistanceRequest.objects.exclude(event=None).values_list("title", "event__title_en"))
    assert linked["Formula 1 Belgian Grand Prix 2026 at Spa-Francorchamps"] == "Formula 1 – Belgian Grand Prix"
    assert linked["Water cannon for the National Day celebrations in Luxembourg City"] == "Luxembourg National Day"
    assert len(linked) == 4
