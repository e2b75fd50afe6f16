"""Joint Benelux bodies (issue 16): the Secretariat-General belongs to none of the three countries."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from apps.accounts.choices import OrganisationKind
from apps.accounts.models import Country, Organisation, User

from .factories import api_token_for

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"


def test_the_secretariat_and_its_people_belong_to_no_country(demo):
    secretariat = Organisation.objects.get(short_name="BNL-SG")
    assert secretariat.country is None and secretariat.is_joint_body
    assert User.objects.get(username="secretariat").country is None
    assert Organisation.objects.get(short_name="LOCC").country.code == "NL"


def test_the_api_tells_a_joint_body_by_its_empty_country(demo):
    client = Client(HTTP_AUTHORIZATION=f"Token {api_token_for(User.objects.get(username='secretariat'))}")
    me = client.get("/api/v1/me").json()
    assert me["country"] is None
    assert me["organisation"]["short_name"] == "BNL-SG" and me["organisation"]["country"] is None
    listed = {
        row["short_name"]: row["country"] for row in client.get("/api/v1/organisations?page_size=100").json()["results"]
    }
    assert listed["BNL-SG"] is None and listed["DAO"] == "BE"


@pytest.mark.parametrize("language", ["nl", "fr", "de", "en"])
def test_secretariat_pages_say_benelux_where_a_country_would_be(demo, login, language):
    client = login("secretariat", language=language)
    for name in ("home", "accounts:profile"):
        body = client.get(reverse(name)).content.decode()
        assert "Benelux" in body
        assert "None" not in body and "· ·" not in body, name


def test_a_police_service_or_control_room_keeps_a_country(demo):
    for kind in (OrganisationKind.POLICE_SERVICE, OrganisationKind.CONTROL_ROOM):
        with pytest.raises(IntegrityError), transaction.atomic():
            Organisation.objects.create(name="Nowhere", short_name="NOWHERE", kind=kind, country=None)


def test_short_names_of_joint_bodies_are_unique_among_them(demo):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Again", short_name="BNL-SG", kind=OrganisationKind.SECRETARIAT)


def test_the_migration_moves_the_registered_secretariat_out_of_belgium(demo):
    migration = importlib.import_module("apps.accounts.migrations.0005_joint_bodies_without_country")
    belgium = Country.objects.get(code="BE")
    Organisation.objects.filter(short_name__in=["BNL-SG", "WG-CR"]).update(country=belgium)

    migration.joint_bodies_leave_their_country(django_apps, None)

    assert not Organisation.objects.filter(kind__in=["secretariat", "working_group"], country__isnull=False).exists()
    assert Organisation.objects.get(short_name="FEDPOL").country == belgium
