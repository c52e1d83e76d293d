"""What fieldwork stores: waves, the frame's organisations, access tokens, responses and the
mail log. A response never holds a token; tokens are stored as SHA-256 digests only.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

from barometer.fieldwork.reminders import (
    COMPLETED,
    INVITE,
    NONE,
    PARTIAL,
    REMIND_NOT_STARTED,
    REMIND_PARTIAL,
    STARTED,
)


class Wave(models.Model):
    name = models.SlugField(max_length=50, unique=True, help_text="Short name, e.g. 2025.")
    title = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField(
        null=True, blank=True, help_text="After this moment the survey links stop working."
    )
    max_reminders = models.PositiveSmallIntegerField(default=2)
    min_days_between = models.PositiveSmallIntegerField(
        default=7, help_text="Minimum days between two e-mails to the same organisation."
    )
    questionnaire_version = models.CharField(max_length=50, blank=True)
    # What the respondent is told (welcome, invalid link, thank-you pages).
    expected_minutes = models.PositiveSmallIntegerField(
        default=20, help_text="Expected time to complete the questionnaire, in minutes."
    )
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(max_length=254, blank=True)
    privacy_nl = models.TextField(
        blank=True, help_text="Privacy statement (Dutch); empty: default."
    )
    privacy_en = models.TextField(
        blank=True, help_text="Privacy statement (English); empty: default."
    )
    # The questionnaire as this wave asks it.
    parameters = models.JSONField(
        default=dict, blank=True, help_text="Values of the questionnaire's {parameters}."
    )
    leave_out = models.CharField(
        max_length=200, blank=True, help_text="Item tags left out, e.g. covid."
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = "veldwerkronde"
        verbose_name_plural = "veldwerkrondes"

    def __str__(self) -> str:
        return self.name

    def is_open(self, now: datetime | None = None) -> bool:
        return self.closes_at is None or (now or timezone.now()) < self.closes_at


class Organisation(models.Model):
    """One organisation of a wave's frame."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="organisations")
    org_id = models.CharField(max_length=64)
    name = models.CharField(max_length=300)
    sector = models.CharField(max_length=64)
    cluster = models.CharField(max_length=64, blank=True)
    size_class = models.CharField(max_length=32, blank=True)
    contact_name = models.CharField(max_length=300, blank=True)
    contact_email = models.EmailField(max_length=254, blank=True)
    language = models.CharField(max_length=2, default="nl")
    opted_out_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("wave", "org_id"), name="organisation_unique_in_wave"),
        )
        ordering = ("wave", "org_id")
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"

    def __str__(self) -> str:
        return f"{self.org_id} {self.name}"

    @property
    def opted_out(self) -> bool:
        return self.opted_out_at is not None

    @property
    def bounced(self) -> bool:
        return self.bounced_at is not None


class AccessToken(models.Model):
    """A personal link's token, stored as its SHA-256 digest (see fieldwork.tokens)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)
    purpose = models.CharField(max_length=32, default=INVITE)

    class Meta:
        verbose_name = "toegangscode"
        verbose_name_plural = "toegangscodes"

    def __str__(self) -> str:
        return f"token of {self.organisation.org_id} ({self.purpose})"


class Response(models.Model):
    STATUS_CHOICES = ((STARTED, "begonnen"), (PARTIAL, "deels"), (COMPLETED, "ingevuld"))

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="response"
    )
    answers = models.JSONField(default=dict, blank=True)
    current_page = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=STATUS_CHOICES, default=STARTED)
    version = models.PositiveIntegerField(default=0, help_text="Raised by every saved page.")
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "ingevulde vragenlijst"
        verbose_name_plural = "ingevulde vragenlijsten"

    def __str__(self) -> str:
        return f"response of {self.organisation.org_id} ({self.status})"

    @property
    def stage(self) -> str:
        return self.status or NONE


class PageSave(models.Model):
    """One acknowledged page save; (response, version) is unique, so none is counted twice."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="saves")
    version = models.PositiveIntegerField()
    page = models.CharField(max_length=64)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("response", "version"), name="pagesave_unique_version"),
        )
        verbose_name = "opgeslagen pagina"
        verbose_name_plural = "opgeslagen pagina's"


