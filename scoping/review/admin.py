"""The consultants' workspace: briefs, most urgent first, and everything a review needs."""

from __future__ import annotations

import re
from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Case, IntegerField, OrderBy, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from decisions.ladder import Approach
from scoping.deadlines import ReplyState, brief_time_left
from scoping.lifecycle import WON, TransitionRefused, event_actor, event_words, moves_for
from scoping.models import Brief, SentMemo
from scoping.models.brief import WAITING_LAST
from scoping.review.export import briefs_csv
from scoping.review.filters import ApproachFilter, AssignedFilter, DueFilter, OverriddenFilter, StatusFilter
from scoping.review.forms import ReviewForm
from scoping.review.overview import BriefPage, answers_in_words
from scoping.review.views import ReviewViews
from scoping.services.intake import SOURCE_FIELDS
from scoping.services.mail import unsent
from scoping.services.review import OPEN_AFTER_SENDING, REVIEW_FIELDS, brief_comment, brief_review_save
from scoping.team import consultants, person

# A brief's reference as emails quote it: SC-<day submitted>-<number>, the prefix optional.
REFERENCE = re.compile(r"^(?:SC-)?(?P<day>\d{8})-(?P<pk>\d{1,9})$", re.IGNORECASE)


def _describe(left: timedelta) -> str:
    hours = abs(left) // timedelta(hours=1)
    return (
        f"{hours // 24} d {hours % 24} h" if hours >= 24 else f"{hours} h {abs(left) // timedelta(minutes=1) % 60} min"
    )


# The review's fields, with how the memo's summary reads right under the reason that goes in it.
_REVIEW_WITH_SUMMARY = [
    field for name in REVIEW_FIELDS for field in ((name, "memo_summary") if name == "override_reason" else (name,))
]


