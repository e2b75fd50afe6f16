"""What changed between two editions, section by section and contact point by contact point.

Sections are matched by their key (kept when a draft is copied from an edition): a key only in the newer edition
is an added section, only in the older a removed one, in both with another title, text, chapter, tags or
countries a changed one, whose text is compared sentence by sentence (``difflib``) in the reader's language.
Everything is returned as plain text: the template escapes it.
"""

import difflib
import re

from . import selectors
from .models import Edition

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def _pieces(text: str) -> list[str]:
    """The text as a list of sentences (line by line): a change shows as the sentences it touched."""
    pieces = []
    for line in (text or "").splitlines():
        pieces.extend(part for part in _SENTENCE_END.split(line.strip()) if part)
    return pieces


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[("-" | "+" | " ", sentence)] for the changed sentences and one unchanged sentence around each change."""
    lines = []
    for line in difflib.unified_diff(_pieces(old), _pieces(new), n=1, lineterm=""):
        if line.startswith(("---", "+++", "@@")):
            if line.startswith("@@") and lines:
                lines.append(("…", ""))
            continue
        lines.append((line[0], line[1:]))
    return lines


def _section_facts(section, language: str) -> dict:
    shown = selectors.localise_section(section, language)
    return {
        "key": section.key,
        "title": shown.title,
        "body": shown.body,
        "language": shown.language,
        "chapter": selectors.localise_chapter(section.chapter, language).title,
        "chapter_key": section.chapter.key,
        "tags": list(section.tags),
        "countries": list(section.countries),
    }


def _contact_facts(contact, language: str) -> dict:
    shown = selectors.localise_contact(contact, language)
    return {
        "key": contact.key,
        "title": shown.organisation,
        "facts": " · ".join(
            part
            for part in (contact.country, shown.service, contact.phone, contact.secure_email, shown.hours, shown.notes)
            if part
        ),
    }


def compare(*, old: Edition, new: Edition, language: str) -> dict:
    """The changes from ``old`` to ``new``: four queries whatever their size."""
    before = {s.key: _section_facts(s, language) for s in selectors.sections_of(edition=old)}
    after = [_section_facts(s, language) for s in selectors.sections_of(edition=new)]
    sections = []
    for facts in after:
        previous = before.get(facts["key"])
        if previous is None:
            sections.append({"kind": "added", **facts, "diff": [("+", piece) for piece in _pieces(facts["body"])]})
            continue
        what = [name for name in ("title", "body", "chapter_key", "tags", "countries") if previous[name] != facts[name]]
        if what:
            sections.append(
                {
                    "kind": "changed",
                    **facts,
                    "old_title": previous["title"],
                    "what": what,
                    "diff": text_diff(previous["body"], facts["body"]) if "body" in what else [],
                }
            )
    kept = {facts["key"] for facts in after}
    sections += [{"kind": "removed", **facts, "diff": []} for key, facts in before.items() if key not in kept]

    old_contacts = {c.key: _contact_facts(c, language) for c in selectors.contacts_of(edition=old)}
    new_contacts = [_contact_facts(c, language) for c in selectors.contacts_of(edition=new)]
    contacts = []
    for facts in new_contacts:
        previous = old_contacts.get(facts["key"])
        if previous is None:
            contacts.append({"kind": "added", **facts})
        elif previous != facts:
            contacts.append(
                {"kind": "changed", **facts, "old_facts": previous["facts"], "old_title": previous["title"]}
            )
    current = {facts["key"] for facts in new_contacts}
    contacts += [{"kind": "removed", **facts} for key, facts in old_contacts.items() if key not in current]
    counts = {kind: sum(1 for row in sections if row["kind"] == kind) for kind in ("added", "changed", "removed")}
    return {"sections": sections, "contacts": contacts, "counts": counts}
