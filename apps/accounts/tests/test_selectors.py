import pytest
from django.contrib.auth.models import Group

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.selectors import user_load_roles_and_organisation

pytestmark = pytest.mark.django_db


def test_roles_and_organisation_load_in_one_query(demo, django_assert_num_queries):
    user = User.objects.get(username="chief.be")
    with django_assert_num_queries(1):
        user_load_roles_and_organisation(user=user)
    with django_assert_num_queries(0):
        assert user.roles == {Role.POLICE_CHIEF}
        assert user.has_role(Role.POLICE_CHIEF) and not user.has_role(Role.OPERATOR)
        assert user.role_list == [Role.POLICE_CHIEF]
        assert user.organisation.short_name == "FEDPOL"
        assert user.organisation.country.code == "BE"
        user_load_roles_and_organisation(user=user)  # loaded already: nothing more


def test_a_role_given_after_loading_counts_at_once(demo):
    user = User.objects.get(username="chief.be")
    user_load_roles_and_organisation(user=user)
    user.groups.add(Group.objects.get(name=Role.OPERATOR))
    assert user.roles == {Role.POLICE_CHIEF, Role.OPERATOR}


def test_user_without_organisation_or_roles_costs_one_query(db, django_assert_num_queries):
    user = User.objects.create_user(username="nobody", password="a-long-password-2026")
    with django_assert_num_queries(1):
        user_load_roles_and_organisation(user=user)
    with django_assert_num_queries(0):
        assert user.roles == set()
        assert user.organisation is None


def test_organisation_is_loaded_when_the_roles_already_are(demo, django_assert_num_queries):
    user = User.objects.get(username="operator.nl")
    assert user.roles == {Role.OPERATOR}
    with django_assert_num_queries(1):
        user_load_roles_and_organisation(user=user)
    with django_assert_num_queries(0):
        assert user.organisation.country.code == "NL"


def test_roles_follow_groups_added_or_removed_on_the_same_user(demo, django_assert_num_queries):
    user = User.objects.get(username="operator.be")
    assert user.roles == {Role.OPERATOR}
    with django_assert_num_queries(0):
        assert user.roles == {Role.OPERATOR}  # worked out once
    secretariat = Group.objects.get(name=Role.SECRETARIAT)
    user.groups.add(secretariat)
    assert user.roles == {Role.OPERATOR, Role.SECRETARIAT}
    user.groups.remove(secretariat)
    assert user.roles == {Role.OPERATOR}
