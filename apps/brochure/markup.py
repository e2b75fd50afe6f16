"""Section bodies: Markdown as the secretariat writes it, turned into safe HTML and into plain text.

The Markdown is rendered by markdown-it-py (CommonMark, raw HTML switched off: ``<script>`` in the source is text)
and the HTML it gives is cleaned once more by nh3 (the Ammonia sanitiser) with a short list of tags and
attributes, so that whatever gets past one is stopped by the other; links may only be web, mail or telephone
links. Headings move down two levels (a body's ``#`` is a heading below the section's title). The plain text
(for search and excerpts) is the text of the same tokens, without markup.
"""

import html

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The marks of a search excerpt's hits (apps/brochure/search.py): characters of Unicode's private use area, which no
# text of the brochure keeps (they are removed from its plain text here).
HIT_START, HIT_END = "\ue000", "\ue001"
_PRIVATE = dict.fromkeys(range(57344, 63744))

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _tokens(source: str):
    tokens = _parser.parse(source or "")
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
    return tokens


def to_html(source: str) -> str:
    """The body as safe HTML."""
    rendered = _parser.renderer.render(_tokens(source), _parser.options, {})
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def to_text(source: str) -> str:
    """The body as plain text: its words, one block a line."""
    lines = []
    for token in _tokens(source):
        if token.type == "inline":
            words = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
            lines.append("".join(words))
        elif token.type in ("code_block", "fence"):
            lines.append(token.content)
    text = "\n".join(line.strip() for line in lines if line.strip())
    return text.translate(_PRIVATE)


def excerpt_html(headline: str) -> str:
    """A search excerpt (``ts_headline`` of the plain text, hits between HIT_START and HIT_END) as safe HTML."""
    escaped = html.escape(headline or "")
    return escaped.replace(HIT_START, "<mark>").replace(HIT_END, "</mark>")
