"""The public brief form: a server-side draft filled in steps, then submitted.

Every page works as plain HTML forms (POST, then redirect). With htmx, the pages inside the form
swap only their ``#intake`` partial, a change to an answer asks ``check`` for inline errors, newly
relevant questions and the live preliminary recommendation, and history falls back to the server.
"""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from decisions.ladder import Approach, Recommendation
from decisions.matrix import COST_MATRIX
from scoping.access import brief_for_token, submitted_brief_for_token
from scoping.emails import private_link
from scoping.intake import antispam
from scoping.intake.drafts import forget_draft, remember_draft, remembered_token, unfinished_draft
from scoping.intake.forms import AboutForm, form_for
from scoping.intake.loop import AcceptForm, AnswersForm
from scoping.intake.sources import forget_source, remember_source, remembered_source
from scoping.intake.step_form import StepForm
from scoping.memos.build import memo_for_client, revision_differences
from scoping.models import Brief, SentMemo
from scoping.ratelimit import allow
from scoping.services.acceptance import ACCEPTING, AcceptanceRefused, scope_accept
from scoping.services.intake import (
    BriefNotEditable,
    brief_email_resume_link,
    brief_finalize,
    brief_keep_typed,
    brief_save_step,
    brief_start,
)
from scoping.services.questions import ANSWERED_ALREADY, MOVED_ON, QuestionsRefused, questions_answer
from scoping.steps import (
    ABOUT,
    KNOWLEDGE,
    QUESTION_STEPS,
    SEND,
    Step,
    can_open,
    first_open_step,
    has_answered,
    progress,
    step_after,
    step_before,
    step_named,
)

RATE_LIMITED = (
    "You have sent us several briefs from this address in a short time, so we paused new ones for a while. "
    "Your answers are kept on this page: try again later, or email us at {email}."
)


def step_url(brief: Brief, step: Step) -> str:
    if step.is_final:
        return reverse("scoping:brief_send", args=[brief.token])
    return reverse("scoping:brief_step", args=[brief.token, step.slug])


