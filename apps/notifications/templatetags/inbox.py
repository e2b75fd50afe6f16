"""The rows of the inbox, rendered in Python.

A page shows 25 notifications, each with its tags, date, text and a form: as template nodes that was
most of the page's time. Here each row is a few ``format_html`` calls, and what is the same for every
row (translated labels, CSRF field, the page's address) is computed once per page. The markup, the
escaping and the translations are those of the template it replaces: tests compare the two.
"""

from functools import lru_cache
from html import escape

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils import dateformat, translation
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from benelux_portal.rendered_once import filter_fields_html

from ..choices import Urgency

register = template.Library()

# Reversed once per page; each row's address is this one with the row's id in place of the sentinel.
SENTINEL = 987654321

ROW = """
  <li class="inbox__item{unread_class} inbox__item--{urgency}">
    <div class="inbox__meta">
      {unread_tag}
      {urgency_tag}
      {escalated_tag}
      <time datetime="{iso}">{shown}</time>
    </div>
    <p class="inbox__text">{text}</p>
    <form class="inbox__actions" action="{action}" method="post">
      {csrf}
      <input type="hidden" name="next" value="{next}">
      {open_button}
      {read_button}
    </form>
  </li>"""


@lru_cache(maxsize=4096)
def _formatted(language: str, date_format: str, value, zone) -> str:
    """``value`` (an aware local datetime) in ``date_format``, as the ``date`` filter writes it in ``language``.

    Kept: a notification reaches hundreds of inboxes with the same date, and pages are read again and again.
    ``zone`` is ``value``'s time zone, part of the key because equal instants compare equal in any zone.
    """
    return dateformat.format(value, date_format)


@register.simple_tag(takes_context=True)
def inbox_items(context, entries) -> str:
    """The ``<li>`` of each inbox entry (with its notification) of ``entries``.

    Every value that comes from data goes through ``escape`` (the standard library's, which Django's
    ``escape`` calls); the fixed fragments are built with ``format_html`` once per page.
    """
    csrf = CsrfTokenNode().render(context)
    action = escape(reverse("notifications:mark_read", args=[SENTINEL]))
    language = translation.get_language()
    datetime_format = get_format("DATETIME_FORMAT")  # what {{ value|date:"DATETIME_FORMAT" }} uses
    next_path = escape(context["request"].get_full_path())
    # A {% translate "..." %} of a literal is trusted (not escaped): the same here.
    unread_tag = format_html('<span class="tag tag--unread">{}</span>', mark_safe(gettext("Unread")))  # noqa: S308
    escalated_tag = format_html(
        '<span class="tag tag--escalated">{}</span>',
        mark_safe(gettext("Escalated: nobody acknowledged in time")),  # noqa: S308
    )
    urgency_tags = {
        value: format_html('<span class="tag tag--{}">{}</span>', value, label)
        for value, label in Urgency.choices
        if value != Urgency.ROUTINE
    }
    open_button = format_html(
        '<button type="submit" name="open" value="1" class="button button--small button--primary">{}</button>',
        mark_safe(gettext("Open")),  # noqa: S308
    )
    read_button = format_html(
        '<button type="submit" class="link-button">{}</button>',
        mark_safe(gettext("Mark read")),  # noqa: S308
    )
    rows = []
    for entry in entries:
        notification = entry.notification
        created = template_localtime(entry.created_at)
        unread = not entry.is_read
        rows.append(
            ROW.format(
                unread_class=" inbox__item--unread" if unread else "",
                urgency=escape(notification.urgency),
                unread_tag=unread_tag if unread else "",
                urgency_tag=urgency_tags.get(notification.urgency, ""),
                escalated_tag=escalated_tag if notification.escalation_of_id else "",
                iso=escape(created.isoformat()),  # the "c" format
                shown=escape(_formatted(language, datetime_format, created, created.tzinfo)),
                text=escape(notification.render()),
                action=action.replace(str(SENTINEL), str(entry.pk)),
                csrf=csrf,
                next=next_path,
                open_button=open_button if notification.url else "",
                read_button=read_button if unread else "",
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 -- fixed markup, escaped values


@register.simple_tag
def inbox_filter_fields(form) -> str:
    """The fields of the inbox's filter form (``notifications/_filter_fields.html``), rendered once per variant."""
    return filter_fields_html(form, "notifications/_filter_fields.html")
