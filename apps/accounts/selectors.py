"""Reads of the accounts app. Countries and organisations are a directory every user may read."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from knox.models import AuthToken

from .models import Country, Organisation, User
from .session_user import group_columns


def country_list() -> QuerySet[Country]:
    return Country.objects.order_by("-is_member", "code")


def organisation_list_visible_to(*, user: User) -> QuerySet[Organisation]:
    """Every active organisation: the partners' directory is shared by all logged-in users."""
    return Organisation.objects.filter(is_active=True).select_related("country").order_by("country__code", "name")


def api_token_list_of(*, user: User) -> QuerySet[AuthToken]:
    """The user's API tokens that still work, newest first: only their own (nobody sees another's)."""
    working = Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    return AuthToken.objects.filter(working, user=user.pk).order_by("-created", "token_key")


def api_token_of(*, user: User, token_key: str) -> AuthToken | None:
    """The user's working API token of this public prefix, or None (also when it is someone else's)."""
    return api_token_list_of(user=user).filter(token_key=token_key).first()


def user_for_profile(*, user: User) -> User:
    """The user with organisation, country and roles: a session's user has them already (from the cache), a token's
    costs one query."""
    return user_load_roles_and_organisation(user=user)


def user_load_roles_and_organisation(*, user: User) -> User:
    """Load the user's roles (groups) and organisation with its country in one query, for a page that asks both.

    Otherwise ``user.roles`` and ``user.organisation`` cost a query each, when first read: a page whose checks reach
    the organisation only for some roles (e.g. "may add events": operators may, others only as a police service)
    then runs a different number of queries for different roles. The roles are remembered on the user
    (``User.set_roles``), and adding or removing a group of the user forgets them. A user without organisation costs
    the same one query (the groups).
    """
    if user.pk is None:
        return user
    organisation_loaded = user.organisation_id is None or User.organisation.is_cached(user)
    if organisation_loaded:
        user.roles  # noqa: B018 - reads the groups unless the roles are known
        return user
    if user.roles_are_known:
        user.organisation = Organisation.objects.select_related("country").get(pk=user.organisation_id)
        return user
    organisation = (
        Organisation.objects.select_related("country").annotate(**group_columns(user.pk)).get(pk=user.organisation_id)
    )
    user.organisation = organisation
    user.set_roles(organisation.member_group_names)
    return user
