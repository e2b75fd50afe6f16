from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    DEMONSTRATION = "demonstration", _("Demonstration")
    SPORTS = "sports", _("Sports event")
    ROYAL_STATE = "royal_state", _("Royal or state event")
    SUMMIT = "summit", _("Summit")
    FESTIVAL = "festival", _("Festival")
    CONCERT = "concert", _("Concert")
    TRAINING = "training", _("Joint training")
    OTHER = "other", _("Other")


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class Visibility(models.TextChoices):
    ALL_PARTNERS = "all", _("All partners")
    ORGANISER_COUNTRY = "country", _("The organiser's country only")
    PARTNERS = "partners", _("The organiser's country and chosen partner countries")


class EventTimeZone(models.TextChoices):
    BRUSSELS = "Europe/Brussels", _("Brussels (Belgium)")
    AMSTERDAM = "Europe/Amsterdam", _("Amsterdam (the Netherlands)")
    LUXEMBOURG = "Europe/Luxembourg", _("Luxembourg")


# The time zone that goes with each member country, proposed when an event is entered.
COUNTRY_TIME_ZONES = {
    "BE": EventTimeZone.BRUSSELS,
    "NL": EventTimeZone.AMSTERDAM,
    "LU": EventTimeZone.LUXEMBOURG,
}
