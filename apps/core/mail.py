"""E-mail of ``make run``: written to files under var/mail (Django's file-based backend), and one line in the log
per e-mail saying to whom, what and in which file, so that whoever runs the portal sees the mail go out."""

import logging

from django.core.mail.backends.filebased import EmailBackend

logger = logging.getLogger(__name__)


class FileEmailBackend(EmailBackend):
    """Django's file-based backend (the e-mails of one connection in one file of ``EMAIL_FILE_PATH``), with a line
    in the log for each e-mail it writes."""

    def write_message(self, message):
        super().write_message(message)
        logger.info("e-mail to %s: %s (%s)", ", ".join(message.recipients()), message.subject, self.stream.name)
