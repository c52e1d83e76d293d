"""The admin for waves, organisations, invitations and (read-only) responses.

Token digests are never shown. Answers are rendered through ``format_html``, so whatever a
respondent typed is escaped. Sector and cluster codes are shown with their labels
(:mod:`barometer.classification`). A response is deleted one at a time, with a reason that
is kept in :class:`~barometer.web.models.ResponseDeletion`; there is no bulk delete.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from barometer.classification import classification
from barometer.web.models import (
    MessageLog,
    Organisation,
    QuoteApproval,
    Response,
    ResponseDeletion,
    Wave,
)

admin.site.site_header = "Innovatie Barometer: fieldwork"
admin.site.site_title = "Barometer fieldwork"


class CodeFilter(admin.SimpleListFilter):
    """Filter on a classification code, listed by its label."""

    kind = "sector"

    def lookups(self, request: HttpRequest, model_admin: object) -> list[tuple[str, str]]:
        cls = classification()
        cats = cls.sectors if self.kind == "sector" else cls.clusters
        return sorted(((c.code, c.nl) for c in cats), key=lambda t: t[1].lower())

    def queryset(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> QuerySet:
        value = self.value()
        return queryset.filter(**{self.kind: value}) if value else queryset


class SectorFilter(CodeFilter):
    title = "sector"
    parameter_name = "sector"
    kind = "sector"


class ClusterFilter(CodeFilter):
    title = "cluster"
    parameter_name = "cluster"
    kind = "cluster"


class Styled(admin.ModelAdmin):
    """Our admin pages underline the breadcrumb links (Django's are told apart from the
    text around them by colour alone; axe: link-in-text-block, WCAG 1.4.1)."""

    class Media:
        css = {"all": ("web/admin.css",)}  # noqa: RUF012 - as Django reads it


class ReadOnly(Styled):
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
class WaveAdmin(Styled):
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
class OrganisationAdmin(Styled):
    list_display = (
        "org_id",
        "name",
        "wave",
        "sector_label",
        "cluster_label",
        "language",
        "stage",
        "opted_out_at",
        "bounced_at",
    )
    list_filter = ("wave", SectorFilter, ClusterFilter, "language")
    search_fields = ("org_id", "name", "contact_name", "contact_email")
    readonly_fields = ("opted_out_at", "bounced_at")
    inlines = (MessageInline,)
    actions = ("mark_bounced", "mark_opted_out")

    @admin.display(description="sector", ordering="sector")
    def sector_label(self, obj: Organisation) -> str:
        return classification().sector_label(obj.sector, "nl")

    @admin.display(description="cluster", ordering="cluster")
    def cluster_label(self, obj: Organisation) -> str:
        return classification().cluster_label(obj.cluster, "nl") if obj.cluster else "-"

    @admin.display(description="stand")
    def stage(self, obj: Organisation) -> str:
        response = Response.objects.filter(organisation=obj).first()
        return response.get_status_display() if response else "-"

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
    actions = None  # no bulk delete: one response at a time, with a reason
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

    @admin.display(description="antwoorden")
    def answers_display(self, obj: Response) -> str:
        text = json.dumps(obj.answers, indent=2, ensure_ascii=False, sort_keys=True)
        return format_html("<pre>{}</pre>", text)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, object] | None = None
    ) -> HttpResponse:
        """Delete one response after a reason is given; the reason is logged."""
        response = get_object_or_404(
            Response.objects.select_related("organisation__wave"), pk=object_id
        )
        if not self.has_delete_permission(request, response):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        error = ""
        reason = ""
        if request.method == "POST":
            reason = request.POST.get("reason", "").strip()
            if len(reason) < 5:
                error = "Geef een reden (minstens 5 tekens)."
            else:
                delete_response(response, reason, request.user.get_username())
                messages.success(
                    request, f"De vragenlijst van {response.organisation} is verwijderd."
                )
                return HttpResponseRedirect(reverse("admin:web_response_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": "Vragenlijst verwijderen",
            "object": response,
            "opts": self.model._meta,
            "error": error,
            "reason": reason,
            **(extra_context or {}),
        }
        return TemplateResponse(
            request,
            "admin/web/response/delete_with_reason.html",
            context,
            status=400 if error else 200,
        )


def delete_response(response: Response, reason: str, user: str) -> ResponseDeletion:
    """Delete ``response`` and log who did it and why, in one transaction."""
    org = response.organisation
    with transaction.atomic():
        entry = ResponseDeletion.objects.create(
            wave=org.wave.name,
            org_id=org.org_id,
            organisation_name=org.name,
            status=response.status,
            answers_count=len(response.answers or {}),
            reason=reason,
            deleted_by=user,
        )
        response.delete()
    return entry


@admin.register(ResponseDeletion)
class ResponseDeletionAdmin(ReadOnly):
    list_display = ("deleted_at", "wave", "org_id", "organisation_name", "status", "deleted_by")
    list_filter = ("wave",)
    search_fields = ("org_id", "organisation_name", "reason")
    readonly_fields = (
        "deleted_at", "wave", "org_id", "organisation_name", "status", "answers_count",
        "reason", "deleted_by",
    )  # fmt: skip

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


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
