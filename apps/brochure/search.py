"""Full-text search of the latest published edition, in the reader's language first.

Each language has its own search vector (title weighted above text) under PostgreSQL's dictionary for that language,
so that a word finds its other forms (``achtervolging`` finds ``achtervolgingen``, ``poursuite`` ``poursuites``).
The query goes through ``websearch_to_tsquery``, which takes any text ("quotes", or, -minus) without a syntax
error; control characters are removed and the length is capped before, so a query of any bytes answers. Results
are ranked (``ts_rank``) with excerpts (``ts_headline``) whose hits are marked, escaped and made ``<mark>``.

When the reader's language has no hit, the same query runs once over the three other languages (each with its
own dictionary) and the answer says which languages the results are in. An answer is plain data, cached per
edition, language, query and filters until the brochure changes.
"""

import hashlib
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Coalesce, NullIf

from apps.core.caching import answer_key, cached
from apps.core.text import single_line

from .caching import BROCHURE
from .choices import DICTIONARIES, LANGUAGES, ORIGINAL, MemberCountry, Tag
from .markup import HIT_END, HIT_START, excerpt_html
from .models import Edition, Section

MAX_QUERY = 200
MAX_RESULTS = 50
ANSWER_SECONDS = 15 * 60
# The other languages, in the order a reader of each falls back to them.
FALLBACK_ORDER = {code: [other for other in (ORIGINAL, "en", "fr", "de") if other != code] for code in LANGUAGES}


def clean_query(value) -> str:
    """The query as searched: one line, no control characters, single spaces, at most MAX_QUERY characters."""
    text = " ".join(single_line(str(value or "")).split())
    return text[:MAX_QUERY].strip()


def _query(text: str, code: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=DICTIONARIES[code])


def _matches(code: str, query: SearchQuery) -> Q:
    return Q(**{f"search_{code}": query})


def _headline(field: str, code: str, query: SearchQuery, *, whole: bool = False) -> SearchHeadline:
    options = {"highlight_all": True} if whole else {"max_fragments": 2, "max_words": 24, "min_words": 8}
    return SearchHeadline(
        field,
        query,
        config=DICTIONARIES[code],
        start_sel=HIT_START,
        stop_sel=HIT_END,
        fragment_delimiter=" … ",
        **options,
    )


def _rows(sections, languages: list[str], text: str) -> list[dict]:
    """The best sections matching ``text`` in any of ``languages`` (the first that matches a section is the one it
    is shown in): one query."""
    queries = {code: _query(text, code) for code in languages}

    def per_language(make, output_field):
        if len(languages) == 1:
            return make(languages[0])
        whens = [When(_matches(code, queries[code]), then=make(code)) for code in languages]
        return Case(*whens, output_field=output_field)

    found = (
        sections.filter(reduce(or_, (_matches(code, queries[code]) for code in languages)))
        .annotate(
            found_in=per_language(lambda code: Value(code), TextField()),
            rank=per_language(lambda code: SearchRank(F(f"search_{code}"), queries[code]), FloatField()),
            excerpt=per_language(lambda code: _headline(f"body_text_{code}", code, queries[code]), TextField()),
            title_marked=per_language(
                lambda code: _headline(f"title_{code}", code, queries[code], whole=True), TextField()
            ),
            chapter_title=per_language(
                lambda code: Coalesce(
                    NullIf(F(f"chapter__title_{code}"), Value("")),
                    F(f"chapter__title_{ORIGINAL}"),
                    output_field=TextField(),
                ),
                TextField(),
            ),
        )
        .order_by("-rank", "chapter__position", "position", "pk")
        .values(
            "key", "chapter__key", "chapter_title", "found_in", "rank", "excerpt", "title_marked", "tags", "countries"
        )
    )
    return [
        {
            "key": str(row["key"]),
            "chapter_key": str(row["chapter__key"]),
            "chapter_title": row["chapter_title"] or "",
            "title_html": excerpt_html(row["title_marked"]),
            "excerpt_html": excerpt_html(row["excerpt"]),
            "language": row["found_in"],
            "rank": round(float(row["rank"]), 6),
            "tags": list(row["tags"]),
            "countries": list(row["countries"]),
        }
        for row in found[:MAX_RESULTS]
    ]


def search(*, edition: Edition, query, language: str, tag: str = "", country: str = "") -> dict:
    """The answer to a reader's search of ``edition`` in ``language``: plain data (cached), never an error."""
    text = clean_query(query)
    language = language if language in LANGUAGES else ORIGINAL
    tag = tag if tag in Tag.values else ""
    country = country if country in MemberCountry.values else ""
    answer = {"query": text, "language": language, "results": [], "fallback": False, "languages": []}
    if not text or edition is None:
        return answer

    def make() -> dict:
        sections = Section.objects.filter(edition=edition)
        if tag:
            sections = sections.filter(tags__contains=[tag])
        if country:
            sections = sections.filter(countries__contains=[country])
        results = _rows(sections, [language], text)
        fallback = False
        if not results:
            results = _rows(sections, FALLBACK_ORDER[language], text)
            fallback = bool(results)
        languages = sorted({row["language"] for row in results}, key=LANGUAGES.index)
        return {**answer, "results": results, "fallback": fallback, "languages": languages}

    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()  # a key of any query's length
    key = answer_key("brochure:search", [edition.pk], parts=[language, tag, country, digest])
    return cached(key, [BROCHURE], make, timeout=ANSWER_SECONDS)
