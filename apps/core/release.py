"""The release id: part of the key of every cached answer, so that a deploy never serves what older code rendered.

``PORTAL_RELEASE_ID`` (set at build or deploy time, e.g. the commit) when given; otherwise a digest of the code,
templates, translations and static files the process runs from, worked out once per process.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

# What shapes a rendered page or answer; the digest covers these files under the project's folder.
SOURCES = ("apps", "benelux_portal", "templates", "locale", "static")
SUFFIXES = {".py", ".html", ".txt", ".po", ".js", ".css", ".svg", ".json"}


def release_id() -> str:
    return settings.PORTAL_RELEASE_ID or _code_release()


@cache
def _code_release() -> str:
    return code_digest(Path(settings.BASE_DIR))


def code_digest(root: Path) -> str:
    """A digest of the names and contents of the source files under ``root``."""
    digest = hashlib.blake2b(digest_size=8)
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
