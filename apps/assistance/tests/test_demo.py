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


def test_every_demo_notification_is_about_a_request_that_exists_and_opens_it(demo, reference_data, login):
    from apps.assistance import demo as assistance_demo
    from apps.notifications.models import InboxEntry

    assistance_demo.load()
    entries = list(InboxEntry.objects.select_related("notification", "user"))
    assert {entry.user.username for entry in entries} >= {"operator.be", "operator.nl", "operator.lu"}
    for entry in entries:
        notification = entry.notification
        assert notification.content_type.model == "assistancerequest"
        assert AssistanceRequest.objects.filter(pk=notification.object_id).exists()
        assert notification.url == AssistanceRequest.objects.get(pk=notification.object_id).get_absolute_url()
        assert login(entry.user.username).get(notification.url).status_code == 200, (entry.user, notification)


def test_demo_requests_of_a_period_already_over_are_after_the_fact_records(demo, reference_data):
    from apps.assistance import demo as assistance_demo

    assistance_demo.load()
    for request in AssistanceRequest.objects.exclude(submitted_at=None):
        assert request.after_the_fact == (request.end <= request.submitted_at), request.title
