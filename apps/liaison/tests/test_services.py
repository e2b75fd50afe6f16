from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from apps.core.errors import ApplicationError
from apps.liaison import services
from apps.liaison.models import Absence, Accreditation, Desk, LiaisonOfficer, Posting

from .factories import AbsenceFactory, DeskFactory, OfficerFactory, PostingFactory, user

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 5, 4, 10)


def _posting(people, desk_, **fields):
    values = {"desk": desk_, "starts_on": date(2025, 9, 1), "focus_areas": ["drugs"], **fields}
    return services.posting_create(actor=user("liaison.be"), officer=people["koen"], **values)


# Officers --------------------------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_liaison_officer_updates_own_record_and_so_confirms_it(people):
    koen = services.officer_update(
        actor=user("liaison.be"), officer=people["koen"], languages=["nl", "es"], mobile="+57 310 555 0101"
    )
    koen.refresh_from_db()
    assert koen.languages == ["nl", "es"] and koen.mobile == "+57 310 555 0101"
    assert koen.confirmed_at.date() == TODAY.date() and koen.confirmed_by == user("liaison.be")
    record = koen.history.get(history_type="~")
    assert record.history_user == user("liaison.be") and record.mobile == "+57 310 555 0101"


def test_liaison_officer_cannot_edit_another_officers_record(people):
    with pytest.raises(PermissionDenied):
        services.officer_update(actor=user("liaison.be"), officer=people["sanne"], phone="0")
    assert LiaisonOfficer.objects.get(pk=people["sanne"].pk).phone != "0"


def test_liaison_officer_cannot_change_own_sending_country_or_account(people):
    with pytest.raises(PermissionDenied):
        services.officer_update(actor=user("liaison.be"), officer=people["koen"], sending_country="NL")


def test_coordinator_edits_own_countrys_officers_only(people):
    services.officer_update(actor=user("coordinator.be"), officer=people["koen"], rank="Chief inspector")
    assert LiaisonOfficer.objects.get(pk=people["koen"].pk).rank == "Chief inspector"
    with pytest.raises(PermissionDenied):
        services.officer_update(actor=user("coordinator.be"), officer=people["sanne"], rank="Inspector")


def test_coordinators_edit_does_not_confirm_an_officers_record(people):
    services.officer_update(actor=user("coordinator.be"), officer=people["koen"], rank="Chief inspector")
    assert LiaisonOfficer.objects.get(pk=people["koen"].pk).confirmed_at is None


def test_coordinator_adds_an_officer_of_own_country_not_of_the_other(people):
    officer = services.officer_create(
        actor=user("coordinator.nl"), first_name="Femke", last_name="de Wit", sending_country="NL", languages=["pt"]
    )
    assert officer.history.get().history_user == user("coordinator.nl")
    with pytest.raises(PermissionDenied):
        services.officer_create(actor=user("coordinator.nl"), first_name="Luc", last_name="Maes", sending_country="BE")
    with pytest.raises(PermissionDenied):
        services.officer_create(actor=user("liaison.nl"), first_name="Luc", last_name="Maes", sending_country="NL")


def test_officer_record_refuses_an_unknown_language_and_a_bad_email(people):
    with pytest.raises(ApplicationError) as error:
        services.officer_update(actor=user("liaison.be"), officer=people["koen"], languages=["xx"], email="not-mail")
    assert set(error.value.errors) == {"languages", "email"}
    assert LiaisonOfficer.objects.get(pk=people["koen"].pk).email == people["koen"].email


def test_an_account_belongs_to_one_officer_only(people):
    with pytest.raises(ApplicationError) as error:
        services.officer_update(actor=user("coordinator.nl"), officer=people["sanne"], user=user("liaison.be"))
    assert "Koen Peeters" in error.value.errors["user"][0]


