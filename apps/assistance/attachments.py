"""Attachments of a request (an operational plan): who may add, see and delete them, and the checks on a file.

Only PDF and office documents are taken. The extension decides what the file must be, and the file's
own bytes must then prove it (``%PDF-``; a ZIP with the OOXML or ODF marker of that kind; the OLE2
header with the stream of that program): the client's content type is never trusted. Files are
stored under a random name in the private ``MEDIA_ROOT`` and handed out only by views that first
find the request through the selector, so whoever may not see the request gets a 404.
"""

import datetime
import hashlib
import logging
import os
import unicodedata
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.errors import ApplicationError

from . import permissions
from .choices import RequestStatus
from .models import AssistanceRequest, Attachment
from .services import notify_the_other_control_rooms

logger = logging.getLogger(__name__)

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
CLOSED_STATUSES = (RequestStatus.CLOSED, RequestStatus.CANCELLED)
CHUNK = 64 * 1024


def max_bytes() -> int:
    return settings.ASSISTANCE_ATTACHMENT_MAX_BYTES


def max_count() -> int:
    return settings.ASSISTANCE_ATTACHMENT_MAX_COUNT


# --- who may do what ---------------------------------------------------------------------------------


def can_add_attachment(user, request: AssistanceRequest) -> bool:
    """The filing control room (also on its draft), and a requested country's control room once the
    request is filed; nobody once it is closed or cancelled."""
    if request.status in CLOSED_STATUSES:
        return False
    if permissions.is_filing_control_room(user, request):
        return True
    return request.submitted_at is not None and permissions.is_requested_operator(user, request)


def can_delete_attachment(user, attachment: Attachment) -> bool:
    """The uploader, while the request is open and they may still add to it."""
    return attachment.uploaded_by_id == user.pk and can_add_attachment(user, attachment.request)


# --- reads -------------------------------------------------------------------------------------------


def attachment_list_for(*, request: AssistanceRequest) -> QuerySet[Attachment]:
    """The attachments of a request already found through the selector (so visible to the user)."""
    return Attachment.objects.filter(request=request).select_related("uploaded_by")


def attachment_get_for_user(*, user, request_pk: int, pk: int) -> Attachment:
    """One attachment of a request the user may see, or Attachment.DoesNotExist (a 404)."""
    from .selectors import request_list_visible_to

    visible = request_list_visible_to(user=user).filter(pk=request_pk).values("pk")
    return (
        Attachment.objects.filter(request__in=visible)
        .select_related("request__requesting_organisation__country", "uploaded_by")
        .get(pk=pk, request_id=request_pk)
    )


# --- the checks on a file ----------------------------------------------------------------------------


def clean_file_name(name: str) -> str:
    """The user's file name without any folder, control or format characters, at most 255 characters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip().strip(".")
    stem, extension = os.path.splitext(name)
    if len(name) > 255:
        name = stem[: 255 - len(extension)] + extension
    return name


def _refuse(message: str) -> ApplicationError:
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
        raise _refuse(_("Choose a file to attach."))
    name = clean_file_name(getattr(file, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    if extension not in ALLOWED_TYPES:
        raise _refuse(_("Only PDF and office documents may be attached (%(types)s).") % {"types": _allowed_list()})
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
        raise _refuse(_("The file is empty."))
    if not _content_matches(file, container, marker):
        raise _refuse(
            _("The file's content does not match its extension (%(type)s).") % {"type": extension.lstrip(".").upper()}
        )
    file.seek(0)
    return {"original_name": name, "content_type": content_type, "size": size, "sha256": digest.hexdigest()}


def too_large() -> ApplicationError:
    return _refuse(_("The file is too large: at most %(size)s MB.") % {"size": _megabytes(max_bytes())})


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}"


# --- writes ------------------------------------------------------------------------------------------


def _lock(request: AssistanceRequest) -> AssistanceRequest:
    return (
        AssistanceRequest.objects.select_for_update(of=("self",))
        .select_related("requesting_organisation__country")
        .prefetch_related("requested")
        .get(pk=request.pk)
    )


def _delete_stored(name: str) -> None:
    try:
        Attachment._meta.get_field("file").storage.delete(name)
    except OSError:  # pragma: no cover - logged, the sweep of orphans is the operator's fallback
        logger.exception("Could not delete the attachment file %s", name)


def attachment_add(*, actor, request: AssistanceRequest, file, description: str = "") -> Attachment:
    """Attach a checked document to a request.

    The file is written under a random name just before its row; when anything in this transaction
    fails, the written file is removed again, so a refusal or an error leaves neither row nor file.
    (Called inside a larger transaction that later rolls back, the file would stay behind as an
    orphan without a row: nothing can reach it, and the views call this outside any transaction.)
    """
    stored = None
    try:
        with transaction.atomic():
            request = _lock(request)
            if not can_add_attachment(actor, request):
                raise ApplicationError(_("You may not add attachments to this request."))
            facts = inspect_file(file)
            description = (description or "").strip()
            if len(description) > 300:
                message = _("The description is too long: at most 300 characters.")
                raise ApplicationError(message, errors={"description": [message]})
            if Attachment.objects.filter(request=request).count() >= max_count():
                raise _refuse(_("A request may have at most %(count)s attachments.") % {"count": max_count()})
            attachment = Attachment(
                request=request, description=description, uploaded_by=actor, uploaded_at=timezone.now(), **facts
            )
            attachment.file.save(facts["original_name"], file, save=False)  # a random storage name (upload_to)
            stored = attachment.file.name
            attachment.save()
            if request.submitted_at:  # a draft is its own control room's alone
                notify_the_other_control_rooms(
                    request,
                    kind="attachment",
                    message=gettext_noop("%(country)s attached a document to request %(reference)s"),
                    actor=actor,
                )
    except BaseException:
        if stored:
            _delete_stored(stored)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    """Remove an attachment (its uploader, while the request is open); the file goes once the deletion commits."""
    request = _lock(attachment.request)
    try:
        attachment = Attachment.objects.select_for_update().get(pk=attachment.pk, request=request)
    except Attachment.DoesNotExist:  # deleted a moment ago, by another tab or client
        raise ApplicationError(_("This attachment was already deleted.")) from None
    attachment.request = request
    if not can_delete_attachment(actor, attachment):
        raise ApplicationError(_("You may not delete this attachment."))
    stored = attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: _delete_stored(stored))


def attachment_files_sweep(*, older_than: datetime.timedelta = datetime.timedelta(hours=1)) -> list[str]:
    """Remove stored files that no attachment row points at (left by a transaction that rolled back
    after the file was written, or by a crash), once they are older than ``older_than``."""
    storage = Attachment._meta.get_field("file").storage
    root = Path(storage.location)
    folder = root / "assistance"
    if not folder.is_dir():
        return []
    cutoff = timezone.now().timestamp() - older_than.total_seconds()
    candidates = [
        path.relative_to(root).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.stat().st_mtime < cutoff
    ]
    known = set(Attachment.objects.filter(file__in=candidates).values_list("file", flat=True))
    removed = [name for name in candidates if name not in known]
    for name in removed:
        _delete_stored(name)
    return removed
