"""``{% tr obj "title" %}`` / ``{% tr values %}``: a translated text in the reader's language, or its original
marked as not yet translated (see ``apps/consultation/i18n.py``)."""

from django import template
from django.conf import settings
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..choices import OPEN_ACTION_STATUSES
from ..i18n import pick, values_of

register = template.Library()
LANGUAGE_NAMES = dict(settings.LANGUAGES)


@register.simple_tag
def tr(source, field=None, multiline=False):
    values = values_of(source, field) if field else (source or {})
    shown = pick(values)
    if not shown.text:
        return "–"
    text = mark_safe(linebreaks(shown.text, autoescape=True)) if multiline else shown.text  # noqa: S308 - escaped
    if not shown.fallback:
        return format_html("{}", text)
    marker = _("not yet translated: original in %(language)s") % {"language": LANGUAGE_NAMES[shown.language]}
    tag = "div" if multiline else "span"
    return format_html(
        '<{} lang="{}">{}</{}> <span class="lang-marker" title="{}">{} · {}</span>',
        tag,
        shown.language,
        text,
        tag,
        marker,
        shown.language.upper(),
        _("not yet translated"),
    )


@register.simple_tag
def tr_text(source, field):
    """The text of a row's translated field in the reader's language or its fallback, without marker or markup: for
    a page's ``<title>``, which shows markup as text."""
    return pick(values_of(source, field)).text


@register.filter
def picked(values):
    """The text alone (no marker), e.g. for a page title."""
    return pick(values).text if isinstance(values, dict) else values


@register.filter
def overdue_on(point, today):
    """Whether an action point (a row) is still open after its due date."""
    return bool(point.due_date and today and point.due_date < today and point.status in OPEN_ACTION_STATUSES)