@time_machine.travel(TODAY)
def test_officer_confirms_own_record_and_coordinator_confirms_for_officers_without_account(people):
    services.officer_confirm(actor=user("liaison.nl"), officer=people["sanne"])
    assert LiaisonOfficer.objects.get(pk=people["sanne"].pk).confirmed_at.date() == TODAY.date()
    without_account = OfficerFactory(sending_country="NL")
    services.officer_confirm(actor=user("coordinator.nl"), officer=without_account)
    with pytest.raises(PermissionDenied):
        services.officer_confirm(actor=user("coordinator.nl"), officer=people["sanne"])
    with pytest.raises(PermissionDenied):
        services.officer_confirm(actor=user("liaison.be"), officer=people["sanne"])


# Postings and accreditations ---------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_liaison_officer_records_a_posting_with_accreditations(people, bogota):
    posting = _posting(people, bogota, accredited_countries=["PA", "ve", "CR"], function="Police liaison officer")
    assert posting.officer == people["koen"]
    assert sorted(posting.accreditations.values_list("country", flat=True)) == ["CR", "PA", "VE"]
    assert set(posting.accreditations.values_list("starts_on", flat=True)) == {date(2026, 5, 4)}
    assert posting.history.get().history_user == user("liaison.be")
    assert all(row.history.get().history_user == user("liaison.be") for row in posting.accreditations.all())


def test_a_new_postings_accreditations_start_with_it(people, bogota):
    posting = _posting(people, bogota, starts_on=date(2030, 1, 1), accredited_countries=["PA"])
    assert posting.accreditations.get().starts_on == date(2030, 1, 1)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"starts_on": date(2025, 9, 1), "ends_on": date(2025, 8, 31)}, "ends_on", "cannot end before it starts"),
        ({"accredited_countries": ["PA", "CO"]}, "accredited_countries", "Colombia is the host country"),
        ({"accredited_countries": ["PA", "XX"]}, "accredited_countries", "Unknown country code: XX"),
        ({"accredited_countries": ["Panama"]}, "accredited_countries", "Unknown country code: PANAMA"),
        ({"focus_areas": ["gardening"]}, "focus_areas", "Unknown focus area"),
        ({"starts_on": date(1066, 10, 14)}, "starts_on", "Give a date between"),
        ({"starts_on": None}, "starts_on", "Give a date"),
        ({"desk": None}, "desk", "Choose the desk"),
    ],
)
def test_bad_posting_is_refused_with_a_clear_message_and_nothing_is_saved(people, bogota, fields, field, message):
    with pytest.raises(ApplicationError) as error:
        _posting(people, bogota, **fields)
    assert message in " ".join(error.value.errors[field])
    assert not Posting.objects.exists() and not Accreditation.objects.exists()


def test_overlapping_postings_of_one_officer_are_refused(people, bogota, brasilia):
    _posting(people, bogota, starts_on=date(2022, 9, 1), ends_on=date(2026, 8, 31))
    with pytest.raises(ApplicationError) as error:
        _posting(people, brasilia, starts_on=date(2026, 8, 1))
    assert "overlaps the posting at Embassy of Belgium in Bogotá" in error.value.errors["starts_on"][0]
    assert Posting.objects.count() == 1
    # The next posting may start the day after.
    _posting(people, brasilia, starts_on=date(2026, 9, 1))
    assert Posting.objects.count() == 2


def test_an_open_ended_posting_overlaps_every_later_one(people, bogota, brasilia):
    _posting(people, bogota, starts_on=date(2022, 9, 1))
    with pytest.raises(ApplicationError):
        _posting(people, brasilia, starts_on=date(2031, 1, 1))


def test_other_officers_postings_do_not_overlap_mine(people, bogota):
    PostingFactory(desk=bogota, starts_on=date(2024, 1, 1))
    _posting(people, bogota, starts_on=date(2024, 6, 1))
    assert Posting.objects.count() == 2


def test_a_desk_at_europol_may_accredit_its_host_country(people, europol):
    posting = _posting(people, europol, accredited_countries=["NL"])
    assert posting.accreditations.get().country == "NL"


