"""Joint Benelux bodies belong to no single country (issue 16): an organisation's country may be empty.

The Benelux Secretariat-General was registered under Belgium, so the portal took it for Belgian (it saw Belgium's
restricted events and not the others', its queue read as Belgium's). Every organisation of a joint body's kind (the
secretariat, the Benelux working groups of the Strategic Consultation) moves out of its country; a police service or a
control room keeps one (a check constraint says so). An administrator may give a working group a country again.
"""

import django.db.models.deletion
from django.db import migrations, models

JOINT_BODY_KINDS = ["secretariat", "working_group"]


def joint_bodies_leave_their_country(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Organisation.objects.filter(kind__in=JOINT_BODY_KINDS).update(country=None)


def joint_bodies_back_to_belgium(apps, schema_editor):
    """Backwards: they were Belgian (the seat of the Secretariat-General is in Brussels)."""
    Country = apps.get_model("accounts", "Country")
    Organisation = apps.get_model("accounts", "Organisation")
    belgium = Country.objects.filter(code="BE").first()
    if belgium is not None:
        Organisation.objects.filter(country__isnull=True).update(country=belgium)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_api_tokens_hashed"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="organisation",
            name="organisation_unique_short_name_per_country",
        ),
        migrations.AlterField(
            model_name="organisation",
            name="country",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for a joint Benelux body (the Secretariat-General, a Benelux working group).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="accounts.country",
                verbose_name="country",
            ),
        ),
        migrations.AlterField(
            model_name="historicalorganisation",
            name="country",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty for a joint Benelux body (the Secretariat-General, a Benelux working group).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="accounts.country",
                verbose_name="country",
            ),
        ),
        migrations.RunPython(joint_bodies_leave_their_country, joint_bodies_back_to_belgium),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                fields=("country", "short_name"),
                name="organisation_unique_short_name_per_country",
                nulls_distinct=False,
            ),
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.CheckConstraint(
                condition=models.Q(("country__isnull", False), ("kind__in", JOINT_BODY_KINDS), _connector="OR"),
                name="organisation_national_kinds_have_a_country",
                violation_error_message=(
                    "A police service or a control room belongs to a country; only a joint Benelux body (the "
                    "secretariat, a working group) has none."
                ),
            ),
        ),
    ]
