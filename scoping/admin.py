"""The consultants' workspace: briefs, most urgent first, and everything a review needs."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from decisions.changes import what_would_change
from decisions.ladder import Approach
from scoping.admin_views import ReviewViews
from scoping.deadlines import brief_time_left
from scoping.export import briefs_csv
from scoping.models import Brief
from scoping.review import REVIEW_FIELDS, TransitionRefused, brief_review_save
from scoping.services import SOURCE_FIELDS
from scoping.steps import QUESTION_STEPS

URGENT = timedelta(hours=4)  # business time left under which a deadline shows amber


def _describe(left: timedelta) -> str:
    hours = abs(left) // timedelta(hours=1)
    return (
        f"{hours // 24} d {hours % 24} h" if hours >= 24 else f"{hours} h {abs(left) // timedelta(minutes=1) % 60} min"
    )


class StatusFilter(admin.SimpleListFilter):
    """Briefs by status; unfiltered, the list leaves out drafts (clients still typing), which
    would otherwise bury the work. The dashboard lists abandoned ones for follow-up."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(Brief.Status.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value():
            return queryset.filter(status=self.value())
        return queryset.exclude(status=Brief.Status.DRAFT)


class DueFilter(admin.SimpleListFilter):
    title = "reply due"
    parameter_name = "due"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("overdue", "Overdue"), ("today", "Due today")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value() == "overdue":
            return queryset.overdue(timezone.now())
        if self.value() == "today":
            return queryset.due_today(timezone.now())
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned"
    parameter_name = "assigned"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("me", "Assigned to me"), ("nobody", "Not assigned")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class ApproachFilter(admin.SimpleListFilter):
    """The final approach: the consultant's override where there is one, else the engine's."""

    title = "approach"
    parameter_name = "approach"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(approach.value, approach.label) for approach in Approach]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Brief]) -> QuerySet[Brief]:
        if self.value():
            return queryset.filter(
                Q(approach_override=self.value()) | Q(approach_override="", preliminary_approach=self.value())
            )
        return queryset


@admin.register(Brief)
class BriefAdmin(ReviewViews, admin.ModelAdmin):
    # The deadline next to the name: on a narrow screen it is the column that must not scroll away.
    list_display = ["company", "project_title", "reply_due", "status", "approach", "assigned_to", "submitted_at"]
    list_display_links = ["company", "project_title"]
    list_select_related = ["assigned_to"]
    # Dates through the submitted filter; a date hierarchy would scan every brief for its years.
    list_filter = [StatusFilter, ApproachFilter, DueFilter, AssignedFilter, "submitted_at"]
    search_fields = ["company", "contact_email", "contact_name", "project_title", "project_summary"]
    show_full_result_count = False  # one count a page is enough, and it keeps large lists quick
    list_per_page = 50
    actions = ["export_csv"]
    change_form_template = "admin/scoping/brief/change_form.html"
    change_list_template = "admin/scoping/brief/change_list.html"
    fieldsets = [
        (
            "Review",
            {"fields": ["status", "reply_due_at", "memo_links", "engine", *REVIEW_FIELDS]},
        ),
        # The client's answers, grouped as the form asks them.
        *[(step.title, {"fields": step.form_class.Meta.fields}) for step in QUESTION_STEPS if step.form_class],
        ("Where they came from", {"fields": [*SOURCE_FIELDS]}),
        ("History", {"fields": ["history"]}),
        (
            "Record",
            {
                "fields": [
                    "preliminary_approach",
                    "token",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "replied_at",
                    "memo_frozen_at",
                    "memo_sent_at",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["scoping/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Brief]:
        # Open briefs first, soonest due first; then the rest, newest first. (Annotated before the
        # ordering that names it, which ModelAdmin.get_queryset would apply too early.)
        urgency = Case(
            When(status__in=Brief.OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return Brief.objects.annotate(urgency=urgency).order_by(*self.get_ordering(request))

    def get_ordering(self, request: HttpRequest) -> list[str]:
        return ["urgency", "reply_due_at", "-submitted_at"]

    def get_readonly_fields(self, request: HttpRequest, obj: Brief | None = None) -> list[str]:
        everything = [field for _, options in self.fieldsets for field in options["fields"]]
        editable = REVIEW_FIELDS if obj is not None and obj.is_open else ()
        return [field for field in everything if field not in editable]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # briefs come from clients

    def has_delete_permission(self, request: HttpRequest, obj: Brief | None = None) -> bool:
        return False  # erasure goes through its own page, which records it

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(is_staff=True, is_active=True).order_by(
                "username"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Brief, form, change: bool) -> None:
        if not obj.is_open and any(name in request.POST for name in REVIEW_FIELDS):
            # The form was opened while the brief was open; it has been sent or closed since.
            self.message_user(request, "The brief was closed meanwhile: your edits were not saved.", messages.ERROR)
            return
        try:
            brief_review_save(brief=obj, actor=request.user, changed=form.changed_data)
        except TransitionRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)

    @admin.display(description="approach", ordering="preliminary_approach")
    def approach(self, brief: Brief) -> str:
        if not brief.final_approach:
            return "-"
        label = Approach(brief.final_approach).short_label
        return f"{label} (override)" if brief.approach_override else label

    @admin.display(description="reply due", ordering="reply_due_at")
    def reply_due(self, brief: Brief) -> SafeString | str:
        if brief.reply_due_at is None:
            return "-"
        when = timezone.localtime(brief.reply_due_at).strftime("%a %-d %b %H:%M")
        if not brief.is_open:
            return when
        left = brief_time_left(timezone.now(), brief.reply_due_at)
        if left <= timedelta():
            return format_html('{}<br><span class="due due-overdue">overdue {}</span>', when, _describe(left))
        if left < URGENT:
            return format_html('{}<br><span class="due due-soon">{} left</span>', when, _describe(left))
        return when

    @admin.display(description="the engine's recommendation")
    def engine(self, brief: Brief) -> SafeString:
        context = {"recommendation": brief.recommendation(), "changes": what_would_change(brief.facts())}
        return SafeString(render_to_string("admin/scoping/brief/engine.html", context))

    @admin.display(description="who did what")
    def history(self, brief: Brief) -> SafeString:
        events = brief.events.select_related("actor") if brief.pk else []
        return SafeString(render_to_string("admin/scoping/brief/history.html", {"events": events}))

    @admin.display(description="Preview")
    def memo_links(self, brief: Brief) -> str:
        if brief.status == Brief.Status.DRAFT:
            return "Available once the brief is submitted."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Report</a> · '
            '<a href="{}" target="_blank" rel="noopener">Memo PDF</a>',
            reverse("scoping:report", args=[brief.token]),
            reverse("scoping:memo_pdf", args=[brief.token]),
        )

    @admin.action(description="Export the selected briefs as CSV")
    def export_csv(self, request: HttpRequest, briefs: QuerySet[Brief]) -> HttpResponse:
        response = HttpResponse(briefs_csv(briefs.order_by("submitted_at")), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="briefs-{timezone.localdate():%Y-%m-%d}.csv"'
        return response
