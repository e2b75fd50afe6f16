import datetime

import factory
from django.utils import timezone

from apps.accounts.models import Country, Organisation, User
from apps.assistance.models import AssistanceRequest, EquipmentItem, HandlingCode, LegalBasis, ResourceType

START = timezone.now().replace(microsecond=0) + datetime.timedelta(days=10)


def org(code: str, short_name: str) -> Organisation:
    return Organisation.objects.get(country__code=code, short_name=short_name)


def user(username: str) -> User:
    return User.objects.select_related("organisation__country").get(username=username)


def country(code: str) -> Country:
    return Country.objects.get(code=code)


class AssistanceRequestFactory(factory.django.DjangoModelFactory):
    """A complete draft filed by a control room (pass ``created_by``; the organisation follows)."""

    class Meta:
        model = AssistanceRequest

    created_by = factory.LazyFunction(lambda: user("operator.nl"))
    requesting_organisation = factory.LazyAttribute(lambda request: request.created_by.organisation)
    contact_person = factory.LazyAttribute(lambda request: request.created_by)
    kind = "assistance"
    title = factory.Sequence(lambda n: f"Support for event {n}")
    operational_context = "Large crowds expected; public order at risk."
    place = "Spa-Francorchamps"
    start = START
    end = START + datetime.timedelta(days=2)
    urgency = "routine"
    legal_basis = factory.LazyFunction(lambda: LegalBasis.objects.get(code="benelux-police-treaty-2018"))
    handling_code = factory.LazyFunction(lambda: HandlingCode.objects.get(code="H1"))
    operational_control = "Police zone Stavelot-Malmedy"
    command = "Team leader of the sending unit"


def resource_type(code: str) -> ResourceType:
    return ResourceType.objects.get(code=code)


class EquipmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentItem

    organisation = factory.LazyFunction(lambda: org("BE", "FEDPOL"))
    resource_type = factory.LazyFunction(lambda: resource_type("water-cannon"))
    name = factory.Sequence(lambda n: f"Water cannon WA-{n}")
    identifier = factory.Sequence(lambda n: f"WA-{n}")
