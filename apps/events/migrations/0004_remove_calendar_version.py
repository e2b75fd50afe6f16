# Written by hand: the calendar's version moves to the portal's one versioning scheme (apps/core/caching.py).

from django.db import migrations

TABLES = ["events_event", "events_trainingregistration", "accounts_organisation", "accounts_country"]

DROP = "".join(f"DROP TRIGGER IF EXISTS events_calendar_version ON {table};\n" for table in TABLES) + (
    "DROP FUNCTION IF EXISTS events_calendar_version_bump();\n"
)


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0003_calendar_version_registrations"),
    ]

    operations = [
        migrations.RunSQL(DROP, migrations.RunSQL.noop),
        migrations.DeleteModel(name="CalendarVersion"),
    ]
