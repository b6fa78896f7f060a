"""The review's own pages in the admin: send the memo, decline, close, erase, and the dashboard.

Each page checks, through the lifecycle table, that the user may make the move, then calls its
service; a refused move comes back as an error message, never as a half-done change.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from decisions.models import AssumptionSet
from scoping import emails
from scoping.lifecycle import (
    DECLINE,
    DROP_REVISION,
    ERASE,
    LOST,
    MARK_SPAM,
    MOVES,
    REOPEN_DEAL,
    REOPEN_REVIEW,
    REVISE,
    SEND_MEMO,
    START_REVIEW,
    WON,
    Move,
    TransitionRefused,
)
from scoping.memos.build import memo_build, memo_with_review, signatory
from scoping.memos.pdf import memo_filename
from scoping.models import Brief
from scoping.review.dashboard import dashboard
from scoping.review.forms import AskForm, CloseForm, DeclineForm, EraseForm, EstimateForm, MemoEmailForm
from scoping.review.overview import BriefPage
from scoping.services.mail import email_resend
from scoping.services.memo import memo_revise, memo_revision_drop, memo_send
from scoping.services.questions import QuestionsRefused, engine_questions, questions_ask
from scoping.services.review import (
    brief_close,
    brief_decline,
    brief_erase,
    brief_mark_spam,
    brief_reopen,
    brief_start_review,
)
from scoping.text import as_sentence, readable

# The services behind the one-click moves; what each move is called, where it may start and what it
# says once done are the lifecycle table's.
ONE_CLICK: dict[str, Callable[..., Brief]] = {
    START_REVIEW.name: brief_start_review,
    REOPEN_DEAL.name: brief_reopen,
    REOPEN_REVIEW.name: brief_reopen,
    REVISE.name: memo_revise,
    DROP_REVISION.name: memo_revision_drop,
}


class ReviewViews:
    """Mixed into BriefAdmin: the URLs and views of the review's moves."""

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("dashboard/", wrap(self.dashboard_view), name="scoping_brief_dashboard"),
            path("<int:pk>/send/", wrap(self.send_view), name="scoping_brief_send"),
            path("<int:pk>/ask/", wrap(self.ask_view), name="scoping_brief_ask"),
            path("<int:pk>/decline/", wrap(self.decline_view), name="scoping_brief_decline"),
            path("<int:pk>/erase/", wrap(self.erase_view), name="scoping_brief_erase"),
            path("<int:pk>/estimate/", wrap(self.estimate_view), name="scoping_brief_estimate"),
            path("<int:pk>/spam/", wrap(self.spam_view), name="scoping_brief_mark_spam"),
            path("<int:pk>/won/", wrap(partial(self.close_view, move=WON)), name="scoping_brief_won"),
            path("<int:pk>/lost/", wrap(partial(self.close_view, move=LOST)), name="scoping_brief_lost"),
            path("<int:pk>/act/<slug:action>/", wrap(require_POST(self.act_view)), name="scoping_brief_act"),
            path(
                "<int:pk>/emails/<int:email_id>/resend/",
                wrap(require_POST(self.resend_view)),
                name="scoping_brief_resend",
            ),
            *super().get_urls(),
        ]

    def _found(self, request: HttpRequest, pk: int) -> Brief:
        """The brief, for a user who may see briefs at all. Anyone else gets a 404 whether or not it
        exists, so a staff account outside the Consultants group learns no brief's id."""
        if not self.has_view_or_change_permission(request):
            raise Http404("No such brief")
        return get_object_or_404(Brief, pk=pk)

    def _brief(self, request: HttpRequest, pk: int, move: Move) -> Brief:
        """The brief, if ``request.user`` may make ``move`` on briefs; else a 403."""
        brief = self._found(request, pk)
        if not move.permitted(request.user, self.has_change_permission(request, brief)):
            raise PermissionDenied
        return brief

    def _back(self, brief: Brief) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:scoping_brief_change", args=[brief.pk]))

    def _page(self, request: HttpRequest, template: str, title: str, **context: object) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": Brief._meta,
            "media": self.media,
            **context,
        }
        return TemplateResponse(request, f"scoping/review/{template}", context)

    def _attempt(self, request: HttpRequest, brief: Brief, done: str, move: Callable[[], object]) -> HttpResponse:
        try:
            move()
        except TransitionRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, done.format(email=brief.contact_email), messages.SUCCESS)
        return self._back(brief)

    def _refused_page(self, request: HttpRequest, brief: Brief, move: Move) -> HttpResponse | None:
        """Back to the brief, saying why, when its status no longer allows ``move``'s page."""
        try:
            move.check(brief)
        except TransitionRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return self._back(brief)
        return None

    def act_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        if action not in ONE_CLICK:
            raise Http404("No such action")
        move = MOVES[action]
        brief = self._brief(request, pk, move)
        return self._attempt(request, brief, move.done, lambda: ONE_CLICK[action](brief=brief, actor=request.user))

    def resend_view(self, request: HttpRequest, pk: int, email_id: int) -> HttpResponse:
        """Send one of the brief's emails again, now, whatever happened to it before."""
        brief = self._found(request, pk)
        if not self.has_change_permission(request, brief):
            raise PermissionDenied
        email = get_object_or_404(brief.emails, pk=email_id)
        if email_resend(email):
            self.message_user(request, f"The {email.get_kind_display()} is on its way again.", messages.SUCCESS)
        else:
            busy = f"The {email.get_kind_display()} is being sent right now, or has gone: look again in a few minutes."
            self.message_user(request, busy, messages.WARNING)
        return self._back(brief)

    def send_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A confirmation showing the email as the client will get it, its subject and text the
        consultant's to adjust; sending it is one POST."""
        brief = self._brief(request, pk, SEND_MEMO)
        if refused := self._refused_page(request, brief, SEND_MEMO):
            return refused
        memo = memo_with_review(brief, signed_by=signatory(request.user))  # as it goes if they send it now
        message = emails.memo(brief, attach_pdf=False, content=memo)
        ours = {"subject": message.subject, "text": message.body}
        revision = brief.memo_sent_at is not None
        form = MemoEmailForm(
            request.POST if request.method == "POST" else None,
            initial=ours,
            link=emails.private_link(brief),
            revision=revision,
            holder=brief.held_by_other(request.user),
        )
        if form.is_valid():
            # Only what was changed is kept: untouched, the email is written from the frozen memo.
            subject, text = (
                "" if form.cleaned_data[name].split() == ours[name].split() else form.cleaned_data[name]
                for name in ours
            )
            changes = form.cleaned_data.get("changes", "")
            take_over = form.cleaned_data["take_over"]
            send = lambda: memo_send(  # noqa: E731
                brief=brief, actor=request.user, subject=subject, text=text, changes=changes, take_over=take_over
            )
            return self._attempt(request, brief, SEND_MEMO.done, send)
        return self._page(
            request,
            "send.html",
            f"Send the memo for {brief}",
            brief=brief,
            message=message,
            memo=memo,
            attachment=memo_filename(memo),
            form=form,
            revision=revision,
            signature_url=reverse("admin:scoping_consultantprofile_changelist"),
            # What the sender's user lacks for a proper signature (a superuser sets name and email).
            missing=[
                words
                for words, present in (
                    ("full name", readable(request.user.get_full_name())),
                    ("email address", request.user.email),
                )
                if not present
            ],
        )

    def ask_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Questions to the client: the engine's open ones, chosen, and the consultant's own. The
        client answers them behind their private link; the email goes once this is sent."""
        brief = self._found(request, pk)
        if not self.has_change_permission(request, brief):
            raise PermissionDenied
        if not brief.state.memo_in_the_making:
            self.message_user(
                request, f"Could not ask the client: the brief is {brief.state.standing}.", messages.ERROR
            )
            return self._back(brief)
        open_questions = [(q.rule_id.value, q.text) for q in engine_questions(brief)]
        form = AskForm(request.POST if request.method == "POST" else None, open_questions=open_questions)
        if form.is_valid():
            try:
                asked = questions_ask(
                    brief=brief, actor=request.user, engine=form.cleaned_data.get("engine", []), own=form.own()
                )
            except QuestionsRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                what = "a question" if len(asked) == 1 else f"{len(asked)} questions"
                done = f"Sent {what} to {brief.contact_email}; you are told when they answer."
                self.message_user(request, done, messages.SUCCESS)
            return self._back(brief)
        asked = list(brief.questions.all())
        return self._page(request, "ask.html", f"Ask the client about {brief}", brief=brief, form=form, asked=asked)

    def decline_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        brief = self._brief(request, pk, DECLINE)
        if request.method == "GET" and (refused := self._refused_page(request, brief, DECLINE)):
            return refused
        form = DeclineForm(request.POST if request.method == "POST" else None, holder=brief.held_by_other(request.user))
        if form.is_valid():
            email_client, note = form.cleaned_data["email_client"], form.cleaned_data["message"]
            done = DECLINE.done + (" A polite email is on its way to {email}." if email_client else "")
            move = lambda: brief_decline(  # noqa: E731
                brief=brief,
                actor=request.user,
                email_client=email_client,
                message=note,
                take_over=form.cleaned_data["take_over"],
            )
            return self._attempt(request, brief, done, move)
        preview = emails.declined(brief, message="[Your line, if you write one, goes here.]")
        return self._page(request, "decline.html", f"Decline {brief}", brief=brief, form=form, preview=preview)

    def estimate_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The brief page's estimate as it would read with the override and adjustment being typed
        (htmx, as they change); nothing is saved."""
        brief = self._found(request, pk)
        if not self.has_view_permission(request, brief):
            raise PermissionDenied
        form = EstimateForm(request.GET)
        invalid, unsaved = "", False
        if form.is_valid():
            typed = {
                "approach_override": form.cleaned_data["approach_override"] or "",
                "budget_adjustment_percent": form.cleaned_data["budget_adjustment_percent"] or 0,
                "override_reason": as_sentence(form.cleaned_data["override_reason"] or ""),
            }
            if "override_reason" not in request.GET:  # a page that sends no reason keeps the saved one
                typed["override_reason"] = brief.override_reason
            unsaved = any(getattr(brief, name) != value for name, value in typed.items())
            for name, value in typed.items():
                setattr(brief, name, value)
        else:
            invalid = "The estimate below is the saved one: " + " ".join(
                str(error) for errors in form.errors.values() for error in errors
            )
        memo = memo_build(brief, AssumptionSet.current().to_assumptions()) if brief.state.memo_in_the_making else None
        context = {**BriefPage(brief, memo).overview, "invalid": invalid, "unsaved": unsaved}
        return TemplateResponse(request, "scoping/review/estimate_live.html", context)

    def spam_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Spam closes the brief without a reply: a confirmation first (Reopen undoes it)."""
        brief = self._brief(request, pk, MARK_SPAM)
        if request.method == "POST":
            return self._attempt(
                request, brief, MARK_SPAM.done, lambda: brief_mark_spam(brief=brief, actor=request.user)
            )
        if refused := self._refused_page(request, brief, MARK_SPAM):
            return refused
        return self._page(request, "spam.html", f"Mark {brief} as spam", brief=brief)

    def close_view(self, request: HttpRequest, pk: int, move: Move) -> HttpResponse:
        """Won or lost, with why and (won) the deal's value; Reopen undoes it."""
        brief = self._brief(request, pk, move)
        if request.method == "GET" and (refused := self._refused_page(request, brief, move)):
            return refused
        form = CloseForm(request.POST if request.method == "POST" else None, holder=brief.held_by_other(request.user))
        if form.is_valid():
            reason, value, won = form.cleaned_data["reason"], form.cleaned_data["value"], move is WON
            close = lambda: brief_close(  # noqa: E731
                brief=brief, actor=request.user, won=won, reason=reason, value=value,
                take_over=form.cleaned_data["take_over"],
            )  # fmt: skip
            return self._attempt(request, brief, move.done, close)
        return self._page(
            request, "close.html", f"{move.button.rstrip('…')}: {brief}", brief=brief, form=form, won=move is WON
        )

    def erase_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        brief = self._brief(request, pk, ERASE)
        form = EraseForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            record = brief_erase(brief=brief, actor=request.user, reason=form.cleaned_data["reason"])
            self.message_user(
                request, f"Erased {record.reference}. The record of the erasure is kept.", messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:scoping_brief_changelist"))
        return self._page(request, "erase.html", f"Erase {brief}", brief=brief, form=form)

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return self._page(request, "dashboard.html", "Briefs dashboard", board=dashboard(timezone.now()))
