# ruff: noqa: RUF012
# Written for barometer (issue 14): published snapshots for the explorer and self-test.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0004_quote_approval"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublishedWave",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("wave", models.CharField(max_length=50)),
                ("version", models.PositiveIntegerField()),
                ("published_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "meta",
                    models.JSONField(
                        help_text="Indicators, groups, policy and the self-test's scale."
                    ),
                ),
            ],
            options={
                "ordering": ("wave", "-version"),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("wave", "version"), name="unique_published_version"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SavedSelfTest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                ("answers", models.JSONField()),
                ("sector", models.CharField(blank=True, max_length=64)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("expires_at", models.DateTimeField()),
                (
                    "snapshot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="saved",
                        to="web.publishedwave",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="PublishedTable",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("indicator", models.CharField(max_length=64)),
                ("breakdown", models.CharField(max_length=16)),
                ("filter", models.CharField(blank=True, max_length=120)),
                ("status", models.CharField(max_length=12)),
                ("data", models.JSONField()),
                (
                    "snapshot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tables",
                        to="web.publishedwave",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("snapshot", "indicator", "breakdown", "filter"),
                        name="unique_published_table",
                    )
                ],
            },
        ),
    ]
