"""Pages for a request's attachments: the section of the request page, upload, download and delete."""

from django import forms
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from apps.core.errors import ApplicationError

from . import permissions, selectors, services, uploads
from .models import Attachment


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Document"),
        allow_empty_file=True,  # the service refuses it, with the same message as the API
        required=False,
        help_text=gettext_lazy("PDF or office document (Word, Excel, PowerPoint, OpenDocument)."),
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
    )
    description = forms.CharField(label=gettext_lazy("Description (optional)"), max_length=300, required=False)


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an uploaded file as soon as it exceeds ``ASSISTANCE_ATTACHMENT_MAX_BYTES``, so that a
    huge upload fills neither memory nor the temporary folder; the view then says the file is too large."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > uploads.max_bytes():
            self.request.attachment_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_upload_size(request) -> None:
    """Put the size limit first among the request's upload handlers (before its body is read)."""
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request))


def too_large_error(request) -> ApplicationError | None:
    if getattr(request, "attachment_too_large", False):
        return uploads.too_large()
    return None


def attachment_context(user, obj) -> dict:
    """What the request page's attachments section needs; the rows come prefetched with the request."""
    can_add = permissions.can_add_attachment(user, obj)
    rows = []
    for attachment in obj.attachments.all():
        attachment.request = obj  # the request is already loaded: no query per row
        rows.append((attachment, permissions.can_delete_attachment(user, attachment)))
    return {
        "attachments": rows,
        "can_attach": can_add,
        "attachment_form": AttachmentForm() if can_add else None,
        "attachment_max_mb": uploads.max_bytes() // (1024 * 1024) or 1,
    }


def file_response(attachment: Attachment) -> FileResponse:
    """The stored file as a download under its original name, never rendered or cached by the browser."""
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@csrf_exempt  # checked by csrf_protect below, once the size limit is in place (Django's documented pattern)
@require_POST
def upload(request, pk):
    limit_upload_size(request)
    return _upload(request, pk)


@csrf_protect
def _upload(request, pk):
    obj = selectors.request_find_for_user(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    form.is_valid()  # both fields are optional; the service decides (and says why)
    data = getattr(form, "cleaned_data", {})
    try:
        if error := too_large_error(request):
            raise error
        attachment = services.attachment_add(
            actor=request.user,
            request=obj,
            file=data.get("file") or None,
            description=data.get("description", ""),
        )
    except ApplicationError as error:
        for message in dict.fromkeys([error.message, *(m for ms in error.errors.values() for m in ms)]):
            messages.error(request, message)
        return redirect(f"{obj.get_absolute_url()}#attachments")
    messages.success(request, _("%(name)s was attached.") % {"name": attachment.original_name})
    return redirect(f"{obj.get_absolute_url()}#attachments")


@require_GET
def download(request, pk, attachment_pk):
    return file_response(selectors.attachment_get_for_user(user=request.user, request_pk=pk, pk=attachment_pk))


@require_POST
def delete(request, pk, attachment_pk):
    attachment = selectors.attachment_get_for_user(user=request.user, request_pk=pk, pk=attachment_pk)
    try:
        services.attachment_delete(actor=request.user, attachment=attachment)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s was deleted.") % {"name": attachment.original_name})
    return redirect(f"{attachment.request.get_absolute_url()}#attachments")