def test_removing_an_accreditation_from_a_running_posting_keeps_its_history(people, bogota):
    with time_machine.travel(datetime(2025, 10, 1, 9)):
        posting = _posting(people, bogota, starts_on=date(2025, 9, 1), accredited_countries=["PA", "VE"])
    with time_machine.travel(TODAY):
        services.posting_update(actor=user("liaison.be"), posting=posting, accredited_countries=["PA", "EC"])
    rows = {row.country.code: (row.starts_on, row.ends_on) for row in Accreditation.objects.all()}
    assert rows == {
        "PA": (date(2025, 10, 1), None),
        "VE": (date(2025, 10, 1), date(2026, 5, 3)),
        "EC": (date(2026, 5, 4), None),
    }


def test_a_postings_accreditations_that_began_with_it_move_with_its_start(people, bogota):
    posting = _posting(people, bogota, starts_on=date(2030, 9, 1), accredited_countries=["PA"])
    services.posting_update(actor=user("liaison.be"), posting=posting, starts_on=date(2030, 8, 15))
    assert posting.accreditations.get().starts_on == date(2030, 8, 15)


def test_posting_update_is_refused_whole(people, bogota):
    posting = _posting(people, bogota, accredited_countries=["PA"], function="LO")
    with pytest.raises(ApplicationError):
        services.posting_update(
            actor=user("liaison.be"), posting=posting, function="Deputy", accredited_countries=["CO"]
        )
    posting.refresh_from_db()
    assert posting.function == "LO"
    assert list(posting.accreditations.values_list("country", flat=True)) == ["PA"]


def test_liaison_officer_cannot_post_another_officer(people, bogota):
    with pytest.raises(PermissionDenied):
        services.posting_create(
            actor=user("liaison.be"), officer=people["sanne"], desk=bogota, starts_on=date(2026, 1, 1)
        )


def test_coordinator_posts_own_countrys_officer(people, bogota):
    posting = services.posting_create(
        actor=user("coordinator.nl"), officer=people["sanne"], desk=bogota, starts_on=date(2026, 1, 1)
    )
    assert posting.history.get().history_user == user("coordinator.nl")


def test_posting_deleted_with_its_accreditations_in_the_history(people, bogota):
    posting = _posting(people, bogota, accredited_countries=["PA"])
    services.posting_delete(actor=user("liaison.be"), posting=posting)
    assert not Posting.objects.exists() and not Accreditation.objects.exists()
    assert Posting.history.filter(history_type="-").get().history_user == user("liaison.be")


# Absences -------------------------------------------------------------------------------------------------------


def _absence(people, **fields):
    values = {"starts_on": date(2026, 7, 1), "ends_on": date(2026, 7, 21), **fields}
    return services.absence_create(actor=user("liaison.be"), officer=people["koen"], **values)


def test_liaison_officer_records_an_absence_with_a_backup(people):
    absence = _absence(people, backup=people["sanne"], note="Annual leave")
    assert absence.backup == people["sanne"]
    assert absence.history.get().history_user == user("liaison.be")


def test_a_backup_absent_at_the_same_time_is_refused(people):
    AbsenceFactory(officer=people["sanne"], starts_on=date(2026, 7, 15), ends_on=date(2026, 8, 5))
    with pytest.raises(ApplicationError) as error:
        _absence(people, backup=people["sanne"])
    assert "Sanne Bakker is absent at the same time" in error.value.errors["backup"][0]
    assert not Absence.objects.filter(officer=people["koen"]).exists()


def test_an_officer_who_is_someones_backup_cannot_be_away_then(people):
    AbsenceFactory(
        officer=people["sanne"], starts_on=date(2026, 7, 15), ends_on=date(2026, 8, 5), backup=people["koen"]
    )
    with pytest.raises(ApplicationError) as error:
        _absence(people)
    assert "Koen Peeters is the backup of Sanne Bakker" in error.value.errors["starts_on"][0]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"starts_on": date(2026, 7, 21), "ends_on": date(2026, 7, 1)}, "ends_on", "cannot end before it starts"),
        ({"ends_on": None}, "ends_on", "Give a date"),
        ({"note": "line\nbreak"}, "note", "control"),
    ],
)
def test_bad_absence_is_refused_and_nothing_is_saved(people, fields, field, message):
    with pytest.raises(ApplicationError) as error:
        _absence(people, **fields)
    assert message in " ".join(error.value.errors[field])
    assert not Absence.objects.exists()


