from django.conf.locale import LANG_INFO
from django.db import models
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

# A record not confirmed by its liaison officer for this many days is stale: flagged, and the officer is reminded.
STALE_AFTER_DAYS = 180
# A stale record's officer is reminded again after this many days while it stays stale.
REMIND_AGAIN_AFTER_DAYS = 14


class SendingCountry(models.TextChoices):
    """The countries that post liaison officers abroad. Luxembourg has none of its own: it uses the network of both
    (since 2011 each LO may handle the other's files and act as channel for all three countries)."""

    BELGIUM = "BE", _("Belgium")
    NETHERLANDS = "NL", _("Netherlands")


class DeskOperator(models.TextChoices):
    """Who runs a desk: one country, or Belgium and the Netherlands together (a joint Benelux desk)."""

    BELGIUM = "BE", _("Belgium")
    NETHERLANDS = "NL", _("Netherlands")
    BENELUX = "BNL", _("Benelux (joint desk)")


class DeskKind(models.TextChoices):
    EMBASSY = "embassy", _("Embassy")
    CONSULATE = "consulate", _("Consulate")
    MISSION = "mission", _("Permanent mission or representation")
    INTERNATIONAL = "international", _("International organisation (Europol, Interpol)")
    OTHER = "other", _("Other")


class FocusArea(models.TextChoices):
    DRUGS = "drugs", _("Drugs")
    TERRORISM = "terrorism", _("Terrorism")
    TRAFFICKING = "trafficking", _("Trafficking in human beings")
    SMUGGLING = "smuggling", _("Migrant smuggling")
    CYBERCRIME = "cybercrime", _("Cybercrime")
    ORGANISED_CRIME = "organised_crime", _("Organised crime")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    FIREARMS = "firearms", _("Firearms trafficking")
    FUGITIVES = "fugitives", _("Fugitives")
    CHILD_ABUSE = "child_abuse", _("Child sexual exploitation")
    ENVIRONMENT = "environment", _("Environmental crime")
    VEHICLE_CRIME = "vehicle_crime", _("Vehicle and property crime")


class Coverage(models.TextChoices):
    """How a country is covered on a given day (the map's colours)."""

    MEMBER = "member", _("Benelux country")
    RESIDENT = "resident", _("Benelux liaison officer resident")
    ACCREDITED = "accredited", _("Accredited only")
    NONE = "none", _("No coverage")


class CoverageKind(models.TextChoices):
    """How one officer covers a country."""

    RESIDENT = "resident", _("Resident")
    ACCREDITED = "accredited", _("Accredited")


# The languages an officer may speak, by their codes in Django's own list (whose catalogues name them in every
# language of the portal, so that "Spaans", "espagnol", "Spanisch" and "Spanish" all find a Spanish speaker).
LANGUAGE_CODES = [
    "nl",
    "fr",
    "de",
    "en",
    "es",
    "pt",
    "it",
    "ar",
    "ru",
    "tr",
    "pl",
    "ro",
    "uk",
    "fa",
    "hi",
    "id",
    "th",
    "ja",
    "zh-hans",
    "sw",
]


def language_name(code: str) -> str:
    """The language's name in the active language (Django's catalogues translate it)."""
    info = LANG_INFO.get(code)
    return gettext(info["name"]) if info else code


LANGUAGE_CHOICES = [(code, gettext_lazy(LANG_INFO[code]["name"])) for code in LANGUAGE_CODES]

# Member countries of the Benelux: on the map and in the coverage list they are neither covered nor a gap.
MEMBER_COUNTRIES = ("BE", "NL", "LU")
