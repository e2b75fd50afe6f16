"""The event page's extension point: other apps add a section to an event's page without events importing them.

An app registers a panel in its ``AppConfig.ready()``::

    register_event_panel(requests_for_event, versions=[ASSISTANCE])

A panel is called with the event (already found visible to the user) and the request, and answers HTML (made by a
template, which escapes) or "" to show nothing. The event page's body is cached (``apps/core/caching.py``) under the
calendar's version and each panel's ``versions``: the data a panel shows must move one of them on when it changes.
A panel holds no form (the cached body's CSRF tokens are the page's own).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from apps.core.caching import Version


@dataclass(frozen=True)
class EventPanel:
    render: Callable[..., str]
    versions: tuple[Version, ...]


_panels: list[EventPanel] = []


def register_event_panel(render: Callable[..., str], *, versions: Sequence[Version] = ()) -> Callable[..., str]:
    if not any(panel.render is render for panel in _panels):
        _panels.append(EventPanel(render, tuple(versions)))
    return render


def panel_versions() -> list[Version]:
    """The versions of what the registered panels show."""
    return [version for panel in _panels for version in panel.versions]


def render_event_panels(*, event, request) -> list[SafeString]:
    return [mark_safe(panel.render(event=event, request=request)) for panel in _panels]  # noqa: S308 - templates escape
