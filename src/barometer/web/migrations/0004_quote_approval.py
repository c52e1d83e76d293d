# ruff: noqa: RUF012
# Written for barometer (issue 10): staff approve or reject candidate quotes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("web", "0003_wave_context")]

    operations = [
        migrations.CreateModel(
            name="QuoteApproval",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("quote_id", models.CharField(max_length=14)),
                ("item", models.CharField(max_length=64)),
                (
                    "text",
                    models.TextField(
                        help_text="The answer after scrubbing, as it would be printed."
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                        ],
                        default="pending",
                        max_length=8,
                    ),
                ),
                ("decided_by", models.CharField(blank=True, max_length=150)),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                (
                    "wave",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="quotes",
                        to="web.wave",
                    ),
                ),
            ],
            options={
                "ordering": ("wave", "item", "quote_id"),
                "constraints": [
                    models.UniqueConstraint(
                        fields=("wave", "quote_id"), name="unique_quote_per_wave"
                    )
                ],
            },
        ),
    ]
