import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from apps.assistance import services, uploads
from apps.assistance.models import Attachment
from apps.core.errors import ApplicationError

from .factories import user
from .test_api import BASE, api

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"This program cannot be run in DOS mode." * 4


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zip_bytes(
    {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"/>',
        "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Plan</w:t></w:r></w:p></w:body></w:document>',
    }
)
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"})
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 100


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every test writes its files to a folder of its own, so "nothing on disk" can be checked."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list[Path]:
    return [path for path in Path(media).rglob("*") if path.is_file()]


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def page_upload(client, request, file=None, description=""):
    data = {"description": description}
    if file is not None:
        data["file"] = file
    return client.post(reverse("assistance:attachment-upload", args=[request.pk]), data, follow=True)


def download_url(attachment):
    return reverse("assistance:attachment-download", args=[attachment.request_id, attachment.pk])


# --- adding --------------------------------------------------------------------------------------------


def test_operator_attaches_a_pdf_from_the_request_page(make_request, login, media):
    request = make_request(status="submitted")
    client = login("operator.nl", language="en")
    response = page_upload(client, request, upload("Plan Spa.pdf", PDF, "text/html"), "Operational plan")
    assert response.redirect_chain[-1][0].endswith(f"{request.get_absolute_url()}#attachments")
    assert b"Plan Spa.pdf was attached." in response.content
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.description) == ("Plan Spa.pdf", "Operational plan")
    assert attachment.content_type == "application/pdf"  # from the checked content, not the client's claim
    assert attachment.size == len(PDF)
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.uploaded_by == user("operator.nl")
    assert "Plan" not in attachment.file.name and "pdf" not in attachment.file.name
    [path] = stored_files(media)
    assert path.read_bytes() == PDF
    assert attachment.history.count() == 1
    page = client.get(request.get_absolute_url())
    assert download_url(attachment).encode() in page.content


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Plan.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("Plan.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("Plan.doc", DOC, "application/msword"),
    ],
)
def test_office_documents_are_accepted(make_request, name, content, content_type):
    request = make_request(status="submitted")
    attachment = services.attachment_add(
        actor=user("operator.nl"), request=request, file=upload(name, content, "application/octet-stream")
    )
    assert attachment.content_type == content_type
    assert attachment.file.read() == content


def test_requested_country_attaches_its_own_plan_once_filed(make_request, login):
    request = make_request(status="acknowledged")
    attachment = services.attachment_add(actor=user("operator.be"), request=request, file=upload("BE.pdf", PDF))
    assert attachment.uploaded_by.username == "operator.be"


def test_requested_country_cannot_attach_to_a_draft_it_cannot_see(make_request, login):
    request = make_request(status="draft")
    response = login("operator.be").post(
        reverse("assistance:attachment-upload", args=[request.pk]), {"file": upload("x.pdf", PDF)}
    )
    assert response.status_code == 404
    assert not Attachment.objects.exists()


def test_filing_control_room_attaches_to_its_draft(make_request):
    request = make_request(status="draft")
    services.attachment_add(actor=user("operator.nl"), request=request, file=upload("Draft plan.pdf", PDF))
    assert request.attachments.count() == 1


def test_chief_may_not_attach(make_request):
    request = make_request(status="submitted")
    with pytest.raises(ApplicationError, match="may not add attachments"):
        services.attachment_add(actor=user("chief.nl"), request=request, file=upload("x.pdf", PDF))


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_nobody_attaches_once_the_request_is_over(make_request, status):
    if status == "cancelled":
        request = make_request(status="submitted")
        services.request_cancel(request=request, actor=user("operator.nl"), reason="Event called off")
    else:
        request = make_request(status="closed")
    with pytest.raises(ApplicationError, match="may not add attachments"):
        services.attachment_add(actor=user("operator.nl"), request=request, file=upload("x.pdf", PDF))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", PDF, "Only PDF and office documents may be attached"),
        ("Plan.pdf", EXE, "does not match its extension (PDF)"),
        ("Plan.docx", PDF, "does not match its extension (DOCX)"),
        ("Plan.docx", zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}), "(DOCX)"),
        (
            "Plan.docx",
            zip_bytes({"[Content_Types].xml": b"<T/>", "word/document.xml": b"<d/>", "word/vbaProject.bin": b"x"}),
            "(DOCX)",
        ),
        ("Plan.odt", zip_bytes({"mimetype": b"application/x-shellscript"}), "(ODT)"),
        ("Plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "(DOC)"),
        ("Plan.pdf", b"", "The file is empty."),
        ("Plan", PDF, "Only PDF and office documents"),
        ("../../etc/passwd", PDF, "Only PDF and office documents"),
    ],
)
def test_wrong_type_is_refused_and_changes_nothing(make_request, login, media, name, content, message):
    request = make_request(status="submitted")
    client = login("operator.nl", language="en")
    response = page_upload(client, request, upload(name, content))
    assert response.status_code == 200
    assert message.encode() in response.content.replace(b"&#x27;", b"'")
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_oversize_file_is_refused(make_request, login, media, settings):
    settings.ASSISTANCE_ATTACHMENT_MAX_BYTES = 100
    request = make_request(status="submitted")
    response = page_upload(login("operator.nl", language="en"), request, upload("Big.pdf", PDF + b"%" * 200))
    assert b"The file is too large" in response.content
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_upload_without_a_file_says_so(make_request, login):
    request = make_request(status="submitted")
    response = page_upload(login("operator.nl", language="en"), request)
    assert b"Choose a file to attach." in response.content
    assert not Attachment.objects.exists()


