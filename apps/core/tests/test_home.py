"""The home page shows the panels apps declare for the user's roles (``AppConfig.home_panels``), above the cards:
core knows no app, only the declarations it reads from the app registry."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.safestring import mark_safe

from apps.core import parts

pytestmark = pytest.mark.django_db

# The control-room operators' role, by its name: core imports no app (make lint), its tests neither.
OPERATOR = "operator"


def operators_panel(request):
    return mark_safe(f"<section><p>Panel for {request.user.username}</p></section>")  # noqa: S308 - a test's own text


@pytest.fixture
def declared(monkeypatch):
    config = apps.get_app_config("events")
    monkeypatch.setattr(
        config,
        "home_panels",
        [parts.HomePanel(f"{__name__}.operators_panel", frozenset({OPERATOR}))],
        raising=False,
    )
    parts.home_panels.cache_clear()
    yield
    parts.home_panels.cache_clear()


def test_a_panel_is_shown_to_the_users_of_its_roles_above_the_cards(demo, login, declared):
    page = login("operator.be", language="en").get(reverse("home")).content.decode()
    assert "Panel for operator.be" in page
    assert page.index("Panel for operator.be") < page.index('<ul class="cards">')


def test_a_panel_is_not_shown_to_other_users(demo, login, declared):
    assert "Panel for" not in login("liaison.be", language="en").get(reverse("home")).content.decode()
