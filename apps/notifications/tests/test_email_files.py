"""E-mail as ``make run`` sends it (benelux_portal/settings/local.py): each e-mail written to a file under var/ and a
line in the log, with links to the address the portal listens on (tests/test_make_run.py reads those settings)."""

import logging

import pytest

pytestmark = pytest.mark.django_db


def test_each_email_is_a_file_under_var_and_a_line_in_the_log_with_a_link_to_the_portal(
    operators, settings, tmp_path, caplog
):
    from apps.accounts.choices import Role
    from apps.notifications import recipients, services
    from apps.notifications.choices import Urgency

    settings.EMAIL_BACKEND = "apps.core.mail.FileEmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.NOTIFICATIONS_BASE_URL = "http://127.0.0.1:8123"
    notification = services.notify(
        kind="assistance.submitted",
        target=None,
        recipients=[recipients.country("NL", roles=[Role.OPERATOR])],
        message="Request %(reference)s was filed by %(country)s",
        params={"reference": "BNL-2026-0001", "country": "BE"},
        url="/assistance/1/",
        urgency=Urgency.URGENT,  # by e-mail whatever the preferences
    )
    services.notification_deliver(notification_id=notification.pk)
    with caplog.at_level(logging.INFO, logger="apps.core.mail"):
        assert services.notification_send_emails(notification_id=notification.pk) == 0
    written = "".join(path.read_text() for path in tmp_path.iterdir())
    assert written.count("http://127.0.0.1:8123/assistance/1/") == 2
    lines = [record.getMessage() for record in caplog.records if record.name == "apps.core.mail"]
    assert sorted(line.split(":")[0] for line in lines) == sorted(
        f"e-mail to {operators[key].email}" for key in ("nl1", "nl2")
    )
    assert all("BNL-2026-0001" in line and str(tmp_path) in line for line in lines)
