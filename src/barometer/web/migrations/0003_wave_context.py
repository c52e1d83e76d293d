# ruff: noqa: RUF012
"""Per-wave context for respondents (expected time, contact, privacy statement) and the
questionnaire as the wave asks it (parameter values, left-out tags)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("web", "0002_response_deletion")]

    operations = [
        migrations.AddField(
            model_name="wave",
            name="expected_minutes",
            field=models.PositiveSmallIntegerField(
                default=20, help_text="Expected time to complete the questionnaire, in minutes."
            ),
        ),
        migrations.AddField(
            model_name="wave",
            name="contact_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="wave",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254),
        ),
        migrations.AddField(
            model_name="wave",
            name="privacy_nl",
            field=models.TextField(
                blank=True, help_text="Privacy statement (Dutch); empty: default."
            ),
        ),
        migrations.AddField(
            model_name="wave",
            name="privacy_en",
            field=models.TextField(
                blank=True, help_text="Privacy statement (English); empty: default."
            ),
        ),
        migrations.AddField(
            model_name="wave",
            name="parameters",
            field=models.JSONField(
                blank=True, default=dict, help_text="Values of the questionnaire's {parameters}."
            ),
        ),
        migrations.AddField(
            model_name="wave",
            name="leave_out",
            field=models.CharField(
                blank=True, help_text="Item tags left out, e.g. covid.", max_length=200
            ),
        ),
    ]
