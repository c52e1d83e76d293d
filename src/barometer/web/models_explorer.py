"""What the public pages read: a wave's published aggregates, frozen as versioned snapshots
(``barometer publish``), and the self-test results a visitor chose to save.

Only aggregates that passed the disclosure policy are stored (:mod:`barometer.explorer`);
nothing here holds an organisation's answers. A saved self-test holds the visitor's own
answers under the SHA-256 digest of a random token, and expires.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PublishedWave(models.Model):
    """One version of a wave's published aggregates (republishing adds a version)."""

    wave = models.CharField(max_length=50)
    version = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    meta = models.JSONField(help_text="Indicators, groups, policy and the self-test's scale.")

    class Meta:
        ordering = ("wave", "-version")
        constraints = (
            models.UniqueConstraint(fields=("wave", "version"), name="unique_published_version"),
        )

    def __str__(self) -> str:
        return f"{self.wave} v{self.version}"


class PublishedTable(models.Model):
    """One indicator by one breakdown within one filter, as published (hidden cells carry
    their reason, not their numbers)."""

    snapshot = models.ForeignKey(PublishedWave, on_delete=models.CASCADE, related_name="tables")
    indicator = models.CharField(max_length=64)
    breakdown = models.CharField(max_length=16)
    filter = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=12)
    data = models.JSONField()

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("snapshot", "indicator", "breakdown", "filter"),
                name="unique_published_table",
            ),
        )


class SavedSelfTest(models.Model):
    """A self-test result kept because the visitor asked for a link to it."""

    token_hash = models.CharField(max_length=64, unique=True)
    snapshot = models.ForeignKey(PublishedWave, on_delete=models.CASCADE, related_name="saved")
    answers = models.JSONField()
    sector = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
