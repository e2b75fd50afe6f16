"""Fill the database with ten years of benchmark data: every app's ``bench.generate()``, accounts first."""

import json
import time
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.accounts import bench as accounts_bench


def bench_modules():
    """(app label, module) of every app of the portal that has a ``bench`` module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.bench"
        if config.name.startswith("apps.") and find_spec(module_name) is not None:
            found.append((config.label, import_module(module_name)))
    return found


class Command(BaseCommand):
    help = (
        "Fill the database with ten years of benchmark data (2,000 users, 1,000,000 notifications, ... at "
        "--scale 1.0), reproducibly from --seed. Refuses a database that already has bench data unless --reset, "
        "which first empties the whole database (flush). Never run it on a database whose data you want to keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = ten years at full size (default)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument("--reset", action="store_true", help="empty the database first (all of its data)")
        parser.add_argument("--json", dest="json_path", type=Path, help="write seed, scale, counts, timings here")

    def log(self, message: str) -> None:
        self.stdout.write(f"[{time.monotonic() - self.started:7.1f}s] {message}")
        self.stdout.flush()

    def handle(self, *args, scale, seed, reset, json_path: Path | None, **options):
        if scale <= 0:
            raise CommandError("--scale must be greater than 0.")
        self.started = time.monotonic()
        if accounts_bench.has_data() and not reset:
            raise CommandError("This database already has bench data: use --reset to empty it and generate again.")
        if reset:
            self.log("emptying the database (flush)")
            call_command("flush", interactive=False, verbosity=0)
        counts: dict[str, int] = {}
        timings: dict[str, float] = {}
        for label, module in bench_modules():
            self.log(f"{label}: generating (scale {scale}, seed {seed})")
            began = time.monotonic()
            counts.update(module.generate(scale=scale, seed=seed, log=self.log))
            timings[label] = round(time.monotonic() - began, 2)
            self.log(f"{label}: done in {timings[label]:.1f}s")
        # Fresh planner statistics and visibility map, as on a database that has lived for years.
        # (VACUUM cannot run inside a transaction, as in a test: there ANALYZE alone.)
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        self.log(statement)
        began = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(statement)
        timings["vacuum_analyze"] = round(time.monotonic() - began, 2)
        total = round(time.monotonic() - self.started, 2)
        self.log(f"bench data ready: {sum(counts.values()):,} rows in {total:.1f}s")
        for model, count in counts.items():
            self.stdout.write(f"  {model:<45} {count:>12,}")
        if json_path:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            summary = {"seed": seed, "scale": scale, "counts": counts, "seconds": timings, "total_seconds": total}
            json_path.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
