import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory

from apps.accounts import demo as accounts_demo
from apps.accounts.choices import Role
from apps.accounts.models import Organisation, User
from apps.accounts.services import (
    roles_sync,
    token_obtain,
    two_factor_enrol,
    user_set_language,
)
from apps.core.errors import ApplicationError

from .factories import UserFactory
from .totp import code_for_key, totp_code

KEY = "3132333435363738393031323334353637383930"  # hex, as the set-up page keeps it in the session
KEY_AS_SHOWN = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # the same key as an authenticator app takes it

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_with_permissions():
    roles_sync()
    groups = {group.name: group for group in Group.objects.prefetch_related("permissions")}
    assert set(Role.values) <= set(groups)
    admin_permissions = {perm.codename for perm in groups[Role.ADMINISTRATOR].permissions.all()}
    assert {"add_user", "change_organisation", "view_country"} <= admin_permissions
    assert "change_organisation" not in {perm.codename for perm in groups[Role.OPERATOR].permissions.all()}


def test_user_chooses_a_language_and_it_is_remembered():
    user = UserFactory(preferred_language="nl")
    user_set_language(actor=user, user=user, language="de")
    user.refresh_from_db()
    assert user.preferred_language == "de"


def test_user_cannot_choose_a_language_the_portal_does_not_speak():
    user = UserFactory(preferred_language="nl")
    with pytest.raises(ApplicationError):
        user_set_language(actor=user, user=user, language="xx")
    user.refresh_from_db()
    assert user.preferred_language == "nl"


def test_loading_demo_data_twice_neither_fails_nor_duplicates(settings):
    settings.DEMO_PASSWORD = "demo-password-2026"
    accounts_demo.load()
    counts = (User.objects.count(), Organisation.objects.count(), User.history.count(), Organisation.history.count())
    accounts_demo.load()
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        User.history.count(),
        Organisation.history.count(),
    ) == counts
    assert User.objects.get(username="operator.nl").check_password("demo-password-2026")


def test_changing_an_organisation_is_recorded_in_the_audit_history(demo):
    organisation = Organisation.objects.get(short_name="LOCC")
    organisation.email = "locc@example.test"
    organisation.save()
    latest = organisation.history.first()
    assert latest.history_type == "~"
    assert latest.email == "locc@example.test"
    assert latest.prev_record.email == ""


def test_token_needs_the_right_password():
    user = UserFactory()
    request = RequestFactory().post("/api/v1/auth/token/")
    with pytest.raises(ApplicationError):
        token_obtain(request=request, username=user.username, password="wrong-password")
    instance, token = token_obtain(request=request, username=user.username, password="correct-horse-battery")
    assert instance.user == user
    # Each call issues another token (a system per token; each revoked on its own).
    again, other = token_obtain(request=request, username=user.username, password="correct-horse-battery")
    assert other != token and again.token_key != instance.token_key


def test_user_with_two_factor_needs_a_code_for_a_token():
    user = UserFactory()
    request = RequestFactory().post("/api/v1/auth/token/")
    device = two_factor_enrol(actor=user, key=KEY, token=code_for_key(KEY_AS_SHOWN), request=request)
    with pytest.raises(ApplicationError) as refused:
        token_obtain(request=request, username=user.username, password="correct-horse-battery")
    assert "otp_token" in refused.value.errors
    instance, _token = token_obtain(
        request=request,
        username=user.username,
        password="correct-horse-battery",
        otp_token=totp_code(device, steps_ahead=1),
    )
    assert instance.user == user


def test_a_wrong_code_does_not_turn_two_factor_on():
    user = UserFactory()
    wrong = f"{(int(code_for_key(KEY_AS_SHOWN)) + 1) % 1000000:06d}"
    request = RequestFactory().post("/accounts/two-factor/setup/")
    with pytest.raises(ApplicationError) as refused:
        two_factor_enrol(actor=user, key=KEY, token=wrong, request=request)
    assert "otp_token" in refused.value.errors
    assert not user.totpdevice_set.exists()
