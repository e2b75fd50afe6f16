"""Accounts in the permission grid (see apps/core/grid.py): every logged-in person has a profile, a password, two-factor
set-up and the directory of countries and organisations; the log-in, the language switch and the API's token are
public."""

from apps.core.grid import Check, Route, Sample, everyone

PASSWORD = "demo-password-2026"  # the grid's people have the demo password


def _police_service(world, country):
    from .choices import OrganisationKind
    from .models import Organisation

    return Organisation.objects.get(country__code=country, kind=OrganisationKind.POLICE_SERVICE, is_active=True)


ORGANISATION = Sample("police service", _police_service)


def _credentials(who, made=None) -> dict:
    # Anyone may ask for a token: an anonymous caller with someone's credentials gets theirs.
    return {"username": "chief.be" if who.is_anonymous else who.username, "password": PASSWORD}


def _new_password(who, made=None) -> dict:
    new = "Grid-check-passphrase-2026"
    return {"old_password": PASSWORD, "new_password1": new, "new_password2": new}


ROUTES = [
    # A logged-in person is sent on from the log-in page.
    Route("accounts:login", [Check("GET", everyone, ok=frozenset({200, 302}))], public=True),
    Route("accounts:logout", [Check("POST", everyone, ok=302)]),
    Route("accounts:password_change", [Check("GET", everyone), Check("POST", everyone, _new_password, ok=302)]),
    Route("accounts:profile", [Check("GET", everyone)]),
    Route(
        "accounts:set_language", [Check("POST", everyone, lambda who, made: {"language": "en"}, ok=302)], public=True
    ),
    # Without a pending key in the session, a posted code is answered with the set-up page again (200).
    Route("accounts:two_factor_setup", [Check("GET", everyone), Check("POST", everyone, lambda w, m: {})]),
    # A person without an authenticator app is sent to set one up.
    Route("accounts:two_factor_verify", [Check("GET", everyone, ok=302)]),
    Route("accounts-api:token", [Check("POST", everyone, _credentials, json=True)], public=True),
    Route("accounts-api:me", [Check("GET", everyone)]),
    Route("accounts-api:country-list", [Check("GET", everyone)]),
    Route("accounts-api:organisation-list", [Check("GET", everyone)]),
    Route("accounts-api:organisation-detail", [Check("GET", everyone)], ORGANISATION),
]
