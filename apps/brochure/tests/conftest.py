import pytest
from django.utils import translation

from .factories import publish, user


@pytest.fixture(autouse=True)
def english():
    """Service-level refusals are read in English (pages and API speak the user's own language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def secretariat(demo):
    return user("secretariat")


@pytest.fixture
def edition(secretariat):
    """A published first edition: two chapters, three sections in four languages, one contact point."""
    return publish(actor=secretariat)


@pytest.fixture
def outsider(demo):
    """A logged-in account of no organisation (no police user): the brochure does not exist for it."""
    from apps.accounts.tests.factories import UserFactory

    return UserFactory(username="outsider", organisation=None)