@admin.register(Brief)
class BriefAdmin(ReviewViews, admin.ModelAdmin):
    # The deadline next to the name: on a narrow screen it is the column that must not scroll away.
    list_display = [
        "company", "project_title", "reply_due", "reference", "status", "memo_read", "approach", "assigned_to",
        "submitted_at",
    ]  # fmt: skip
    list_display_links = ["company", "project_title"]
    list_select_related = ["assigned_to"]
    # Dates through the submitted filter; a date hierarchy would scan every brief for its years.
    list_filter = [StatusFilter, ApproachFilter, OverriddenFilter, DueFilter, AssignedFilter, "submitted_at"]
    search_fields = ["company", "contact_email", "contact_name", "project_title", "project_summary"]
    show_full_result_count = False  # one count a page is enough, and it keeps large lists quick
    list_per_page = 50
    actions = ["export_csv"]
    form = ReviewForm
    change_form_template = "scoping/review/change_form.html"
    change_list_template = "scoping/review/change_list.html"
    fieldsets = [
        # Read first: the client's answers in words, grouped as the form asks them; then the review.
        ("The client's answers", {"fields": ["answers"]}),
        (
            "Review",
            {"fields": ["status", "reply_due_at", "engine", "take_over", *_REVIEW_WITH_SUMMARY, "add_note", "loaded"]},
        ),
        ("Questions to the client", {"fields": ["client_questions"]}),
        ("Sent memos and acceptance", {"fields": ["sent_versions"]}),
        ("Where they came from", {"fields": [*SOURCE_FIELDS]}),
        ("History", {"fields": ["history"]}),
        (
            "Record",
            {
                "fields": [
                    "engine_approach",
                    "token",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "replied_at",
                    "memo_frozen_at",
                    "memo_sent_at",
                    "memo_first_viewed_at",
                    "memo_last_viewed_at",
                    "memo_views",
                    "memo_reminded_at",
                ]
            },
        ),
    ]

    class Media:  # the review's stylesheet comes with every admin page (templates/admin/base_site.html)
        # htmx for the live estimate; the guard against leaving or acting with unsaved edits.
        js = ["js/htmx.min.js", "scoping/review.js"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Brief]:
        # Open briefs first, soonest due first (those waiting for the client's answers after them,
        # longest waiting first); then the rest, newest first. (Annotated before the ordering that
        # names it, which ModelAdmin.get_queryset would apply too early.)
        urgency = Case(
            When(status__in=Brief.OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return Brief.objects.with_final_approach().annotate(urgency=urgency).order_by(*self.get_ordering(request))

    def get_ordering(self, request: HttpRequest) -> list[str | OrderBy]:
        return ["urgency", WAITING_LAST, "reply_due_at", "-submitted_at"]

    def get_fieldsets(self, request: HttpRequest, obj: Brief | None = None):
        """A draft (a client still typing) has no review yet, and no history note to add; the box to
        take a brief over shows where a colleague has it and its memo can still change."""
        if obj is None or obj.status == Brief.Status.DRAFT:
            left_out = {"add_note", "take_over"}
        elif obj.is_open and obj.held_by_other(request.user) is not None:
            left_out = set()
        else:
            left_out = {"take_over"}
        return [
            (name, {**opts, "fields": [field for field in opts["fields"] if field not in left_out]})
            for name, opts in self.fieldsets
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Brief | None = None) -> list[str]:
        everything = [field for _, options in self.get_fieldsets(request, obj) for field in options["fields"]]
        if obj is None or obj.status == Brief.Status.DRAFT:
            editable: tuple[str, ...] = ("loaded",)
        else:  # the memo's fields while the review is open; the team's own notes and the history always
            editable = (
                *(REVIEW_FIELDS if obj.state.memo_in_the_making else OPEN_AFTER_SENDING),
                "add_note",
                "loaded",
                "take_over",
            )
        return [field for field in everything if field not in editable]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # briefs come from clients

    def has_delete_permission(self, request: HttpRequest, obj: Brief | None = None) -> bool:
        return False  # erasure goes through its own page, which records it

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = consultants()  # only those who can open briefs
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def response_action(self, request: HttpRequest, queryset: QuerySet[Brief], **kwargs) -> HttpResponse | None:
        # Django would fail on a selection that is not brief ids (a forged or garbled form).
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(value.isascii() and value.isdigit() for value in selected):
            self.message_user(request, "The selection could not be read: choose the briefs again.", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, **kwargs)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Brief], search_term: str
    ) -> tuple[QuerySet[Brief], bool]:
        """A reference as the emails quote it (SC-20261127-0005, with or without "SC-") finds its
        brief; anything else searches the text fields."""
        match = REFERENCE.match(search_term.strip())
        if match is None:
            return super().get_search_results(request, queryset, search_term)
        reference = f"SC-{match['day']}-{int(match['pk']):04d}"
        found = [brief.pk for brief in queryset.filter(pk=int(match["pk"])) if brief.reference == reference]
        return queryset.filter(pk__in=found), False

    def _hide_ids(self, request: HttpRequest) -> None:
        """A user who may not see briefs gets the same 404 for every id, existing or not."""
        if not self.has_view_or_change_permission(request):
            raise Http404("No such brief")

    def delete_view(self, request: HttpRequest, object_id: str, extra_context=None) -> HttpResponse:
        self._hide_ids(request)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None) -> HttpResponse:
        """Django's History button shows the brief's own history, not the admin's partial log."""
        self._hide_ids(request)
        brief = self.get_object(request, object_id)
        if brief is None or not self.has_view_permission(request, brief):
            return super().history_view(request, object_id, extra_context)
        return self._page(request, "history_page.html", f"History of {brief}", brief=brief, history=self.history(brief))

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Brief | None:
        """The brief, once per request (the page's own views and Django's ask for it separately), with
        its page: what the page shows of it, worked out once (scoping.review.overview.BriefPage)."""
        found = request.__dict__.setdefault("briefs_found", {})
        if (object_id, from_field) not in found:
            brief = super().get_object(request, object_id, from_field)
            if brief is not None:
                brief.page = BriefPage(brief)
            found[object_id, from_field] = brief
        return found[object_id, from_field]

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        self._hide_ids(request)
        brief = self.get_object(request, object_id)
        if brief is not None:
            may_change = self.has_change_permission(request, brief)
            overview = (
                render_to_string("scoping/review/overview.html", brief.page.overview) if brief.submitted_at else ""
            )
            extra_context = {
                **(extra_context or {}),
                "moves": moves_for(brief, request.user, may_change),
                "overview": overview,
                "unsent_emails": list(unsent(brief)) if may_change else [],
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_form(self, request: HttpRequest, obj: Brief | None = None, change: bool = False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.editor = request.user  # whose edits: a colleague's brief asks to be taken over
        if obj is not None and "consultant_note" in form.base_fields and obj.consultant_note_by is not None:
            field = form.base_fields["consultant_note"]
            field.help_text = f"Written by {person(obj.consultant_note_by)}. Whoever sends the memo signs it."
        if obj is not None:  # the estimate follows the override and the adjustment as they are typed
            live = {
                "hx-get": reverse("admin:scoping_brief_estimate", args=[obj.pk]),
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": "#estimate",
                "hx-swap": "outerHTML",
                "hx-include": "[name=approach_override], [name=budget_adjustment_percent], [name=override_reason]",
            }
            for name in ("approach_override", "budget_adjustment_percent", "override_reason"):
                if name in form.base_fields:
                    form.base_fields[name].widget.attrs.update(live)
            if "assigned_to" in form.base_fields:  # consultants, and whoever has it now, by name
                field = form.base_fields["assigned_to"]
                field.queryset = consultants(including=obj.assigned_to_id)
                field.label_from_instance = person
        return form

    def save_model(self, request: HttpRequest, obj: Brief, form, change: bool) -> None:
        try:
            brief_review_save(
                brief=obj, actor=request.user, changed=form.changed_data, take_over=form.cleaned_data.get("take_over")
            )
        except TransitionRefused as refusal:  # closed in the instant between the form's check and now
            obj.review_refused = refusal
            return
        if note := form.cleaned_data.get("add_note"):
            brief_comment(brief=obj, actor=request.user, text=note)

    def log_change(self, request: HttpRequest, obj: Brief, message):
        if getattr(obj, "review_refused", None) is None:  # nothing changed: nothing to log
            return super().log_change(request, obj, message)
        return None

    def response_change(self, request: HttpRequest, obj: Brief) -> HttpResponse:
        refusal = getattr(obj, "review_refused", None)
        if refusal is not None:  # an error, and no "changed successfully" beside it
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.display(description="reference", ordering="pk")
    def reference(self, brief: Brief) -> str:
        return brief.reference

    @admin.display(description="memo read", ordering="memo_first_viewed_at")
    def memo_read(self, brief: Brief) -> str:
        if brief.memo_sent_at is None:
            return "-"
        if brief.memo_first_viewed_at is None:
            return "unread"
        first = date_format(timezone.localtime(brief.memo_first_viewed_at), "SHORT_DATE_FORMAT")
        return f"{first} ({brief.memo_views}×)"

    @admin.display(description="approach", ordering="final_approach_code")
    def approach(self, brief: Brief) -> str:
        if not brief.final_approach:
            return "-"
        label = Approach(brief.final_approach).label
        return f"{label} (override)" if brief.approach_override else label

    @admin.display(description="reply due", ordering="reply_due_at")
    def reply_due(self, brief: Brief) -> SafeString | str:
        if brief.reply_due_at is None:
            return "-"
        now = timezone.now()
        state = brief.reply_state(now)
        if state is ReplyState.WAITING_FOR_CLIENT:  # said as My queue and the overview say it
            return render_to_string("scoping/review/reply_due.html", {"brief": brief})
        when = date_format(timezone.localtime(brief.reply_due_at), "SHORT_DATETIME_FORMAT")
        if state is ReplyState.OVERDUE:
            left = brief_time_left(now, brief.reply_due_at)
            return format_html('{}<br><span class="due due-overdue">overdue {}</span>', when, _describe(left))
        if state is ReplyState.DUE_SOON:
            left = brief_time_left(now, brief.reply_due_at)
            return format_html('{}<br><span class="due due-soon">{} left</span>', when, _describe(left))
        return when

    @admin.display(description="answers")
    def answers(self, brief: Brief) -> SafeString:
        return render_to_string("scoping/review/answers.html", {"steps": answers_in_words(brief)})

    @admin.display(description="the engine's recommendation")
    def engine(self, brief: Brief) -> SafeString:
        assessment = brief.page.assessment
        context = {"recommendation": assessment.rules, "changes": assessment.rules_changes}
        return render_to_string("scoping/review/engine.html", context)

    @admin.display(description="the memo's summary, as the client will read it")
    def memo_summary(self, brief: Brief) -> SafeString:
        """The sentence the override's reason lands in, as saved; it follows the approach and the
        reason as they are typed (the estimate view swaps it in, marked unsaved)."""
        return render_to_string("scoping/review/includes/memo_summary.html", {"memo": brief.page.memo})

    @admin.display(description="questions and answers")
    def client_questions(self, brief: Brief) -> SafeString:
        """What the client was asked, their answers and what each changed; the way to ask more."""
        questions = list(brief.questions.select_related("asked_by")) if brief.pk else []
        context = {"brief": brief, "questions": questions, "may_ask": brief.state.memo_in_the_making}
        return render_to_string("scoping/review/questions_field.html", context)

    @admin.display(description="versions sent")
    def sent_versions(self, brief: Brief) -> SafeString:
        """Every sent version (kept byte for byte), who sent it and what changed, its acceptance, and
        "mark won" once the latest is accepted."""
        versions = list(SentMemo.objects.filter(brief=brief).defer("snapshot").select_related("sent_by", "acceptance"))
        accepted = bool(versions) and versions[-1].accepted is not None
        context = {
            "brief": brief,
            "versions": versions,
            "revising": brief.status == Brief.Status.REVISING,
            "offer_won": accepted and brief.status in WON.sources,
        }
        return render_to_string("scoping/review/versions.html", context)

    @admin.display(description="who did what")
    def history(self, brief: Brief) -> SafeString:
        labels = dict(Brief.Status.choices)
        rows = [
            {"event": event, "who": event_actor(event), "what": event_words(event.action),
             "before": labels.get(event.from_status, ""),
             "after": labels.get(event.to_status, "")}
            for event in (brief.events.select_related("actor") if brief.pk else [])
        ]  # fmt: skip
        return render_to_string("scoping/review/history.html", {"rows": rows})

    @admin.action(description="Export the selected briefs as CSV")
    def export_csv(self, request: HttpRequest, briefs: QuerySet[Brief]) -> HttpResponse:
        response = HttpResponse(briefs_csv(briefs.order_by("submitted_at")), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="briefs-{timezone.localdate():%Y-%m-%d}.csv"'
        return response
