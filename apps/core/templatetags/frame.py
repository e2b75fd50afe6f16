"""``{% frame %}``: a part of a template rendered once per process, with holes for what each request has of its own.

Every page has the same frame (head, header, navigation, language switcher, footer) for a given language, part of
the portal and kind of user. Rendering it from the template cost about 0.8 ms of every page, more than a cached page
body: some thirty tags, five ``{% static %}`` lookups and a navigation loop. ``frame`` renders its content once per
combination of its arguments and keeps the HTML in the process (the cached template loader keeps the node); only
its holes are rendered on every request::

    {% frame LANGUAGE_CODE user.is_staff navigation_current %}
      <a href="{{ site_urls.profile }}">{% hole %}{{ user.get_full_name }}{% endhole %}</a>
    {% endframe %}

The arguments are everything the fixed parts depend on: anything else that differs between requests (the user's
name, a CSRF token, the address, a count, a block the page fills) must be in a hole, or the first request's value
would show on every later page. A hole is rendered with the context around the frame, never with the variables of
a loop inside it. The kept parts are a few kilobytes per combination, and there are few combinations; past
``MAX_KEPT`` the frame is rendered without keeping it.
"""

import re

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

MAX_KEPT = 500
_CAPTURING = "frame:capturing"
_HOLE = re.compile("\x00frame-hole:([0-9]+)\x00")


class FrameNode(template.Node):
    def __init__(self, nodelist, arguments):
        self.nodelist = nodelist
        self.arguments = arguments
        self.holes = nodelist.get_nodes_by_type(HoleNode)
        for index, hole in enumerate(self.holes):
            hole.index = index
        self.kept = {}
        self._nodes_by_type = {}

    def get_nodes_by_type(self, nodetype):
        """Worked out once per type: a compiled template never changes, and ``{% extends %}`` looks for the blocks
        of base.html, all of them inside the frame, on every page (a walk through each of its nodes)."""
        nodes = self._nodes_by_type.get(nodetype)
        if nodes is None:
            nodes = self._nodes_by_type[nodetype] = super().get_nodes_by_type(nodetype)
        return list(nodes)

    def _fixed_parts(self, context) -> list[str | int]:
        """The frame's HTML with its holes left out: text and hole numbers, in turn."""
        context.render_context[_CAPTURING] = True
        try:
            html = self.nodelist.render(context)
        finally:
            context.render_context[_CAPTURING] = False
        pieces = _HOLE.split(html)
        # re.split puts the captured hole numbers at the odd places.
        return [int(piece) if place % 2 else piece for place, piece in enumerate(pieces) if piece or place % 2]

    def render(self, context):
        key = tuple(argument.resolve(context) for argument in self.arguments)
        parts = self.kept.get(key)
        if parts is None:
            parts = self._fixed_parts(context)
            if len(self.kept) < MAX_KEPT:
                self.kept[key] = parts
        return mark_safe(  # noqa: S308 - rendered by our templates, which escape
            "".join(part if isinstance(part, str) else self.holes[part].nodelist.render(context) for part in parts)
        )


class HoleNode(template.Node):
    index = None

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        if self.index is None:
            raise template.TemplateSyntaxError("{% hole %} is only allowed inside {% frame %}")
        if context.render_context.get(_CAPTURING):
            return mark_safe(f"\x00frame-hole:{self.index}\x00")  # noqa: S308 - a constant marker
        return self.nodelist.render(context)


@register.tag
def frame(parser, token):
    """``{% frame argument ... %}…{% endframe %}``: rendered once per process and set of argument values."""
    arguments = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endframe",))
    parser.delete_first_token()
    return FrameNode(nodelist, arguments)


@register.tag
def hole(parser, token):
    """``{% hole %}…{% endhole %}``: inside a frame, rendered on every request."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% hole %} takes no arguments")
    nodelist = parser.parse(("endhole",))
    parser.delete_first_token()
    return HoleNode(nodelist)
