"""Accounts in the permission grid (see apps/core/grid.py): every logged-in person has a profile, a password, two-factor
set-up and the directory of countries and organisations; the log-in, the language switch and the API's token are
public. A person lists and revokes only their own API tokens: another's does not exist for them (404)."""

from apps.core.grid import HIDDEN, OK, Check, Route, Sample, everyone

PASSWORD = "demo-password-2026"  # the grid's people have the demo password


def _police_service(world, country):
    from .choices import OrganisationKind
    from .models import Organisation

    return Organisation.objects.get(country__code=country, kind=OrganisationKind.POLICE_SERVICE, is_active=True)


def _api_token(world, who):
    from .services import api_token_issue

    instance, _token = api_token_issue(user=who.user)
    return instance


ORGANISATION = Sample("police service", _police_service)
# Each person's own token (besides the one the grid asks the API with), and another person's.
TOKEN = Sample("API token", _api_token, per_person=True)


def _owner(who, made) -> str:
    return OK if made.owner == who else HIDDEN


def _token_key(token) -> dict:
    return {"token_key": token.token_key}


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
    Route("accounts:api_token_revoke", [Check("POST", _owner, ok=302)], TOKEN, kwargs=_token_key),
    Route("accounts:api_tokens_revoke_all", [Check("POST", everyone, ok=302)]),
    Route(
        "accounts:set_language", [Check("POST", everyone, lambda who, made: {"language": "en"}, ok=302)], public=True
    ),
    # Without a pending key in the session, a posted code is answered with the set-up page again (200).
    Route("accounts:two_factor_setup", [Check("GET", everyone), Check("POST", everyone, lambda w, m: {})]),
    # A person without an authenticator app is sent to set one up.
    Route("accounts:two_factor_verify", [Check("GET", everyone, ok=302)]),
    Route("accounts-api:token", [Check("POST", everyone, _credentials, json=True)], public=True),
    Route("accounts-api:me", [Check("GET", everyone)]),
    Route("accounts-api:token-list", [Check("GET", everyone)]),
    Route("accounts-api:token-detail", [Check("DELETE", _owner, ok=204)], TOKEN, kwargs=_token_key),
    Route("accounts-api:country-list", [Check("GET", everyone)]),
    Route("accounts-api:organisation-list", [Check("GET", everyone)]),
    Route("accounts-api:organisation-detail", [Check("GET", everyone)], ORGANISATION),
]