class MessageLog(models.Model):
    """Every invitation and reminder sent (or refused by the mail server)."""

    KIND_CHOICES = (
        (INVITE, "uitnodiging"),
        (REMIND_NOT_STARTED, "herinnering (niet begonnen)"),
        (REMIND_PARTIAL, "herinnering (deels ingevuld)"),
    )
    SENT, BOUNCED = "sent", "bounced"
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(max_length=32, choices=KIND_CHOICES)
    outcome = models.CharField(max_length=16, default=SENT)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("sent_at",)
        verbose_name = "uitnodiging of herinnering"
        verbose_name_plural = "uitnodigingen en herinneringen"

    def __str__(self) -> str:
        return f"{self.kind} to {self.organisation.org_id} ({self.outcome})"


class Throttle(models.Model):
    """Failed survey-link look-ups per client address per time window."""

    key = models.CharField(max_length=64)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("key", "window"), name="throttle_unique"),)
        verbose_name = "mislukte linkpoging"
        verbose_name_plural = "mislukte linkpogingen"


class ResponseDeletion(models.Model):
    """The log of deleted responses: who deleted which organisation's answers, when and why.

    The answers themselves are gone; the log keeps no answer."""

    wave = models.CharField(max_length=50)
    org_id = models.CharField(max_length=64)
    organisation_name = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=16)
    answers_count = models.PositiveIntegerField(default=0)
    reason = models.TextField()
    deleted_by = models.CharField(max_length=150)
    deleted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-deleted_at",)
        verbose_name = "verwijderde vragenlijst"
        verbose_name_plural = "verwijderde vragenlijsten"

    def __str__(self) -> str:
        return f"{self.org_id} ({self.wave}) verwijderd door {self.deleted_by}"


class QuoteApproval(models.Model):
    """A candidate quote (an open answer after scrubbing) and a person's decision on it.

    ``quote_id`` is :func:`barometer.disclosure.quotes.quote_id` of the scrubbed text, so a
    decision covers exactly the text that was read. Only approved quotes are printed.
    """

    PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
    STATUSES = ((PENDING, "Pending"), (APPROVED, "Approved"), (REJECTED, "Rejected"))

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="quotes")
    quote_id = models.CharField(max_length=14)
    item = models.CharField(max_length=64)
    text = models.TextField(help_text="The answer after scrubbing, as it would be printed.")
    status = models.CharField(max_length=8, choices=STATUSES, default=PENDING)
    decided_by = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("wave", "item", "quote_id")
        constraints = (
            models.UniqueConstraint(fields=("wave", "quote_id"), name="unique_quote_per_wave"),
        )

    def __str__(self) -> str:
        return f"{self.quote_id} ({self.status})"

    @classmethod
    def load_candidates(cls, wave: Wave, candidates: list[tuple[str, str, str]]) -> int:
        """Add candidates ``(quote_id, item, text)`` not yet known for ``wave``; how many."""
        known = set(cls.objects.filter(wave=wave).values_list("quote_id", flat=True))
        new = [cls(wave=wave, quote_id=q, item=i, text=t)
               for q, i, t in candidates if q not in known]  # fmt: skip
        cls.objects.bulk_create(new)
        return len(new)

    @classmethod
    def approvals_yaml(cls, wave: Wave) -> str:
        """The approvals file of ``wave`` (docs/disclosure.md), for ``barometer report``."""
        import yaml

        rows = cls.objects.filter(wave=wave).exclude(status=cls.PENDING)
        doc = {key: sorted(r.quote_id for r in rows if r.status == status)
               for key, status in (("approved", cls.APPROVED), ("rejected", cls.REJECTED))}  # fmt: skip
        return yaml.safe_dump(doc, sort_keys=True)


# The explorer's models live in their own module; Django finds them through this import.
from barometer.web.models_explorer import (  # noqa: E402, F401
    PublishedTable,
    PublishedWave,
    SavedSelfTest,
)
