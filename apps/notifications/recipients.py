"""PLACEHOLDER for the notifications app's recipients contract, so that assistance runs in its branch.

The real implementation (on its own branch) replaces this file at merge; these return plain
descriptions that the placeholder ``notify`` ignores.
"""


def users(*users):
    return ("users", tuple(user.pk for user in users))


def organisation(org, roles=None):
    return ("organisation", org.pk, tuple(roles or ()))


def country(code, roles=None):
    return ("country", code, tuple(roles or ()))


def role(role):
    return ("role", role)
