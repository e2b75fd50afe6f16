"""Loads the reference data of reference_data.py."""

from django.db import migrations


def load(apps, schema_editor):
    from apps.assistance.reference_data import load as load_reference_data

    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
