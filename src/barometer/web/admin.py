"""The admin for waves, organisations, invitations and (read-only) responses.

Token digests are never shown. Answers are rendered through ``format_html``, so whatever a
respondent typed is escaped.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import format_html

from barometer.web.models import MessageLog, Organisation, QuoteApproval, Response, Wave

admin.site.site_header = "Innovatie Barometer: fieldwork"
admin.site.site_title = "Barometer fieldwork"


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class DateTimeLocalInput(forms.DateTimeInput):
    """One labelled ``datetime-local`` field (the browser's own picker), instead of the
    admin's split date and time boxes, whose two inputs have no label of their own (axe:
    ``label``, WCAG 4.1.2)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "created_at", "closes_at", "max_reminders", "min_days_between")
    search_fields = ("name", "title")
    readonly_fields = ("created_at",)
    formfield_overrides = {  # noqa: RUF012 - a class attribute, as Django reads it
        models.DateTimeField: {"form_class": forms.DateTimeField, "widget": DateTimeLocalInput},
    }


class MessageInline(admin.TabularInline):
    model = MessageLog
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "outcome", "sent_at")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = (
        "org_id",
        "name",
        "wave",
        "sector",
        "cluster",
        "language",
        "stage",
        "opted_out_at",
        "bounced_at",
    )
    list_filter = ("wave", "sector", "cluster", "language")
    search_fields = ("org_id", "name", "contact_name", "contact_email")
    readonly_fields = ("opted_out_at", "bounced_at")
    inlines = (MessageInline,)
    actions = ("mark_bounced", "mark_opted_out")

    @admin.display(description="stage")
    def stage(self, obj: Organisation) -> str:
        response = Response.objects.filter(organisation=obj).first()
        return response.status if response else "-"

    @admin.action(description="Record as bounced (no more e-mail)")
    def mark_bounced(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        queryset.filter(bounced_at__isnull=True).update(bounced_at=timezone.now())

    @admin.action(description="Record as opted out (no more e-mail)")
    def mark_opted_out(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        queryset.filter(opted_out_at__isnull=True).update(opted_out_at=timezone.now())


@admin.register(MessageLog)
class MessageLogAdmin(ReadOnly):
    list_display = ("organisation", "kind", "outcome", "sent_at")
    list_filter = ("kind", "outcome", "organisation__wave")
    search_fields = ("organisation__org_id", "organisation__name")


@admin.register(Response)
class ResponseAdmin(ReadOnly):
    list_display = ("organisation", "status", "version", "current_page", "updated_at")
    list_filter = ("status", "organisation__wave")
    search_fields = ("organisation__org_id", "organisation__name")
    fields = (
        "organisation",
        "status",
        "version",
        "current_page",
        "started_at",
        "updated_at",
        "submitted_at",
        "answers_display",
    )
    readonly_fields = fields

    @admin.display(description="answers")
    def answers_display(self, obj: Response) -> str:
        text = json.dumps(obj.answers, indent=2, ensure_ascii=False, sort_keys=True)
        return format_html("<pre>{}</pre>", text)


@admin.register(QuoteApproval)
class QuoteApprovalAdmin(admin.ModelAdmin):
    """Staff read each candidate quote (scrubbed) and approve or reject it; the report prints
    only approved quotes. The text is shown escaped, as Django shows any field."""

    list_display = ("quote_id", "wave", "item", "status", "text", "decided_by", "decided_at")
    list_filter = ("wave", "status", "item")
    search_fields = ("quote_id", "text")
    readonly_fields = ("wave", "quote_id", "item", "text", "decided_by", "decided_at")
    fields = ("wave", "quote_id", "item", "text", "status", "decided_by", "decided_at")
    actions = ("approve", "reject", "download_approvals")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # candidates come from the data (barometer quotes), not from typing

    def save_model(
        self, request: HttpRequest, obj: QuoteApproval, form: object, change: bool
    ) -> None:
        if change and "status" in getattr(form, "changed_data", ()):
            obj.decided_by = request.user.get_username()
            obj.decided_at = timezone.now()
        super().save_model(request, obj, form, change)

    def _decide(self, request: HttpRequest, queryset: QuerySet[QuoteApproval], status: str) -> None:
        n = queryset.update(status=status, decided_by=request.user.get_username(),
                            decided_at=timezone.now())  # fmt: skip
        self.message_user(request, f"{n} quote(s) {status}.")

    @admin.action(description="Approve the selected quotes")
    def approve(self, request: HttpRequest, queryset: QuerySet[QuoteApproval]) -> None:
        self._decide(request, queryset, QuoteApproval.APPROVED)

    @admin.action(description="Reject the selected quotes")
    def reject(self, request: HttpRequest, queryset: QuerySet[QuoteApproval]) -> None:
        self._decide(request, queryset, QuoteApproval.REJECTED)

    @admin.action(description="Download the approvals file of the selected quotes' wave")
    def download_approvals(
        self, request: HttpRequest, queryset: QuerySet[QuoteApproval]
    ) -> HttpResponse | None:
        waves = {q.wave for q in queryset.select_related("wave")}
        if len(waves) != 1:
            self.message_user(request, "Select quotes of one wave.", level="error")
            return None
        wave = waves.pop()
        response = HttpResponse(QuoteApproval.approvals_yaml(wave), content_type="text/yaml")
        response["Content-Disposition"] = f'attachment; filename="approvals-{wave.name}.yaml"'
        return response
