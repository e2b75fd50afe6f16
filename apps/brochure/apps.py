from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from apps.core.parts import Card, NavigationItem


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
