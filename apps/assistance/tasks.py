import datetime

from celery import shared_task

from .services import attachment_files_sweep


@shared_task
def sweep_attachment_files() -> int:
    """Remove stored files that no attachment row points at (an upload whose transaction was rolled back)."""
    return len(attachment_files_sweep(older_than=datetime.timedelta(hours=1)))