def _partial(request: HttpRequest) -> bool:
    """Whether to answer with the page's #intake partial (htmx swapping it) or the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _page(request: HttpRequest, template: str, title: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context = {**context, "page_title": f"{title} · Your brief · {settings.CONSULTANCY_NAME}"}
    if _partial(request):
        return render(
            request, "scoping/intake/fragment.html", {**context, "fragment": f"{template}#intake"}, status=status
        )
    return render(request, template, context, status=status)


def _step_page(
    request: HttpRequest,
    step: Step,
    form: StepForm,
    brief: Brief | None,
    *,
    notice: str = "",
    status: int = 200,
    resumed: bool = False,
    blank_questions: str = "",
) -> HttpResponse:
    context = {
        "blank_questions": blank_questions,
        "step": step,
        "progress": progress(brief, step),
        "form": form,
        "brief": brief,
        "notice": notice,
        "back_url": step_url(brief, step_before(step)) if brief and step.number > 1 else None,
        "return_to_send": request.POST.get("return") == "send" or request.GET.get("return") == "send",
        "started": (antispam.stamp_to_carry(request) if form.is_bound else antispam.started_stamp(request))
        if brief is None
        else "",
        "honeypot": antispam.HONEYPOT_FIELD,
        "recommendation": _live_reading(brief or form.instance, step, form),
        "private_link": private_link(brief) if brief else "",
        # The first page, opened again in a browser with a brief under way: its answers, and a way
        # to pick up where it was left or to start another brief.
        "resume_url": step_url(brief, first_open_step(brief)) if resumed and brief else "",
    }
    context["check_url"] = (
        reverse("scoping:brief_check", args=[brief.token, step.slug]) if brief else reverse("scoping:brief_new_check")
    )
    return _page(request, "scoping/intake/step.html", step.title, context, status)


def _blank_questions(form: AboutForm) -> str:
    """The first step's questions, unanswered: the same for every new visitor, so each process draws
    them once and keeps them with its built pages (DEBUG draws them each time, to show template edits)."""
    if settings.DEBUG:
        return ""
    html = caches["pages"].get(BLANK_QUESTIONS)
    if html is None:
        html = render_to_string("scoping/intake/step.html#questions", {"form": form})
        caches["pages"].set(BLANK_QUESTIONS, html, None)
    return html


BLANK_QUESTIONS = "intake:blank-first-questions"


def _live_reading(brief: Brief, step: Step, form: StepForm) -> Recommendation | None:
    """The first reading beside a step, once the client has told us about the knowledge the system
    needs (whether any, and if so how much and how fresh): before that it would be the defaults
    speaking, not the client's answers. A step typed but not saved (left for later, or with an
    error) is read as typed over what was saved, as a change to an answer is, so a brief opened
    again from its link shows its reading at once, in any browser."""
    if not step.shows_preliminary:
        return None
    if not form.is_bound and brief.pk and (typed := brief.pending_answers.get(step.slug)):
        data = QueryDict(mutable=True)
        data.update(typed)
        kept = brief.set_aside_answers.get(step.slug)
        form = form_for(step)(data, instance=copy.copy(brief), answered=has_answered(brief, step), set_aside=kept)
        form.is_valid()  # fills form.instance with the valid answers; nothing is saved
        brief = form.instance
    if "needs_knowledge" in form.fields:
        needed = KNOWLEDGE_TOLD if str(form["needs_knowledge"].value()) == "yes" else KNOWLEDGE_TOLD[:2]
        told = all(form[name].value() not in (None, "") for name in needed)
        return brief.recommendation() if told else None
    return brief.recommendation() if has_answered(brief, KNOWLEDGE) else None


# What the reading needs to know before it may speak: what the system does, whether it looks things up
# in a body of knowledge, and if it does, how often it changes (how much, a client may not know yet).
KNOWLEDGE_TOLD = ("task", "needs_knowledge", "update_frequency")


def _rate_limited(response: HttpResponse) -> HttpResponse:
    response["Retry-After"] = "3600"
    return response


def _after_save(request: HttpRequest, brief: Brief, step: Step, *, started_here: bool = False) -> HttpResponse:
    """Where the buttons lead once a step's answers are kept. The browser that started the draft
    goes on remembering it, until the person saves it for later and leaves with the emailed link."""
    response = _next_page(request, brief, step)
    if request.POST.get("action") == "later":
        return forget_draft(response)
    if started_here or remembered_token(request) == brief.token:
        return remember_draft(response, brief)
    return response


def _next_page(request: HttpRequest, brief: Brief, step: Step) -> HttpResponse:
    action = request.POST.get("action", "next")
    if action == "back":
        return redirect(step_url(brief, step_before(step)))
    if action == "later":
        # The link goes to the address on the brief; the limit keeps the form from spamming anyone.
        if allow(request, "resume-link", settings.SCOPING_RATE_NEW_BRIEFS, recipient=brief.contact_email):
            brief_email_resume_link(brief=brief)
            return redirect("scoping:brief_saved", brief.token)
        return redirect(reverse("scoping:brief_saved", args=[brief.token]) + "?emailed=0")
    if request.POST.get("return") == "send":
        return redirect(step_url(brief, SEND))
    return redirect(step_url(brief, step_after(step)))


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: the ladder, the cost matrix, and the way to send a brief."""
    remember_source(request)
    return render(request, "scoping/intake/home.html", {"matrix": COST_MATRIX, "ladder": list(Approach)})


@never_cache
@require_http_methods(["GET", "POST"])
def brief_new(request: HttpRequest) -> HttpResponse:
    """Step 1 before any draft exists; sending it creates the draft and its private link. A browser
    that started a draft still under way (the Back button from step 2 leads here) sees that draft's
    first step, with a way to start another brief instead (scoping.intake.drafts)."""
    remember_source(request)
    step = ABOUT
    if request.method == "GET":
        if "another" in request.GET:  # a clean first page, and a Back button that finds the new draft
            return forget_draft(redirect("scoping:brief_new"))
        if draft := unfinished_draft(request):
            form = AboutForm(instance=draft, answered=True, pending=draft.pending_answers.get(step.slug))
            return _step_page(request, step, form, draft, resumed=True)
        form = AboutForm(answered=False)
        return _step_page(request, step, form, None, blank_questions=_blank_questions(form))
    form = AboutForm(request.POST)
    suspicion = antispam.bot_suspicion(request)
    if form.is_valid() and suspicion is None:
        if not allow(request, "new-brief", settings.SCOPING_RATE_NEW_BRIEFS):
            notice = RATE_LIMITED.format(email=settings.CONSULTANCY_EMAIL)
            return _rate_limited(_step_page(request, step, form, None, notice=notice, status=429))
        brief = brief_start(
            answers=form.answers(), source=remembered_source(request), time_zone=request.POST.get("time_zone", "")
        )
        forget_source(request)  # a later brief from this browser records its own source
        return _after_save(request, brief, step, started_here=True)
    form.focus_first_error()
    return _step_page(request, step, form, None, notice=suspicion or "")


