# Written by hand: training registrations move the calendar version too (the cached event pages show them).

from django.db import migrations

TRIGGER = (
    "CREATE TRIGGER events_calendar_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events_trainingregistration "
    "FOR EACH STATEMENT EXECUTE FUNCTION events_calendar_version_bump();"
)


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0002_calendar_version"),
    ]

    operations = [
        migrations.RunSQL(TRIGGER, "DROP TRIGGER events_calendar_version ON events_trainingregistration;"),
    ]
