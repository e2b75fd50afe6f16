"""What an attached document must be: PDF or an office document, whose own bytes prove its kind.

The extension decides what the file must be, and the file's own bytes must then prove it (``%PDF-``; a ZIP with the
OOXML or ODF marker of that kind; the OLE2 header with the stream of that program): the client's content type is
never trusted. ``services.attachment_add`` stores a file only once ``inspect_file`` took it.
"""

import hashlib
import os
import unicodedata
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from apps.core.errors import ApplicationError

PDF, OOXML, ODF, OLE2 = "pdf", "ooxml", "odf", "ole2"

# Extension → (content type served, container, the marker the container must hold).
ALLOWED_TYPES: dict[str, tuple[str, str, str | bytes]] = {
    ".pdf": ("application/pdf", PDF, b"%PDF-"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", OOXML, "word/document.xml"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", OOXML, "xl/workbook.xml"),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        OOXML,
        "ppt/presentation.xml",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", ODF, "application/vnd.oasis.opendocument.text"),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", ODF, "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": (
        "application/vnd.oasis.opendocument.presentation",
        ODF,
        "application/vnd.oasis.opendocument.presentation",
    ),
    ".doc": ("application/msword", OLE2, "WordDocument"),
    ".xls": ("application/vnd.ms-excel", OLE2, "Workbook"),
    ".ppt": ("application/vnd.ms-powerpoint", OLE2, "PowerPoint Document"),
}
ACCEPT = ",".join([*ALLOWED_TYPES, *dict.fromkeys(content_type for content_type, _c, _m in ALLOWED_TYPES.values())])
OLE2_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_HEADER = b"PK\x03\x04"
CHUNK = 64 * 1024


def max_bytes() -> int:
    return settings.ASSISTANCE_ATTACHMENT_MAX_BYTES


def max_count() -> int:
    return settings.ASSISTANCE_ATTACHMENT_MAX_COUNT


def clean_file_name(name: str) -> str:
    """The user's file name without any folder, control or format characters, at most 255 characters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip().strip(".")
    stem, extension = os.path.splitext(name)
    if len(name) > 255:
        name = stem[: 255 - len(extension)] + extension
    return name


def file_error(message: str) -> ApplicationError:
    """A refusal of the uploaded file (also shown next to the form's file field)."""
    return ApplicationError(message, errors={"file": [message]})


def _allowed_list() -> str:
    return ", ".join(extension.lstrip(".").upper() for extension in ALLOWED_TYPES)


def _contains(file, marker: bytes) -> bool:
    """Whether ``marker`` occurs anywhere in the file (read in chunks that overlap by the marker's length)."""
    file.seek(0)
    tail = b""
    while chunk := file.read(CHUNK):
        if marker in tail + chunk:
            return True
        tail = chunk[-len(marker) :]
    return False


def _content_matches(file, container: str, marker) -> bool:
    file.seek(0)
    head = file.read(8)
    if container == PDF:
        return head.startswith(marker)
    if container == OLE2:
        return head == OLE2_HEADER and _contains(file, marker.encode("utf-16-le"))
    if not head.startswith(ZIP_HEADER):
        return False
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if container == OOXML:
                has_macros = any(name.lower().endswith("vbaproject.bin") for name in names)
                return "[Content_Types].xml" in names and marker in names and not has_macros
            # ODF: a stored "mimetype" entry that names the kind exactly.
            if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
                return False
            return archive.read("mimetype").strip() == marker.encode("ascii")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError, NotImplementedError):
        return False


def inspect_file(file) -> dict:
    """Check an uploaded file; the stored facts (name, content type, size, SHA-256) or ApplicationError."""
    if file is None:
        raise file_error(_("Choose a file to attach."))
    name = clean_file_name(getattr(file, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_TYPES:
        raise file_error(_("Only PDF and office documents may be attached (%(types)s).") % {"types": _allowed_list()})
    limit = max_bytes()
    size = file.size
    if size is not None and size > limit:
        raise too_large()
    content_type, container, marker = ALLOWED_TYPES[extension]
    digest = hashlib.sha256()
    size = 0
    file.seek(0)
    for chunk in iter(lambda: file.read(CHUNK), b""):
        size += len(chunk)
        if size > limit:
            raise too_large()
        digest.update(chunk)
    if size == 0:
        raise file_error(_("The file is empty."))
    if not _content_matches(file, container, marker):
        raise file_error(
            _("The file's content does not match its extension (%(type)s).") % {"type": extension.lstrip(".").upper()}
        )
    file.seek(0)
    return {"original_name": name, "content_type": content_type, "size": size, "sha256": digest.hexdigest()}


def too_large() -> ApplicationError:
    return file_error(_("The file is too large: at most %(size)s MB.") % {"size": _megabytes(max_bytes())})


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}"
