from django import template

from ..choices import Role

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    """The translated name of a role, from its group name."""
    try:
        return Role(value).label
    except ValueError:
        return value