def test_an_officer_cannot_be_their_own_backup(people):
    with pytest.raises(ApplicationError) as error:
        _absence(people, backup=people["koen"])
    assert "own backup" in error.value.errors["backup"][0]


def test_overlapping_absences_of_one_officer_are_refused(people):
    _absence(people)
    with pytest.raises(ApplicationError) as error:
        _absence(people, starts_on=date(2026, 7, 21), ends_on=date(2026, 7, 30))
    assert "overlaps another one" in error.value.errors["starts_on"][0]
    assert Absence.objects.count() == 1


def test_absence_update_and_delete(people):
    absence = _absence(people)
    services.absence_update(actor=user("liaison.be"), absence=absence, backup=people["sanne"])
    assert Absence.objects.get().backup == people["sanne"]
    with pytest.raises(PermissionDenied):
        services.absence_delete(actor=user("liaison.nl"), absence=absence)
    services.absence_delete(actor=user("coordinator.be"), absence=absence)
    assert not Absence.objects.exists()


# Desks ----------------------------------------------------------------------------------------------------------


def test_coordinator_adds_desks_of_own_country_and_joint_desks(people):
    desk = services.desk_create(
        actor=user("coordinator.nl"),
        name_en="Joint Benelux desk, Embassy of the Netherlands in Lima",
        kind="embassy",
        run_by="BNL",
        country="pe",
        city="Lima",
        is_pilot=True,
    )
    assert desk.country == "PE" and desk.is_joint
    services.desk_update(actor=user("coordinator.be"), desk=desk, city="Lima (Miraflores)")
    with pytest.raises(PermissionDenied):
        services.desk_create(actor=user("coordinator.nl"), name_en="X", run_by="BE", country="PE", city="Lima")
    with pytest.raises(PermissionDenied):
        services.desk_create(actor=user("liaison.nl"), name_en="X", run_by="NL", country="PE", city="Lima")


def test_desk_with_unknown_country_or_no_name_is_refused(people):
    with pytest.raises(ApplicationError) as error:
        services.desk_create(actor=user("coordinator.be"), run_by="BE", country="QQ", city="Nowhere")
    assert set(error.value.errors) == {"country", "name"}
    assert not Desk.objects.exists()


def test_coordinator_cannot_change_the_other_countrys_desk(people):
    desk = DeskFactory(run_by="NL")
    with pytest.raises(PermissionDenied):
        services.desk_update(actor=user("coordinator.be"), desk=desk, city="Cali")


# Reminders ------------------------------------------------------------------------------------------------------


def test_stale_records_are_reminded_once_then_again_after_two_weeks(people, django_capture_on_commit_callbacks):
    from apps.notifications.models import Notification

    with time_machine.travel(datetime(2025, 1, 10, 9)):
        services.officer_confirm(actor=user("liaison.be"), officer=people["koen"])
        services.officer_confirm(actor=user("liaison.nl"), officer=people["sanne"])
    OfficerFactory(sending_country="BE")  # no account: nobody to remind, the coordinators see it
    with time_machine.travel(datetime(2025, 7, 8, 9)):  # 179 days: still current
        assert services.stale_records_remind() == 0
    with time_machine.travel(datetime(2025, 7, 9, 9)):
        services.officer_confirm(actor=user("liaison.nl"), officer=people["sanne"])
        assert services.stale_records_remind() == 1
        assert services.stale_records_remind() == 0
    notification = Notification.objects.get(kind="liaison.record_stale")
    assert notification.recipients == [{"type": "users", "ids": [user("liaison.be").pk]}]
    assert notification.render("en") == "Your liaison officer record was last confirmed 180 days ago: please check it"
    assert notification.render("nl") != notification.render("en")
    with time_machine.travel(datetime(2025, 7, 23, 10)):  # two weeks later
        assert services.stale_records_remind() == 1
    with time_machine.travel(datetime(2025, 7, 25, 9)):
        services.officer_confirm(actor=user("liaison.be"), officer=people["koen"])
    with time_machine.travel(datetime(2025, 8, 30, 9)):
        assert services.stale_records_remind() == 0