@never_cache
@require_http_methods(["GET", "POST"])
def brief_step(request: HttpRequest, token: str, slug: str) -> HttpResponse:
    brief = brief_for_token(token)
    step = step_named(slug)
    if step is None or step.is_final:
        raise Http404("No such step")
    if brief.status != Brief.Status.DRAFT:
        return redirect("scoping:brief", brief.token)
    if not can_open(brief, step):
        return redirect(step_url(brief, first_open_step(brief)))
    answered = has_answered(brief, step)
    form_class = form_for(step)
    kept = brief.set_aside_answers.get(step.slug)
    if request.method == "GET":
        form = form_class(
            instance=brief, answered=answered, pending=brief.pending_answers.get(step.slug), set_aside=kept
        )
        return _step_page(request, step, form, brief)
    form = form_class(request.POST, instance=brief, answered=answered, set_aside=kept)
    try:
        if form.is_valid():
            saved = brief_save_step(
                brief=brief,
                step=step,
                answers=form.answers(),
                set_aside=form.set_aside,
                time_zone=request.POST.get("time_zone", ""),
            )
            return _after_save(request, saved, step)
        # Nothing typed is lost: kept as typed, shown again on this step whenever it is opened.
        brief_keep_typed(brief=brief, step=step, typed=form.typed(), set_aside=form.set_aside)
    except BriefNotEditable:  # submitted from another tab meanwhile
        return redirect("scoping:brief", brief.token)
    if request.POST.get("action") in ("back", "later"):
        return _after_save(request, brief, step)
    form.focus_first_error()
    return _step_page(request, step, form, brief)


@never_cache
@require_POST
def brief_check(request: HttpRequest, token: str, slug: str) -> HttpResponse:
    """For htmx, as answers change: inline errors, newly relevant questions, the live recommendation."""
    brief = brief_for_token(token)
    step = step_named(slug)
    if step is None or step.is_final or brief.status != Brief.Status.DRAFT:
        raise Http404("No such step")
    answered = has_answered(brief, step)
    kept = brief.set_aside_answers.get(step.slug)
    form = form_for(step)(request.POST, instance=brief, answered=answered, set_aside=kept)
    form.is_valid()  # fills form.instance with the valid answers, for the recommendation
    # Questions that just appeared are drawn fresh, with what was typed (answers set aside come back)
    # and without errors yet; questions just hidden leave their answers set aside, and say so.
    fresh = form_for(step)(instance=brief, answered=answered, pending=form.typed(), set_aside=form.set_aside)
    context = {
        "panel": step.shows_preliminary,
        "recommendation": _live_reading(form.instance, step, form),
        "reveals": [row for row in fresh.rows() if row.controller and row.revealed != form.shown(row.field.name)],
        "errors": form.inline_errors(),
    }
    return render(request, "scoping/intake/check.html", context)


@never_cache
@require_POST
def brief_new_check(request: HttpRequest) -> HttpResponse:
    """The first step's inline errors, before any draft exists."""
    form = AboutForm(request.POST)
    form.is_valid()
    return render(request, "scoping/intake/check.html", {"errors": form.inline_errors()})


@never_cache
@require_http_methods(["GET", "POST"])
def brief_send(request: HttpRequest, token: str) -> HttpResponse:
    brief = brief_for_token(token)
    if brief.status != Brief.Status.DRAFT:
        return redirect("scoping:brief", brief.token)
    if not can_open(brief, SEND):
        return redirect(step_url(brief, first_open_step(brief)))
    notice, status = "", 200
    if request.method == "POST":
        if suspicion := antispam.too_quick(brief.created_at, timezone.now()):
            notice = suspicion
        elif allow(request, "submit", settings.SCOPING_RATE_SUBMISSIONS, recipient=brief.contact_email):
            try:
                brief_finalize(brief=brief)
            except ValidationError as error:
                notice = " ".join(error.messages)
            else:
                return redirect("scoping:brief", brief.token)
        else:
            notice, status = RATE_LIMITED.format(email=settings.CONSULTANCY_EMAIL), 429
    sections = [(step, step_url(brief, step), form_for(step)(instance=brief)) for step in QUESTION_STEPS]
    context = {
        "step": SEND,
        "progress": progress(brief, SEND),
        "brief": brief,
        "sections": sections,
        "unsaved": [step for step in QUESTION_STEPS if brief.pending_answers.get(step.slug)],
        "notice": notice,
        "back_url": step_url(brief, step_before(SEND)),
        "recommendation": brief.recommendation(),
        "private_link": private_link(brief),
    }
    response = _page(request, "scoping/intake/send.html", SEND.title, context, status)
    return _rate_limited(response) if status == 429 else response


@never_cache
def brief_home(request: HttpRequest, token: str) -> HttpResponse:
    """The private link: a draft resumes where it was left; a submitted brief shows where it stands."""
    brief = brief_for_token(token)
    if brief.status == Brief.Status.DRAFT:
        return redirect(step_url(brief, first_open_step(brief)))
    return _submitted_page(request, brief)


