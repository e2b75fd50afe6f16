"""Who reads and who writes the brochure.

Every logged-in police user (a member of an active organisation of the portal: police services, control rooms,
the secretariat, working groups) reads the published editions; an account of no organisation, or of one that was
closed, finds no brochure at all (404). The secretariat edits the draft edition and publishes it; nobody else
sees the draft, in pages, PDF, search or API.
"""

from apps.accounts.choices import Role


def can_read(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.organisation_id is not None and user.organisation.is_active


def can_edit(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_role(Role.SECRETARIAT)
