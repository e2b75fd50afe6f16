from django.db import models
from django.utils.translation import gettext_lazy as _

# The languages of the brochure, its text-search dictionaries (PostgreSQL's snowball configurations) and the
# original language: every section is written in it first, and a section missing in another language shows it.
LANGUAGES = ("nl", "fr", "de", "en")
DICTIONARIES = {"nl": "dutch", "fr": "french", "de": "german", "en": "english"}
ORIGINAL = "nl"


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Tag(models.TextChoices):
    PURSUIT = "pursuit", _("Hot pursuit")
    OBSERVATION = "observation", _("Observation")
    PATROLS = "patrols", _("Joint patrols")
    ASSISTANCE = "assistance", _("Assistance and loans")
    INFORMATION = "information", _("Information exchange")
    CONTACTS = "contacts", _("Contacts")
    LEGAL = "legal", _("Legal references")


class MemberCountry(models.TextChoices):
    """The countries a section or a contact point is about."""

    BE = "BE", _("Belgium")
    NL = "NL", _("Netherlands")
    LU = "LU", _("Luxembourg")
