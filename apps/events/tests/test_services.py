from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied

from apps.core.errors import ApplicationError
from apps.events.models import CalendarFeedToken, Event, TrainingRegistration
from apps.events.services import (
    event_create,
    event_delete,
    event_update,
    feed_token_get_or_create,
    feed_token_regenerate,
    feed_token_revoke,
    training_registration_cancel,
    training_registration_save,
)

from .factories import BRUSSELS, EventFactory, organisation

pytestmark = pytest.mark.django_db


def test_operator_adds_an_event_for_their_own_organisation(event_data, user):
    event = event_create(actor=user("operator.be"), **event_data())
    assert event.organiser == organisation("DAO")
    assert event.created_by == user("operator.be")
    record = event.history.get()
    assert record.history_type == "+"
    assert record.history_user == user("operator.be")
    assert record.title_fr == "Manifestation des agriculteurs"


@pytest.mark.parametrize("username", ["operator.nl", "secretariat", "liaison.be", "chief.lu"])
def test_operators_secretariat_and_police_service_members_add_events(event_data, user, username):
    event_create(actor=user(username), **event_data())
    assert Event.objects.count() == 1


def test_user_without_organisation_cannot_add(event_data, user):
    from apps.accounts.tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        event_create(actor=UserFactory(organisation=None), **event_data())


def test_operator_cannot_enter_an_event_for_another_organisation(event_data, user):
    with pytest.raises(ApplicationError) as error:
        event_create(actor=user("operator.be"), **event_data(organiser=organisation("LOCC")))
    assert "organiser" in error.value.errors
    assert not Event.objects.exists()


