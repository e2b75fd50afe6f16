"""The lock-out after repeated failed log-ins (django-axes) counts per user name and client address together, so an
attacker cannot lock a whole control room out, nor a user out of the place they work from; an administrator lifts a
lock-out, and that is recorded."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.choices import SecurityEventKind
from apps.accounts.models import SecurityEvent, User

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
ATTACKER = "203.0.113.66"
CONTROL_ROOM = "192.0.2.10"  # every operator of the control room, behind one address


def _log_in(username: str, password: str, address: str, **headers) -> int:
    return (
        Client(REMOTE_ADDR=address, **headers)
        .post(reverse("accounts:login"), {"username": username, "password": password})
        .status_code
    )


def _lock_out(username: str, address: str, settings, **headers) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _log_in(username, "wrong", address, **headers)
    assert _log_in(username, PASSWORD, address, **headers) == 429


def test_failures_for_one_user_do_not_lock_out_another_user_at_the_same_address(demo, settings):
    _lock_out("operator.nl", CONTROL_ROOM, settings)
    assert _log_in("chief.nl", PASSWORD, CONTROL_ROOM) == 302


def test_an_attacker_elsewhere_does_not_lock_the_user_out_of_their_control_room(demo, settings):
    _lock_out("operator.nl", ATTACKER, settings)
    assert _log_in("operator.nl", PASSWORD, CONTROL_ROOM) == 302


def test_behind_the_proxy_a_lock_out_counts_the_address_the_proxy_saw(demo, settings):
    """Behind the production proxy (AXES_PROXY_COUNT=1) every request comes from the proxy's address: the lock-out
    must count the client's, or all users would share one."""
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"
    _lock_out("operator.nl", proxy, settings, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert _log_in("operator.nl", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=CONTROL_ROOM) == 302


def test_an_attacker_cannot_escape_the_lock_out_by_writing_addresses_of_their_own(demo, settings):
    """The proxy appends the address it saw to whatever X-Forwarded-For the client sent: only that last entry counts.
    Without a proxy, the header counts for nothing."""
    settings.PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for number in range(settings.AXES_FAILURE_LIMIT):
        _log_in("operator.nl", "wrong", proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {ATTACKER}")
    assert _log_in("operator.nl", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}") == 429
    settings.PROXY_COUNT = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        _log_in("chief.nl", "wrong", ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert _log_in("chief.nl", PASSWORD, ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99") == 429


@pytest.mark.parametrize("forwarded", ["", "not-an-address", "192.0.2.1, \x00", ",,,"])
def test_a_forwarded_header_that_is_no_address_falls_back_to_the_connection(demo, settings, forwarded):
    settings.PROXY_COUNT = 1
    assert _log_in("operator.nl", "wrong", "10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded) == 200
    assert SecurityEvent.objects.get(kind=SecurityEventKind.LOGIN_FAILED).client_address == "10.0.0.2"


def test_an_administrator_lifts_a_lock_out_and_it_is_recorded(demo, settings, login):
    _lock_out("operator.nl", CONTROL_ROOM, settings)
    user = User.objects.get(username="operator.nl")
    admin = login("admin", language="en")
    answer = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "lift_lockout", "_selected_action": [user.pk]},
        follow=True,
    )
    assert "1 user may log in again from every address." in answer.content.decode()
    assert _log_in("operator.nl", PASSWORD, CONTROL_ROOM) == 302
    event = SecurityEvent.objects.get(kind=SecurityEventKind.LOCKOUT_LIFTED)
    assert (event.user, event.actor.username) == (user, "admin")


def test_lock_outs_are_seen_but_not_deleted_in_axes_admin_by_the_administrator_role(demo, settings, login):
    from django.contrib.auth.models import Group

    from apps.accounts.choices import Role

    _lock_out("operator.nl", CONTROL_ROOM, settings)
    officer = User.objects.get(username="secretariat")
    officer.is_staff = True
    officer.save()
    officer.groups.add(Group.objects.get(name=Role.ADMINISTRATOR))
    client = login("secretariat")
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200
    assert "delete_selected" not in client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
