from datetime import date

import factory

from apps.accounts.models import User
from apps.liaison.choices import DeskKind, DeskOperator, SendingCountry
from apps.liaison.models import Absence, Accreditation, Desk, LiaisonOfficer, Posting, PriorityCountry


def user(username: str) -> User:
    return User.objects.get(username=username)


class DeskFactory(factory.django.DjangoModelFactory):
    """A desk written straight to the table (tests of reads); writes under test go through the services."""

    class Meta:
        model = Desk

    name_en = factory.Sequence(lambda n: f"Embassy of Belgium {n}")
    name_nl = factory.Sequence(lambda n: f"Belgische ambassade {n}")
    kind = DeskKind.EMBASSY
    run_by = DeskOperator.BELGIUM
    country = "CO"
    city = "Bogotá"


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiaisonOfficer

    first_name = "Pieter"
    last_name = factory.Sequence(lambda n: f"Officer{n}")
    sending_country = SendingCountry.BELGIUM
    languages = factory.LazyFunction(lambda: ["nl", "fr", "en", "es"])
    email = factory.LazyAttribute(lambda officer: f"{officer.last_name.lower()}@lo.example")
    phone = "+57 1 555 0100"


class PostingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Posting

    officer = factory.SubFactory(OfficerFactory)
    desk = factory.SubFactory(DeskFactory)
    starts_on = date(2024, 9, 1)
    ends_on = None
    focus_areas = factory.LazyFunction(lambda: ["drugs"])


class AccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accreditation

    posting = factory.SubFactory(PostingFactory)
    country = "PA"
    starts_on = factory.LazyAttribute(lambda accreditation: accreditation.posting.starts_on)


class AbsenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Absence

    officer = factory.SubFactory(OfficerFactory)
    starts_on = date(2026, 7, 1)
    ends_on = date(2026, 7, 21)


class PriorityCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityCountry
        django_get_or_create = ("country",)

    country = "EC"
    focus_areas = factory.LazyFunction(lambda: ["drugs"])
    reason_en = "Cocaine flows"
