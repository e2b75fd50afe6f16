from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory

from apps.accounts.models import Country, Organisation
from apps.accounts.tests.factories import CountryFactory, OrganisationFactory
from apps.events.choices import EventKind, RiskLevel, Visibility
from apps.events.models import CalendarFeedToken, Event, TrainingRegistration

BRUSSELS = ZoneInfo("Europe/Brussels")


def organisation(short_name: str) -> Organisation:
    return Organisation.objects.get(short_name=short_name)


def country(code: str) -> Country:
    return Country.objects.get(code=code)


class EventFactory(factory.django.DjangoModelFactory):
    """An event written straight to the table (tests of reads); writes under test go through the services."""

    class Meta:
        model = Event

    title_en = factory.Sequence(lambda n: f"Event {n}")
    title_nl = factory.Sequence(lambda n: f"Evenement {n}")
    kind = EventKind.DEMONSTRATION
    country = factory.SubFactory(CountryFactory)
    place = "Rue de la Loi, Brussels"
    starts_at = factory.LazyFunction(lambda: datetime(2026, 11, 25, 10, tzinfo=BRUSSELS))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=6))
    time_zone = "Europe/Brussels"
    expected_attendance = 5000
    risk_level = RiskLevel.MEDIUM
    organiser = factory.SubFactory(OrganisationFactory)
    visibility = Visibility.ALL_PARTNERS


class TrainingRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRegistration

    event = factory.SubFactory(EventFactory, kind=EventKind.TRAINING)
    country = factory.SubFactory(CountryFactory)
    participants = 4
    contact_name = "Inspector Example"


class CalendarFeedTokenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeedToken

    key = factory.Sequence(lambda n: f"feed-key-{n:08d}")
