from datetime import datetime

import pytest

from apps.accounts.models import User

from .factories import BRUSSELS, EventFactory, country, organisation


@pytest.fixture
def user():
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def event_data(demo):
    """Valid input for ``event_create``: a farmers' demonstration in Brussels, organised by DAO."""

    def _data(**overrides):
        data = {
            "title_en": "Farmers' demonstration",
            "title_fr": "Manifestation des agriculteurs",
            "kind": "demonstration",
            "country": country("BE"),
            "place": "Rue de la Loi, Brussels",
            "starts_at": datetime(2026, 12, 3, 9, tzinfo=BRUSSELS),
            "ends_at": datetime(2026, 12, 3, 18, tzinfo=BRUSSELS),
            "time_zone": "Europe/Brussels",
            "expected_attendance": 8000,
            "risk_level": "high",
            "assistance_expected": True,
            "visibility": "all",
        }
        data.update(overrides)
        return data

    return _data


@pytest.fixture
def restricted_nl_event(demo):
    """An event the Dutch police keep to themselves."""
    return EventFactory(
        title_en="Closed NL operation briefing",
        country=country("NL"),
        organiser=organisation("POLNL"),
        visibility="country",
        starts_at=datetime(2026, 11, 26, 9, tzinfo=BRUSSELS),
    )
