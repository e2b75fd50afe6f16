"""API tokens move from Django REST framework's ``authtoken`` (one per user, kept in clear, for life) to
django-rest-knox (a hash of each, an expiry).

Each token of the old kind becomes a knox token that the same ``Authorization: Token <key>`` header still opens, so
the control-room systems keep working across the deploy, but it now expires like a new one (REST_KNOX["TOKEN_TTL"],
from the migration). Then the old table, with the tokens in clear, is dropped. A database that never had it (a new
one: ``rest_framework.authtoken`` is no longer installed) has nothing to convert.
"""

from django.db import migrations
from django.utils import timezone

OLD_TABLE = "authtoken_token"


def convert_tokens(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS, knox_settings

    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    AuthToken = apps.get_model("knox", "AuthToken")
    expiry = timezone.now() + knox_settings.TOKEN_TTL
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id FROM {OLD_TABLE}")  # noqa: S608 - a constant table name
        rows = cursor.fetchall()
    AuthToken.objects.bulk_create(
        AuthToken(digest=hash_token(key), token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH], user_id=user_id, expiry=expiry)
        for key, user_id in rows
    )
    schema_editor.execute(f"DROP TABLE {OLD_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_security_log_kinds"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [migrations.RunPython(convert_tokens, migrations.RunPython.noop)]
