from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = settings.LANGUAGES


class OrganisationKind(models.TextChoices):
    POLICE_SERVICE = "police_service", _("Police service")
    CONTROL_ROOM = "control_room", _("National control room")
    SECRETARIAT = "secretariat", _("Secretariat")
    WORKING_GROUP = "working_group", _("Working group")


class Role(models.TextChoices):
    """The roles of the portal; each is a group of permissions of the same name."""

    POLICE_CHIEF = "police_chief", _("Police chief")
    SECRETARIAT = "secretariat", _("Secretariat")
    OPERATOR = "operator", _("Control room operator")
    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    LIAISON_COORDINATOR = "liaison_coordinator", _("Liaison-officer coordinator")
    WORKING_GROUP_MEMBER = "working_group_member", _("Working-group member")
    ADMINISTRATOR = "administrator", _("Administrator")
