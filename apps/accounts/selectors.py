"""Reads of the accounts app. Countries and organisations are a directory every user may read."""

from django.db.models import QuerySet

from .models import Country, Organisation, User


def country_list() -> QuerySet[Country]:
    return Country.objects.order_by("-is_member", "code")


def organisation_list_visible_to(*, user: User) -> QuerySet[Organisation]:
    """Every active organisation: the partners' directory is shared by all logged-in users."""
    return Organisation.objects.filter(is_active=True).select_related("country").order_by("country__code", "name")


def user_for_profile(*, user_id: int) -> User:
    return User.objects.select_related("organisation__country").prefetch_related("groups").get(pk=user_id)
