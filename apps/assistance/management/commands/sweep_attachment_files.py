import datetime

from django.core.management.base import BaseCommand

from apps.assistance.services import attachment_files_sweep


class Command(BaseCommand):
    help = "Remove stored attachment files that no attachment points at (older than --hours, default 1)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=1.0)

    def handle(self, *args, hours, **options):
        removed = attachment_files_sweep(older_than=datetime.timedelta(hours=hours))
        self.stdout.write(f"Removed {len(removed)} file(s) without an attachment.")