def test_a_request_has_at_most_the_configured_number_of_attachments(make_request, settings, media):
    settings.ASSISTANCE_ATTACHMENT_MAX_COUNT = 2
    request = make_request(status="submitted")
    actor = user("operator.nl")
    for index in range(2):
        services.attachment_add(actor=actor, request=request, file=upload(f"{index}.pdf", PDF))
    with pytest.raises(ApplicationError, match="at most 2 attachments"):
        services.attachment_add(actor=actor, request=request, file=upload("3.pdf", PDF))
    assert len(stored_files(media)) == 2


def test_file_is_removed_when_the_row_cannot_be_written(make_request, media, monkeypatch):
    request = make_request(status="submitted")

    def fail(self, *args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Attachment, "save", fail)
    with pytest.raises(IntegrityError):
        services.attachment_add(actor=user("operator.nl"), request=request, file=upload("x.pdf", PDF))
    assert stored_files(media) == []


def test_file_name_is_cleaned():
    assert uploads.clean_file_name("C:\\Users\\jan\\plan\x00\u202e.pdf") == "plan.pdf"
    assert uploads.clean_file_name("../../" + "a" * 300 + ".pdf").endswith("a.pdf")
    assert len(uploads.clean_file_name("a" * 300 + ".pdf")) == 255


# --- downloading ---------------------------------------------------------------------------------------


@pytest.fixture
def attached(make_request):
    """A filed request of NL asking BE, with one plan attached by the Dutch control room."""
    request = make_request(status="acknowledged")
    return services.attachment_add(actor=user("operator.nl"), request=request, file=upload("Plan.pdf", PDF))


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("operator.nl", 200),
        ("operator.be", 200),
        ("chief.be", 200),
        ("chief.nl", 200),
        ("secretariat", 200),
        ("operator.lu", 404),
        ("chief.lu", 404),
    ],
)
def test_download_only_for_those_who_may_see_the_request(attached, login, username, status):
    response = login(username).get(download_url(attached))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"] == 'attachment; filename="Plan.pdf"'


def test_anonymous_download_goes_to_log_in(attached, client):
    response = client.get(download_url(attached))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_attachment_of_a_draft_is_not_visible_to_the_requested_country(make_request, login):
    request = make_request(status="draft")
    attachment = services.attachment_add(actor=user("operator.nl"), request=request, file=upload("d.pdf", PDF))
    assert login("operator.be").get(download_url(attachment)).status_code == 404
    assert login("operator.nl").get(download_url(attachment)).status_code == 200


def test_attachment_id_of_another_request_is_a_404(attached, make_request, login):
    other = make_request(status="submitted")
    url = reverse("assistance:attachment-download", args=[other.pk, attached.pk])
    assert login("operator.nl").get(url).status_code == 404


def test_file_name_with_quotes_and_accents_is_safe_in_the_header(make_request, login):
    request = make_request(status="submitted")
    attachment = services.attachment_add(
        actor=user("operator.nl"),
        request=request,
        file=upload('Plan "Spa"; été\r\nX-Evil: 1.pdf', PDF),
    )
    response = login("operator.nl").get(download_url(attachment))
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''")
    assert '"' not in header and "\n" not in header and "X-Evil:" not in header
    assert "%C3%A9t%C3%A9" in header
    assert "X-Evil" not in response  # no injected header


def test_ascii_name_with_quotes_is_escaped(make_request, login):
    request = make_request(status="submitted")
    attachment = services.attachment_add(actor=user("operator.nl"), request=request, file=upload('Plan "A".pdf', PDF))
    header = login("operator.nl").get(download_url(attachment))["Content-Disposition"]
    assert header == 'attachment; filename="Plan \\"A\\".pdf"'


def test_missing_file_on_disk_is_a_404_not_a_500(attached, login, media):
    attached.file.storage.delete(attached.file.name)
    assert login("operator.nl").get(download_url(attached)).status_code == 404


# --- deleting ------------------------------------------------------------------------------------------


