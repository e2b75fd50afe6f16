from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "apps.liaison"
    label = "liaison"
    verbose_name = _("Liaison officers")
