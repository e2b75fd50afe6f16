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

from django.db import connection

from apps.core.caching import answer_key, cached
from apps.core.text import single_line

from .caching import BROCHURE
from .choices import DICTIONARIES, LANGUAGES, ORIGINAL, MemberCountry, Tag
from .markup import HIT_END, HIT_START, excerpt_html
from .models import Edition

MAX_QUERY = 200
MAX_RESULTS = 20  # a reader reads the first ones; each excerpt costs a ts_headline
ANSWER_SECONDS = 15 * 60
# The other languages, in the order a reader of each falls back to them.
FALLBACK_ORDER = {code: [other for other in (ORIGINAL, "en", "fr", "de") if other != code] for code in LANGUAGES}


def clean_query(value) -> str:
    """The query as searched: one line, no control characters, single spaces, at most MAX_QUERY characters."""
    text = " ".join(single_line(str(value or "")).split())
    return text[:MAX_QUERY].strip()


def _case(languages: list[str], make) -> str:
    """SQL giving, for a section already matched, ``make(code)`` of the language it matched in (``found_in``)."""
    if len(languages) == 1:
        return make(languages[0])
    whens = " ".join(f"WHEN '{code}' THEN {make(code)}" for code in languages)
    return f"CASE m.found_in {whens} END"


def _headline(code: str, column: str, options: str) -> str:
    return f"ts_headline('{DICTIONARIES[code]}', COALESCE(m.{column}, ''), q.{code}, %({options})s)"


def _rows(edition_id: int, languages: list[str], text: str, *, tag: str, country: str) -> list[dict]:
    """The best sections matching ``text`` in any of ``languages`` (each section is shown in the first of them it
    matches), with excerpts: one query. Written in SQL: the ORM took longer to compile it than PostgreSQL to answer
    it. Its steps are kept apart (``MATERIALIZED``) so that each section of the edition is read once, its vectors
    once to match and once to rank, and excerpts are made for the shown results only; no step goes back to the
    sections' table, so the plan stays the same whatever the table's statistics say. Only the language codes of
    ``LANGUAGES`` and their dictionaries are written into it; the reader's text, tag and country are parameters."""
    assert set(languages) <= set(LANGUAGES)
    queries = ", ".join(f"websearch_to_tsquery('{DICTIONARIES[code]}', %(text)s) AS {code}" for code in languages)
    matches = " OR ".join(f"s.search_{code} @@ q.{code}" for code in languages)
    found_in = (
        f"'{languages[0]}'"
        if len(languages) == 1
        else "CASE " + " ".join(f"WHEN s.search_{code} @@ q.{code} THEN '{code}'" for code in languages) + " END"
    )
    columns = ", ".join(f"s.{name}_{code}" for code in languages for name in ("search", "body_text", "title"))
    filters = ""
    if tag:
        filters += " AND s.tags @> ARRAY[%(tag)s]::varchar(20)[]"
    if country:
        filters += " AND s.countries @> ARRAY[%(country)s]::varchar(2)[]"
    rank = _case(languages, lambda code: f"ts_rank(m.search_{code}, q.{code})")
    chapter_title = _case(languages, lambda code: f"COALESCE(NULLIF(c.title_{code}, ''), c.title_{ORIGINAL})")
    excerpt = _case(languages, lambda code: _headline(code, f"body_text_{code}", "excerpt"))
    title = _case(languages, lambda code: _headline(code, f"title_{code}", "whole"))
    sql = f"""
        WITH q AS MATERIALIZED (SELECT {queries}),
        found AS MATERIALIZED (
            SELECT s.id, s.key, s.chapter_id, s.position, s.tags, s.countries, {found_in} AS found_in, {columns}
            FROM brochure_section s, q
            WHERE s.edition_id = %(edition)s AND ({matches}){filters}
        ),
        ranked AS MATERIALIZED (
            SELECT m.*, {rank} AS rank, c.position AS chapter_position, c.key AS chapter_key,
                   {chapter_title} AS chapter_title
            FROM found m JOIN brochure_chapter c ON c.id = m.chapter_id, q
            ORDER BY rank DESC, c.position, m.position, m.id
            LIMIT {MAX_RESULTS}
        )
        SELECT m.key, m.chapter_key, m.chapter_title, m.found_in, m.rank, m.tags, m.countries, {excerpt}, {title}
        FROM ranked m, q
        ORDER BY m.rank DESC, m.chapter_position, m.position, m.id
    """  # noqa: S608 - only our language codes and dictionaries are formatted in; the reader's text is a parameter
    parameters = {
        "text": text,
        "edition": edition_id,
        "tag": tag,
        "country": country,
        "excerpt": f"MaxWords=30, MinWords=12, StartSel={HIT_START}, StopSel={HIT_END}",
        "whole": f"HighlightAll=true, StartSel={HIT_START}, StopSel={HIT_END}",
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        found = cursor.fetchall()
    return [
        {
            "key": str(key),
            "chapter_key": str(chapter_key),
            "chapter_title": chapter_title or "",
            "title_html": excerpt_html(title),
            "excerpt_html": excerpt_html(excerpt),
            "language": found_in,
            "rank": round(float(rank), 6),
            "tags": list(tags),
            "countries": list(countries),
        }
        for key, chapter_key, chapter_title, found_in, rank, tags, countries, excerpt, title in found
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
        results = _rows(edition.pk, [language], text, tag=tag, country=country)
        fallback = False
        if not results:
            results = _rows(edition.pk, FALLBACK_ORDER[language], text, tag=tag, country=country)
            fallback = bool(results)
        languages = sorted({row["language"] for row in results}, key=LANGUAGES.index)
        return {**answer, "results": results, "fallback": fallback, "languages": languages}

    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()  # a key of any query's length
    key = answer_key("brochure:search", [edition.pk], parts=[language, tag, country, digest])
    return cached(key, [BROCHURE], make, timeout=ANSWER_SECONDS)
