"""Drop the inbox entry's single-column foreign-key indexes: the unique (notification, user) constraint
and the (user, ...) indexes start with the same columns, and each index is one more write for each of the
hundreds of entries a notification fans out to. Only the indexes go: the foreign keys stay as they are
(no constraint is dropped and re-validated on a big table)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "notifications_inboxentry_notification_id_c5bd29f0"',
                    reverse_sql='CREATE INDEX IF NOT EXISTS "notifications_inboxentry_notification_id_c5bd29f0" '
                    'ON "notifications_inboxentry" ("notification_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "notifications_inboxentry_user_id_306802fc"',
                    reverse_sql='CREATE INDEX IF NOT EXISTS "notifications_inboxentry_user_id_306802fc" '
                    'ON "notifications_inboxentry" ("user_id")',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="inboxentry",
                    name="notification",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="notifications.notification",
                        verbose_name="notification",
                    ),
                ),
                migrations.AlterField(
                    model_name="inboxentry",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inbox_entries",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
        ),
    ]