def test_uploader_deletes_while_open_and_the_file_goes_on_commit(
    attached, login, media, django_capture_on_commit_callbacks
):
    client = login("operator.nl", language="en")
    url = reverse("assistance:attachment-delete", args=[attached.request_id, attached.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert b"Plan.pdf was deleted." in response.content
    assert not Attachment.objects.exists()
    assert stored_files(media) == []
    assert attached.history.filter(history_type="-").count() == 1


def test_other_operator_cannot_delete(attached, login, media):
    client = login("operator.be", language="en")
    url = reverse("assistance:attachment-delete", args=[attached.request_id, attached.pk])
    response = client.post(url, follow=True)
    assert b"You may not delete this attachment." in response.content
    assert Attachment.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_uploader_cannot_delete_once_closed(make_request, media):
    request = make_request(status="completed")
    actor = user("operator.nl")
    attachment = services.attachment_add(actor=actor, request=request, file=upload("Report.pdf", PDF))
    services.request_close(request=request, actor=actor)
    with pytest.raises(ApplicationError, match="may not delete"):
        services.attachment_delete(actor=actor, attachment=attachment)
    assert len(stored_files(media)) == 1


def test_deleting_twice_is_told_not_a_500(attached):
    actor = user("operator.nl")
    stale = Attachment.objects.get(pk=attached.pk)
    services.attachment_delete(actor=actor, attachment=attached)
    with pytest.raises(ApplicationError, match="already deleted"):
        services.attachment_delete(actor=actor, attachment=stale)


def test_delete_needs_post(attached, login):
    url = reverse("assistance:attachment-delete", args=[attached.request_id, attached.pk])
    assert login("operator.nl").get(url).status_code == 405


# --- the request page ----------------------------------------------------------------------------------


def test_request_page_shows_the_upload_form_and_the_empty_state(make_request, login):
    request = make_request(status="submitted")
    content = login("operator.nl", language="en").get(request.get_absolute_url()).content.decode()
    assert "No attachments yet." in content
    assert 'enctype="multipart/form-data"' in content
    assert 'accept=".pdf,.docx' in content
    assert '<label for="id_file">Document</label>' in content
    chief = login("chief.nl", language="en").get(request.get_absolute_url()).content.decode()
    assert "Attach a document" not in chief


def test_request_page_runs_the_same_queries_with_1_or_5_attachments(make_request, login, django_assert_num_queries):
    request = make_request(status="answered", to=("BE", "LU"))
    actor = user("operator.nl")
    services.attachment_add(actor=actor, request=request, file=upload("0.pdf", PDF))
    client = login("operator.nl", language="en")
    client.get(request.get_absolute_url())  # warm the session and the caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(request.get_absolute_url())
    for index in range(4):
        services.attachment_add(
            actor=user(["operator.nl", "operator.be", "operator.lu"][index % 3]),
            request=request,
            file=upload(f"{index + 1}.pdf", PDF),
        )
    with django_assert_num_queries(len(one)):
        response = client.get(request.get_absolute_url())
    assert response.content.count(b'class="attachment"') == 5


# --- API -----------------------------------------------------------------------------------------------


def test_api_anonymous_gets_401(attached):
    from rest_framework.test import APIClient

    client = APIClient()
    assert client.get(f"{BASE}/{attached.request_id}/attachments").status_code == 401
    assert client.get(f"{BASE}/{attached.request_id}/attachments/{attached.pk}").status_code == 401


def test_api_other_country_gets_404(attached):
    client = api("operator.lu")
    assert client.get(f"{BASE}/{attached.request_id}/attachments").status_code == 404
    assert client.get(f"{BASE}/{attached.request_id}/attachments/{attached.pk}").status_code == 404
    assert client.delete(f"{BASE}/{attached.request_id}/attachments/{attached.pk}").status_code == 404


def test_api_uploads_lists_downloads_and_deletes(make_request, media, django_capture_on_commit_callbacks):
    request = make_request(status="acknowledged")
    client = api("operator.be")
    response = client.post(
        f"{BASE}/{request.pk}/attachments",
        {"file": upload("Plan BE.docx", DOCX), "description": "Deployment plan"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "Plan BE.docx"
    assert body["uploaded_by"] == "operator.be"
    assert body["download"] == f"{BASE}/{request.pk}/attachments/{body['id']}"
    listed = api("chief.nl").get(f"{BASE}/{request.pk}/attachments").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]
    detail = api("operator.nl").get(f"{BASE}/{request.pk}").json()
    assert [row["name"] for row in detail["attachments"]] == ["Plan BE.docx"]
    download = api("operator.nl").get(body["download"], HTTP_ACCEPT="application/octet-stream")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == DOCX
    assert download["Content-Disposition"] == 'attachment; filename="Plan BE.docx"'
    assert api("operator.nl").delete(body["download"]).status_code == 400  # not the uploader
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(body["download"]).status_code == 204
    assert stored_files(media) == []


def test_api_refusal_is_a_400_in_the_error_shape(make_request, media):
    request = make_request(status="submitted")
    response = api("operator.nl").post(
        f"{BASE}/{request.pk}/attachments", {"file": upload("virus.pdf", EXE)}, format="multipart"
    )
    assert response.status_code == 400
    assert "does not match its extension (PDF)" in response.json()["errors"]["file"][0]
    missing = api("operator.nl").post(f"{BASE}/{request.pk}/attachments", {"description": "x"}, format="multipart")
    assert missing.status_code == 400
    assert "file" in missing.json()["errors"]
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_api_list_runs_a_constant_number_of_queries(attached, django_assert_num_queries):
    for index in range(4):
        services.attachment_add(actor=user("operator.be"), request=attached.request, file=upload(f"{index}.pdf", PDF))
    client = api("operator.nl")
    with django_assert_num_queries(7):
        response = client.get(f"{BASE}/{attached.request_id}/attachments")
    assert response.json()["count"] == 5


# --- demo ----------------------------------------------------------------------------------------------


def test_demo_attaches_operational_plans_once(demo, reference_data, media):
    from apps.assistance import demo as assistance_demo

    assistance_demo.load()
    count = Attachment.objects.count()
    assert count == 2
    assistance_demo.load()
    assert Attachment.objects.count() == count
    assert len(stored_files(media)) == count
    plan = Attachment.objects.first()
    assert plan.file.read().startswith(b"%PDF-1.4")


def test_api_download_honours_an_accept_header_of_the_file_type(attached):
    client = api("operator.be")
    url = f"{BASE}/{attached.request_id}/attachments/{attached.pk}"
    response = client.get(url, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    missing = client.get(f"{url}0", HTTP_ACCEPT="application/pdf")
    assert missing.status_code == 404


BIG_PDF = PDF + b"%" * (3 * 1024 * 1024)  # beyond Django's 2.5 MB in-memory limits


def test_a_file_above_djangos_memory_limits_is_taken(make_request, login, media):
    request = make_request(status="submitted")
    response = page_upload(login("operator.nl", language="en"), request, upload("Big plan.pdf", BIG_PDF))
    assert b"Big plan.pdf was attached." in response.content
    assert Attachment.objects.get().size == len(BIG_PDF)
    response = api("operator.nl").post(
        f"{BASE}/{request.pk}/attachments", {"file": upload("Big plan 2.pdf", BIG_PDF)}, format="multipart"
    )
    assert response.status_code == 201


def test_upload_reading_stops_at_the_limit(make_request, login, media, settings):
    settings.ASSISTANCE_ATTACHMENT_MAX_BYTES = 1024 * 1024
    request = make_request(status="submitted")
    response = page_upload(login("operator.nl", language="en"), request, upload("Huge.pdf", BIG_PDF))
    assert b"The file is too large: at most 1 MB." in response.content
    response = api("operator.nl").post(
        f"{BASE}/{request.pk}/attachments", {"file": upload("Huge.pdf", BIG_PDF)}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["file"] == ["The file is too large: at most 1 MB."]
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_upload_through_the_page_still_needs_the_csrf_token(make_request, media):
    from django.test import Client

    request = make_request(status="submitted")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("operator.nl"), backend="apps.accounts.backends.ModelBackend")
    response = client.post(
        reverse("assistance:attachment-upload", args=[request.pk]), {"file": upload("Plan.pdf", PDF)}
    )
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_sweep_removes_only_old_files_without_a_row(attached, media):
    import os
    import time

    from django.core.management import call_command

    orphan = Path(attached.file.path).with_name("0123456789abcdef")
    orphan.write_bytes(PDF)
    fresh = orphan.with_name("fedcba9876543210")
    fresh.write_bytes(PDF)
    old = time.time() - 3 * 3600
    os.utime(orphan, (old, old))
    os.utime(attached.file.path, (old, old))
    call_command("sweep_attachment_files", stdout=io.StringIO())
    assert not orphan.exists()
    assert fresh.exists()  # perhaps an upload whose transaction has not committed yet
    assert Path(attached.file.path).exists()


def test_beat_sweeps_orphan_attachment_files_every_hour(attached, media, settings):
    import os
    import time

    from apps.assistance.tasks import sweep_attachment_files

    entry = settings.CELERY_BEAT_SCHEDULE["assistance-sweep-attachment-files"]
    assert entry["task"] == sweep_attachment_files.name
    orphan = Path(attached.file.path).with_name("00112233445566778899aabbccddeeff")
    orphan.write_bytes(PDF)
    old = time.time() - 2 * 3600
    os.utime(orphan, (old, old))
    assert sweep_attachment_files.apply().get() == 1
    assert not orphan.exists()
    assert Path(attached.file.path).exists()
