from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.parts import Card, NavigationItem

_MODELS = ("edition", "chapter", "section", "contactentry")
_READ = [f"brochure.view_{model}" for model in _MODELS]
_WRITE = [f"brochure.{action}_{model}" for model in _MODELS for action in ("add", "change", "delete")]


class BrochureConfig(AppConfig):
    name = "apps.brochure"
    label = "brochure"
    verbose_name = _("Brochure")
    navigation = NavigationItem(60, "brochure:index", _("Brochure"))
    dashboard_cards = [
        Card(
            _("Brochure"),
            _("Cross-border police work explained, in Dutch, French, German and English."),
            "brochure:index",
        ),
    ]
    # Every role reads the published brochure; the secretariat writes it (which rows: permissions.py).
    role_permissions = {
        Role.POLICE_CHIEF: _READ,
        Role.OPERATOR: _READ,
        Role.LIAISON_OFFICER: _READ,
        Role.WORKING_GROUP_MEMBER: _READ,
        Role.ADMINISTRATOR: _READ,
        Role.SECRETARIAT: _READ + _WRITE,
    }

    def ready(self):
        from .caching import BROCHURE
        from .models import Chapter, ContactEntry, Edition, Section

        # What the cached pages, searches, PDFs and API answers show (caching.py).
        BROCHURE.follow(Edition, Chapter, Section, ContactEntry, uid="brochure.cache")
