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