def test_secretariat_enters_an_event_on_behalf_of_a_police_service(event_data, user):
    event = event_create(actor=user("secretariat"), **event_data(organiser=organisation("PGD")))
    assert event.organiser == organisation("PGD")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at": datetime(2026, 12, 3, 8, tzinfo=BRUSSELS)}, "ends_at"),
        ({"ends_at": datetime(2026, 12, 3, 9, tzinfo=BRUSSELS)}, "ends_at"),
        ({"expected_attendance": -1}, "expected_attendance"),
        ({"recurrence_rule": "every year please"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=HOURLY"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=YEARLY;BYMONTH=13"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=DAILY;COUNT=0"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=YEARLY;UNTIL=20250101"}, "recurrence_rule"),
        ({"recurrence_rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "recurrence_rule"),
        ({"title_en": "", "title_fr": "  "}, "title"),
        ({"kind": "bakery"}, "kind"),
        ({"time_zone": "America/New_York"}, "time_zone"),
        ({"starts_at": datetime(2026, 12, 3, 9)}, "starts_at"),
        ({"starts_at": datetime(1, 1, 1, tzinfo=BRUSSELS)}, "starts_at"),
        ({"ends_at": datetime(9999, 12, 31, tzinfo=BRUSSELS)}, "ends_at"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(event_data, user, overrides, field):
    with pytest.raises(ApplicationError) as error:
        event_create(actor=user("operator.be"), **event_data(**overrides))
    assert field in error.value.errors
    assert all(error.value.errors[field])
    assert not Event.objects.exists()


def test_recurrence_rule_is_normalised_and_its_end_computed(event_data, user):
    event = event_create(
        actor=user("operator.nl"),
        **event_data(
            starts_at=datetime(2026, 4, 27, 8, tzinfo=BRUSSELS),
            ends_at=datetime(2026, 4, 27, 23, tzinfo=BRUSSELS),
            recurrence_rule="rrule:freq=yearly;bymonth=4;bymonthday=27;until=20281231",
        ),
    )
    assert event.recurrence_rule == "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=27;UNTIL=20281231T225959Z"
    assert event.recurrence_ends_at == datetime(2028, 4, 27, 23, tzinfo=BRUSSELS)


def test_series_without_end_repeats_for_ever(event_data, user):
    event = event_create(actor=user("operator.be"), **event_data(recurrence_rule="FREQ=YEARLY"))
    assert event.recurrence_ends_at is None


def test_organiser_edits_and_history_records_who(event_data, user):
    event = event_create(actor=user("operator.be"), **event_data())
    event_update(event=event, actor=user("operator.be"), expected_attendance=12000, title_nl="Boerenbetoging")
    event.refresh_from_db()
    assert event.expected_attendance == 12000
    latest = event.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == user("operator.be")
    assert latest.title_nl == "Boerenbetoging"


def test_secretariat_edits_any_event(event_data, user):
    event = event_create(actor=user("operator.be"), **event_data())
    event_update(event=event, actor=user("secretariat"), risk_level="critical")
    event.refresh_from_db()
    assert event.risk_level == "critical"


@pytest.mark.parametrize("username", ["operator.nl", "chief.lu", "liaison.be"])
def test_other_organisations_cannot_edit_or_delete(event_data, user, username):
    event = event_create(actor=user("operator.be"), **event_data())
    with pytest.raises(PermissionDenied):
        event_update(event=event, actor=user(username), risk_level="low")
    with pytest.raises(PermissionDenied):
        event_delete(event=event, actor=user(username))
    event.refresh_from_db()
    assert event.risk_level == "high"


def test_failed_update_changes_nothing(event_data, user):
    event = event_create(actor=user("operator.be"), **event_data())
    with pytest.raises(ApplicationError):
        event_update(event=event, actor=user("operator.be"), place="Schuman", expected_attendance=-5)
    event.refresh_from_db()
    assert event.place == "Rue de la Loi, Brussels"
    assert event.history.count() == 1


def test_organiser_deletes_and_the_history_keeps_the_event(event_data, user):
    event = event_create(actor=user("operator.be"), **event_data())
    pk = event.pk
    event_delete(event=event, actor=user("operator.be"))
    assert not Event.objects.filter(pk=pk).exists()
    assert Event.history.filter(id=pk, history_type="-").get().history_user == user("operator.be")


def test_database_refuses_an_event_ending_before_it_starts(demo):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        EventFactory(
            starts_at=datetime(2026, 12, 3, 9, tzinfo=BRUSSELS), ends_at=datetime(2026, 12, 3, 8, tzinfo=BRUSSELS)
        )


def test_database_refuses_negative_attendance(demo):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        EventFactory(expected_attendance=-1)


def test_countries_register_participants_for_a_joint_training(event_data, user):
    training = event_create(actor=user("operator.nl"), **event_data(kind="training", assistance_expected=False))
    registration = training_registration_save(
        actor=user("operator.be"), event=training, participants=6, contact_name="Inspecteur Claes"
    )
    assert registration.country.code == "BE"
    again = training_registration_save(
        actor=user("chief.be"), event=training, participants=8, contact_name="Inspecteur Claes"
    )
    assert again.pk == registration.pk
    assert TrainingRegistration.objects.get().participants == 8
    assert registration.history.count() == 2
    training_registration_save(actor=user("operator.lu"), event=training, participants=2, contact_name="Adjudant Weber")
    assert TrainingRegistration.objects.count() == 2
    training_registration_cancel(actor=user("operator.lu"), event=training)
    assert list(TrainingRegistration.objects.values_list("country__code", flat=True)) == ["BE"]


def test_registration_needs_a_training_and_at_least_one_participant(event_data, user):
    demonstration = event_create(actor=user("operator.nl"), **event_data())
    with pytest.raises(PermissionDenied):
        training_registration_save(actor=user("operator.be"), event=demonstration, participants=1, contact_name="A")
    training = event_create(actor=user("operator.nl"), **event_data(kind="training"))
    with pytest.raises(ApplicationError) as error:
        training_registration_save(actor=user("operator.be"), event=training, participants=0, contact_name="")
    assert set(error.value.errors) == {"participants", "contact_name"}
    assert not TrainingRegistration.objects.exists()


def test_feed_token_is_made_once_revoked_and_regenerated(demo, user):
    owner = user("chief.nl")
    first = feed_token_get_or_create(user=owner)
    assert feed_token_get_or_create(user=owner) == first
    second = feed_token_regenerate(user=owner)
    assert second.key != first.key
    first.refresh_from_db()
    assert first.revoked_at is not None
    feed_token_revoke(user=owner)
    assert not CalendarFeedToken.objects.filter(user=owner, revoked_at__isnull=True).exists()
    assert all(not hasattr(record, "key") for record in CalendarFeedToken.history.all())
