"""The fields of a list's filter form as HTML, rendered once per template, language and values asked for.

They are the same for every user, and rendering a few widgets through Django's form templates costs more than
the rest of a list page. Kept in the process (forgotten at a deployment) and bounded, since the values come
from the query string.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

_RENDERED: dict[tuple, str] = {}
KEPT = 512


def filter_fields_html(form, template: str) -> SafeString:
    """``template`` rendered with ``{"form": form}``, or what it gave for the same language and values."""
    data = form.data
    values = data.getlist if hasattr(data, "getlist") else lambda name: [data.get(name)]
    key = (template, translation.get_language(), tuple((name, tuple(values(name))) for name in form.fields))
    html = _RENDERED.get(key)
    if html is None:
        html = render_to_string(template, {"form": form})
        if len(_RENDERED) >= KEPT:
            _RENDERED.clear()
        _RENDERED[key] = html
    return mark_safe(html)  # noqa: S308 -- rendered by the template engine, escaped there
