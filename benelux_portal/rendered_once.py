"""HTML that depends on nothing but a few values, rendered once per process for each set of them.

A list's filter fields and a page's blank form are the same for every user who asks with the same values in the
same language, and rendering a few widgets through Django's form templates costs more than the rest of such a
page. Kept in the process (forgotten at a deployment) and bounded, since the values may come from the query
string. A form in it carries ``CSRF_MARKER`` where each request puts its own token (``with_csrf_token``).
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from benelux_portal import csrf

_RENDERED: dict[tuple, str] = {}
KEPT = 512
CSRF_MARKER = "csrf-token-of-the-request"


def rendered_once(template: str, values: tuple, context: dict | Callable[[], dict]) -> SafeString:
    """``template`` rendered with ``context``, or what it gave for the same language and ``values``: the caller
    names in ``values`` everything of ``context`` that the HTML depends on. ``context`` may be a function giving it,
    called only when the HTML is rendered (building a form costs as much as using the kept HTML)."""
    key = (template, translation.get_language(), values)
    html = _RENDERED.get(key)
    if html is None:
        html = render_to_string(template, {"csrf_token": CSRF_MARKER, **(context() if callable(context) else context)})
        if len(_RENDERED) >= KEPT:
            _RENDERED.clear()
        _RENDERED[key] = html
    return mark_safe(html)  # noqa: S308 -- rendered by the template engine, escaped there


def with_csrf_token(html: str, request) -> SafeString:
    """``html`` with this request's CSRF token where ``CSRF_MARKER`` stands."""
    return mark_safe(html.replace(CSRF_MARKER, csrf.token(request)))  # noqa: S308 -- our templates, escaped there


def filter_fields_html(form, template: str) -> SafeString:
    """``template`` rendered with ``{"form": form}``, or what it gave for the same language and values."""
    data = form.data
    values = data.getlist if hasattr(data, "getlist") else lambda name: [data.get(name)]
    return rendered_once(template, tuple((name, tuple(values(name))) for name in form.fields), {"form": form})
