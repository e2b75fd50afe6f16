from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo data of every app that has a demo module (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        # The accounts app comes first in INSTALLED_APPS; the others build on its organisations.
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if config.name.startswith("apps.") and find_spec(module_name) is not None:
                import_module(module_name).load()
                self.stdout.write(f"demo data: {config.label}")
