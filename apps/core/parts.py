"""What each app adds to what every page shares, declared on its ``AppConfig`` (as ``role_permissions`` is), so that
core, which imports no app, can show it:

    class AssistanceConfig(AppConfig):
        navigation = NavigationItem(30, "assistance:index", _("Assistance and loans"))
        dashboard_cards = [Card(_("Request queue"), _("..."), "assistance:index", roles={Role.OPERATOR})]
        health_checks = {"notifications": "apps.notifications.health.check"}   # name: dotted path of a function
        home_panels = [HomePanel("apps.consultation.home.chief_panel", roles={Role.POLICE_CHIEF})]

A health check takes nothing and answers a dict with at least ``"status": "ok"`` when all is well. A home panel is a
section of the home page, above the cards, for the users with one of its roles: a function that takes the request and
answers the section's HTML (what the user comes to the portal for, at a glance: the chiefs' objectives).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavigationItem:
    order: int
    url_name: str
    label: str


@dataclass(frozen=True)
class Card:
    """A tile of the dashboard; shown to users with one of ``roles`` (to everyone when empty)."""

    title: str
    text: str
    url_name: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def shown_to(self, user) -> bool:
        # By the roles alone: an administrator (a superuser) gets the administrators' cards, not every role's.
        return not self.roles or bool(self.roles.intersection(getattr(user, "roles", ())))


@dataclass(frozen=True)
class HomePanel:
    """A section of the home page: ``render`` is the dotted path of a function ``(request) -> HTML``; shown to users
    with one of ``roles`` (to everyone when empty)."""

    render: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def shown_to(self, user) -> bool:
        return not self.roles or bool(self.roles.intersection(getattr(user, "roles", ())))


HOME = NavigationItem(0, "home", _("Dashboard"))


@cache
def navigation_items() -> tuple[NavigationItem, ...]:
    items = [HOME, *(config.navigation for config in apps.get_app_configs() if hasattr(config, "navigation"))]
    return tuple(sorted(items, key=lambda item: item.order))


@cache
def dashboard_cards() -> tuple[Card, ...]:
    """Every app's cards, in the order of the apps in the navigation."""
    configs = sorted(apps.get_app_configs(), key=lambda config: getattr(config, "navigation", HOME).order)
    return tuple(card for config in configs for card in getattr(config, "dashboard_cards", ()))


@cache
def health_checks() -> dict[str, Callable[[], dict]]:
    return {
        name: import_string(path)
        for config in apps.get_app_configs()
        for name, path in getattr(config, "health_checks", {}).items()
    }


@cache
def home_panels() -> tuple[tuple[HomePanel, Callable], ...]:
    """Every app's home panels with their functions, in the order of the apps in the navigation."""
    configs = sorted(apps.get_app_configs(), key=lambda config: getattr(config, "navigation", HOME).order)
    return tuple(
        (panel, import_string(panel.render)) for config in configs for panel in getattr(config, "home_panels", ())
    )
