"""Who reads and who writes the brochure.

Every logged-in police user (anyone with a role of the portal) reads the published editions; a user without a
role finds no brochure at all (404). The secretariat edits the draft edition and publishes it; nobody else sees
the draft, in pages, PDF, search or API.
"""

from apps.accounts.choices import Role


def can_read(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(user.roles)


def can_edit(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_role(Role.SECRETARIAT)
