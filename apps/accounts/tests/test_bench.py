"""The benchmark data generator, at a tiny scale, so that it keeps working (the load run is not a test)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts import bench
from apps.accounts.choices import Role
from apps.accounts.models import Organisation, User


def _generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_bench_data", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_generator_makes_users_of_every_role_who_can_log_in():
    counts = bench.generate(scale=0.01, seed=7, log=lambda message: None)

    # 20 users, and at least one of each role even where its share rounds to nothing.
    assert counts["accounts.User"] == User.objects.filter(username__startswith="bench-").count() == 23
    assert counts["accounts.Organisation"] == Organisation.objects.count() == 40
    for role in Role.values:
        user = User.objects.get(username=bench.username(role, 1))
        assert user.roles == {role}
    operator = User.objects.get(username=bench.username(Role.OPERATOR, 1))
    assert operator.organisation.kind == "control_room"
    # Chiefs sit in the Strategic Consultation: they lead services of the three member countries.
    chiefs = User.objects.filter(username__startswith="bench-police_chief-")
    assert chiefs and all(chief.organisation.country.is_member for chief in chiefs)
    assert operator.check_password(bench.BENCH_PASSWORD)
    # Production requires two-factor: every bench user has a confirmed authenticator app.
    assert counts["otp_totp.TOTPDevice"] == TOTPDevice.objects.filter(confirmed=True).count() == 23


@pytest.mark.django_db
def test_generator_is_reproducible_from_the_seed():
    bench.generate(scale=0.01, seed=7, log=lambda message: None)
    first = list(User.objects.order_by("username").values_list("username", "last_name", "organisation__short_name"))
    User.objects.filter(username__startswith="bench-").delete()
    bench.generate(scale=0.01, seed=7, log=lambda message: None)
    again = list(User.objects.order_by("username").values_list("username", "last_name", "organisation__short_name"))

    assert first == again


@pytest.mark.django_db
def test_command_runs_every_generator_at_a_tiny_scale_and_refuses_to_run_twice(tmp_path):
    output = _generate(scale=0.001, seed=1, json_path=tmp_path / "dataset.json")

    assert "accounts: generating" in output
    assert "bench data ready" in output
    assert User.objects.filter(username__startswith="bench-").count() == len(Role.values) + 1
    assert '"scale": 0.001' in (tmp_path / "dataset.json").read_text()
    with pytest.raises(CommandError, match="already has bench data"):
        _generate(scale=0.001, seed=1)


@pytest.mark.django_db
def test_command_rejects_a_scale_of_zero():
    with pytest.raises(CommandError, match="greater than 0"):
        _generate(scale=0)