def _submitted_page(
    request: HttpRequest, brief: Brief, accept_form: AcceptForm | None = None, refused: str = ""
) -> HttpResponse:
    """Where a submitted brief stands: the memo once sent (its versions, and accepting its scope)."""
    sent = brief.memo_sent_at is not None
    versions = list(SentMemo.objects.filter(brief=brief).defer("pdf", "snapshot")) if sent else []
    latest = versions[-1] if versions else None
    accepted = latest.accepted if latest is not None else None
    earlier_acceptance = next(
        (version.accepted for version in reversed(versions[:-1]) if version.accepted is not None), None
    )
    may_accept = latest is not None and accepted is None and brief.status in ACCEPTING
    if may_accept and accept_form is None:
        accept_form = AcceptForm(initial={"version": latest.number}, company=brief.company)
    context = {
        "brief": brief,
        # Once sent, the memo as sent; before, the engine's first reading, never the review in progress.
        "memo": memo_for_client(brief) if sent else None,
        "recommendation": brief.recommendation(),
        "private_link": private_link(brief),
        "show_report": sent or settings.SCOPING_SHOW_PRELIMINARY,
        "reply": brief.reply_state(),
        "versions": versions,
        "differences": revision_differences(brief) if len(versions) > 1 else [],
        "latest": latest,
        "accepted": accepted,
        "earlier_acceptance": earlier_acceptance,
        "accept_form": accept_form if may_accept else None,
        "refused": refused,
        "open_questions": brief.questions.waiting().count(),
        "just_answered": request.GET.get("answered") == "1",
    }
    title = "Your scope memo" if sent else "Brief received"
    return _page(request, "scoping/intake/submitted.html", title, context)


@never_cache
@require_http_methods(["GET", "POST"])
def brief_questions(request: HttpRequest, token: str) -> HttpResponse:
    """The short page where the client answers a consultant's open questions, behind the private
    link: a mistake shows the page again with what they typed and what to fix; once answered, back
    to where the brief stands."""
    brief = submitted_brief_for_token(token)
    questions = list(brief.questions.waiting())
    form = AnswersForm(request.POST if request.method == "POST" else None, brief=brief, questions=questions)
    refused = ""
    if questions and form.is_valid():
        try:
            questions_answer(brief=brief, answers=form.answers())
        except QuestionsRefused as refusal:
            refused = str(refusal)
        else:
            return redirect(f"{reverse('scoping:brief', args=[brief.token])}?answered=1")
    # Nothing left to answer: the brief moved on (its questions lapsed, said before anything is
    # typed), or they were answered meanwhile (another tab, a colleague's browser): what this page
    # sent is shown back.
    unsent = [text for key, text in request.POST.items() if key.endswith("-text") and text.strip()]
    if not questions and (request.method == "GET" or unsent):
        refused = MOVED_ON if brief.questions.moved_on() else ANSWERED_ALREADY if unsent else ""
    context = {
        "brief": brief,
        "form": form,
        "refused": refused,
        "answered_before": not questions,
        "waiting": len(questions),
        "reply": brief.reply_state(),
        "unsent": unsent if not questions else [],
    }
    title = "Questions about your brief"
    return _page(request, "scoping/intake/questions.html", title, context)


@require_POST
def brief_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The client accepts the scope of the version they read: name, role and an explicit
    confirmation. A mistake, or a newer version sent meanwhile, shows the page again with what they
    typed and why; done, the page shows the acceptance."""
    brief = submitted_brief_for_token(token)
    form = AcceptForm(request.POST, company=brief.company)
    if not form.is_valid():
        return _submitted_page(request, brief, accept_form=form)
    data = form.cleaned_data
    try:
        scope_accept(brief=brief, version=data["version"], name=data["name"], role=data["role"])
    except AcceptanceRefused as refusal:
        brief.refresh_from_db()
        latest = SentMemo.objects.latest_for(brief)
        kept = AcceptForm(
            initial={**data, "version": latest.number if latest else data["version"], "confirm": False},
            company=brief.company,
        )
        return _submitted_page(request, brief, accept_form=kept, refused=str(refusal))
    return redirect(f"{reverse('scoping:brief', args=[brief.token])}#acceptance")


@never_cache
def brief_saved(request: HttpRequest, token: str) -> HttpResponse:
    """After "Save and continue later": where the link went, and the way back in now."""
    brief = brief_for_token(token)
    if brief.status != Brief.Status.DRAFT:
        return redirect("scoping:brief", brief.token)
    context = {
        "brief": brief,
        "continue_url": step_url(brief, first_open_step(brief)),
        "private_link": private_link(brief),
        "emailed": request.GET.get("emailed") != "0",
    }
    return _page(request, "scoping/intake/saved.html", "Saved for later", context)
