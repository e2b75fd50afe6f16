"""The inbox rows and filter fields rendered in Python are those of the templates they replace."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.http import QueryDict
from django.template import Context, engines
from django.test import RequestFactory
from django.utils import translation

from apps.notifications.choices import Urgency
from apps.notifications.filtersets import InboxEntryFilterSet
from apps.notifications.models import InboxEntry
from apps.notifications.templatetags import inbox
from benelux_portal import rendered_once

from .factories import InboxEntryFactory, NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

# The rows as notifications/index.html wrote them before they were rendered in Python.
TEMPLATE_ROWS = """{% load i18n %}
  {% for entry in entries %}
  {% with notification=entry.notification %}
  <li class="inbox__item{% if not entry.is_read %} inbox__item--unread{% endif %} inbox__item--{{ notification.urgency }}">
    <div class="inbox__meta">
      {% if not entry.is_read %}<span class="tag tag--unread">{% translate "Unread" %}</span>{% endif %}
      {% if notification.urgency != "routine" %}<span class="tag tag--{{ notification.urgency }}">{{ notification.get_urgency_display }}</span>{% endif %}
      {% if notification.escalation_of_id %}<span class="tag tag--escalated">{% translate "Escalated: nobody acknowledged in time" %}</span>{% endif %}
      <time datetime="{{ entry.created_at|date:'c' }}">{{ entry.created_at|date:"DATETIME_FORMAT" }}</time>
    </div>
    <p class="inbox__text">{{ notification.render }}</p>
    <form class="inbox__actions" action="{% url 'notifications:mark_read' entry.pk %}" method="post">
      {% csrf_token %}
      <input type="hidden" name="next" value="{{ request.get_full_path }}">
      {% if notification.url %}<button type="submit" name="open" value="1" class="button button--small button--primary">{% translate "Open" %}</button>{% endif %}
      {% if not entry.is_read %}<button type="submit" class="link-button">{% translate "Mark read" %}</button>{% endif %}
    </form>
  </li>
  {% endwith %}
  {% endfor %}"""  # noqa: E501

TEMPLATE_FILTER_FIELDS = """
  {% for field in filterset.form %}
    <div class="field field--inline">
      {% if field.field.widget.input_type == "checkbox" %}
        {{ field }} <label for="{{ field.id_for_label }}">{{ field.label }}</label>
      {% else %}
        <label for="{{ field.id_for_label }}">{{ field.label }}</label> {{ field }}
      {% endif %}
      {% for error in field.errors %}<p class="field__errors">{{ error }}</p>{% endfor %}
    </div>
  {% endfor %}"""


def _same(html: str) -> str:
    return re.sub(r"\s+", " ", str(html)).strip()


def _entries(user):
    first = NotificationFactory()
    hostile = {"reference": "<script>alert('x')</script> & \"quoted\"", "country": "BE"}
    created = datetime(2026, 3, 29, 0, 30, 15, 123456, tzinfo=UTC)  # the night summer time starts in Brussels
    entries = []
    for number, (urgency, read, escalated, url, params) in enumerate(
        [
            (Urgency.ROUTINE, False, False, "/assistance/1/", hostile),
            (Urgency.URGENT, True, False, "", {"reference": "BNL-2", "country": "NL"}),
            (Urgency.IMMEDIATE, False, True, "/x/?a=1&b=<2>", {"reference": "BNL-3"}),  # a missing parameter
            (Urgency.ROUTINE, True, True, "/consultation/", {}),
        ]
    ):
        notification = NotificationFactory(
            urgency=urgency,
            url=url,
            params=params,
            escalation_of=first if escalated else None,
            created_at=created + timedelta(hours=number * 13, minutes=number),
        )
        entries.append(
            InboxEntryFactory(user=user, notification=notification, created_at=notification.created_at, is_read=read)
        )
    return list(InboxEntry.objects.filter(pk__in=[e.pk for e in entries]).select_related("notification"))


@pytest.mark.parametrize("language", ["en", "nl", "fr", "de"])
def test_inbox_rows_are_those_of_the_template_they_replace(language):
    entries = _entries(UserFactory())
    request = RequestFactory().get("/notifications/?unread=on&kind=<assistance>")
    context = {"entries": entries, "request": request, "csrf_token": "token-of-this-request"}
    with translation.override(language):
        expected = engines["django"].from_string(TEMPLATE_ROWS).render(context)
        rendered = inbox.inbox_items(Context(context), entries)
        again = inbox.inbox_items(Context(context), entries)  # dates from the kept formatting
    assert _same(rendered) == _same(expected)
    assert again == rendered
    assert "&lt;script&gt;" in rendered and "<script>" not in rendered


@pytest.mark.parametrize("query", ["", "unread=on", "urgency=urgent&kind=assistance", "urgency=soon&kind=x"])
def test_filter_fields_are_those_of_the_template_in_each_language(query, monkeypatch):
    monkeypatch.setattr(rendered_once, "_RENDERED", {})
    for language in ["en", "nl"]:
        with translation.override(language):
            filterset = InboxEntryFilterSet(QueryDict(query), queryset=InboxEntry.objects.none())
            filterset.is_valid()
            expected = engines["django"].from_string(TEMPLATE_FILTER_FIELDS).render({"filterset": filterset})
            assert _same(inbox.inbox_filter_fields(filterset.form)) == _same(expected)
            assert _same(inbox.inbox_filter_fields(filterset.form)) == _same(expected)  # kept
    assert len(rendered_once._RENDERED) == 2  # one per language


def test_filter_fields_kept_are_bounded(monkeypatch):
    monkeypatch.setattr(rendered_once, "_RENDERED", {})
    monkeypatch.setattr(rendered_once, "KEPT", 2)
    for value in ["a", "b", "c", "d", "e"]:
        filterset = InboxEntryFilterSet(QueryDict(f"kind={value}"), queryset=InboxEntry.objects.none())
        inbox.inbox_filter_fields(filterset.form)
    assert len(rendered_once._RENDERED) <= 2


def test_dates_kept_are_told_apart_by_time_zone():
    from zoneinfo import ZoneInfo

    instant, zone = datetime(2026, 11, 23, 11, 0, tzinfo=UTC), ZoneInfo("Europe/Brussels")
    with translation.override("nl"):
        brussels = inbox._formatted("nl", "H:i", instant.astimezone(zone), zone)
        utc = inbox._formatted("nl", "H:i", instant, UTC)
    assert (brussels, utc) == ("12:00", "11:00")
