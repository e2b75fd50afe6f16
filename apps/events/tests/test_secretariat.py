"""The Benelux secretariat, a joint body of no country (issue 16): it sees the events of the three countries, those a
country keeps to itself too, and only reads those; a member country registers for a training, the secretariat has
none to register."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from apps.core.errors import ApplicationError
from apps.events.selectors import event_list_visible_to
from apps.events.services import event_create, event_update, training_registration_save

from .factories import BRUSSELS, EventFactory, country, organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(demo):
    """One event kept to its country in each of the three countries."""
    return {
        code: EventFactory(
            title_en=f"Closed briefing {code}",
            country=country(code),
            organiser=organisation(short),
            visibility="country",
            starts_at=datetime(2026, 11, 26, 9, tzinfo=BRUSSELS),
        )
        for code, short in (("BE", "FEDPOL"), ("NL", "POLNL"), ("LU", "PGD"))
    }


def test_secretariat_sees_the_restricted_events_of_every_country(restricted, user):
    seen = set(event_list_visible_to(user=user("secretariat")).values_list("pk", flat=True))
    assert seen >= {event.pk for event in restricted.values()}
    # A Belgian chief sees Belgium's only, as before; the administrator (of the secretariat's organisation, without
    # its role) sees none of them.
    assert set(
        event_list_visible_to(user=user("chief.be")).filter(visibility="country").values_list("pk", flat=True)
    ) == {restricted["BE"].pk}
    assert not event_list_visible_to(user=user("admin")).filter(visibility="country").exists()


def test_secretariat_reads_a_restricted_event_page_but_may_not_change_it(restricted, login):
    client = login("secretariat", language="en")
    for event in restricted.values():
        page = client.get(reverse("events:detail", args=[event.pk]))
        assert page.status_code == 200
        assert reverse("events:edit", args=[event.pk]) not in page.content.decode()
        assert client.get(reverse("events:edit", args=[event.pk])).status_code == 403


def test_secretariat_may_not_change_a_restricted_event_nor_register_a_country(restricted, user):
    secretariat = user("secretariat")
    with pytest.raises(PermissionDenied):
        event_update(event=restricted["NL"], actor=secretariat, place="Elsewhere")
    training = restricted["LU"]
    training.kind = "training"
    training.save()
    with pytest.raises(PermissionDenied):
        training_registration_save(actor=secretariat, event=training, participants=2, contact_name="Desk")


def test_secretariat_changes_an_event_shared_with_every_partner(event_data, user):
    event = event_create(actor=user("operator.nl"), **event_data(country=country("NL")))
    event_update(event=event, actor=user("secretariat"), place="Maastricht")
    event.refresh_from_db()
    assert event.place == "Maastricht"


def test_an_event_of_a_joint_body_cannot_be_kept_to_a_country(event_data, user):
    with pytest.raises(ApplicationError) as refused:
        event_create(actor=user("secretariat"), **event_data(visibility="country"))
    assert "visibility" in refused.value.errors


def test_event_page_names_a_joint_organiser_benelux(event_data, user, login):
    event = event_create(actor=user("secretariat"), **event_data())
    body = login("chief.nl", language="en").get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Benelux Secretariat-General (Benelux)" in body
    assert "(None)" not in body
