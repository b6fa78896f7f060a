"""The report and the memo PDF behind a client's private link."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from decisions.models import AssumptionSet
from scoping.access import submitted_brief_for_token
from scoping.memos.build import (
    memo_for_client,
    memo_from_snapshot,
    memo_with_review,
    revision_differences,
    signatory,
)
from scoping.memos.content import Memo, Signatory
from scoping.memos.page import memo_context
from scoping.memos.pdf import memo_filename, render_memo_pdf
from scoping.models import Brief, SentMemo
from scoping.services.memo import READ_COUNTED_EVERY, memo_pdf_store, memo_viewed
from scoping.team import is_consultant

# Set on a reader's browser when an opening of the sent memo was counted, for the brief's own URLs.
READ_COOKIE = "memo_read"


def _reader_counted(request: HttpRequest, brief: Brief) -> bool:
    """Whether this reader's opening was counted within READ_COUNTED_EVERY: their browser says so
    (a cookie we signed, with its time), or, for a reader that keeps no cookies, this process saw
    the same address and browser."""
    try:
        counted = signing.loads(request.COOKIES.get(READ_COOKIE, ""), salt=READ_COOKIE, max_age=READ_COUNTED_EVERY)
    except signing.BadSignature:  # none, someone else's, or too old
        counted = None
    return counted == brief.pk or caches["pages"].get(_reader_key(request, brief)) is not None


def _reader_key(request: HttpRequest, brief: Brief) -> str:
    who = f"{request.META.get('REMOTE_ADDR', '')} {request.headers.get('User-Agent', '')}"
    return f"memo-read:{brief.pk}:{hashlib.sha256(who.encode()).hexdigest()[:32]}"


def _count_reading(request: HttpRequest, brief: Brief, response: HttpResponseBase) -> HttpResponseBase:
    """Count a client's opening of the sent memo once per reader every READ_COUNTED_EVERY: a reload,
    or the report then its PDF, writes nothing more."""
    if _reader_counted(request, brief):
        return response
    memo_viewed(brief=brief)
    seconds = int(READ_COUNTED_EVERY.total_seconds())
    caches["pages"].set(_reader_key(request, brief), True, seconds)
    response.set_cookie(
        READ_COOKIE,
        signing.dumps(brief.pk, salt=READ_COOKIE),
        max_age=seconds,
        path=f"/brief/{brief.token}/",
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
    return response


def _memo_pending(request: HttpRequest, brief: Brief) -> HttpResponse:
    return render(
        request,
        "scoping/memo/pending.html",
        {
            "brief": brief,
            "show_preliminary": settings.SCOPING_SHOW_PRELIMINARY,
            "open_questions": brief.questions.waiting().count(),
        },
    )


def _memo_for(brief: Brief, reader: Signatory | None, current: AssumptionSet | None = None) -> Memo:
    """A consultant (``reader``) sees the review in progress, signed by them as if they sent it now;
    everyone else (no ``reader``) only what a client may see."""
    if reader is not None:
        return memo_with_review(brief, current, signed_by=reader)
    return memo_for_client(brief, current)


@dataclass(frozen=True)
class ReportPage:
    """What the report page calls itself, for whom, and which PDF it offers."""

    kind: str
    lead: str
    pdf_button: str = ""  # none: there is no PDF for this reader yet
    preview_notice: bool = False


def _reads_sent(brief: Brief, consultant: bool) -> bool:
    """Whether this reader gets the sent memo: the client once one is sent; a consultant too, except
    while a revision is being prepared, which they preview (the client still reads the sent one)."""
    revising = consultant and brief.status == Brief.Status.REVISING
    return brief.memo_sent_at is not None and not revising


def _report_page(brief: Brief, *, sent: bool, consultant: bool) -> ReportPage:
    if sent:
        return ReportPage("Scope memo", "Reviewed by our consultants.", "Download the scope memo (PDF)")
    if consultant:
        return ReportPage(
            "Preview of the scope memo", "As it would read if sent now.", "Preview the memo (PDF)", preview_notice=True
        )
    engine = "Worked out from your answers by our decision engine"
    if brief.closed_without_memo:
        return ReportPage("Preliminary recommendation", f"{engine}.")
    return ReportPage(
        "Preliminary recommendation",
        f"{engine}; a consultant reviews it and sends your scope memo within one business day.",
    )


@never_cache
@require_GET
def report(request: HttpRequest, token: str) -> HttpResponse:
    """The client's report: the engine's preliminary reading until the memo is sent (if the
    consultancy shows it at all), then the memo as sent. Consultants may always look."""
    brief = submitted_brief_for_token(token)
    consultant = is_consultant(request.user)
    sent = _reads_sent(brief, consultant)
    if not (sent or settings.SCOPING_SHOW_PRELIMINARY or consultant):
        return _memo_pending(request, brief)
    current = None if sent else AssumptionSet.current()
    reader = signatory(request.user) if consultant else None
    key = _report_key(brief, current, reader)
    html = caches["pages"].get(key)
    if html is None:
        context = memo_context(_memo_for(brief, reader, current), preview=not sent)
        context.update(
            brief=brief,
            page=_report_page(brief, sent=sent, consultant=consultant),
            versions=list(SentMemo.objects.filter(brief=brief).defer("pdf", "snapshot")) if sent else [],
            differences=revision_differences(brief) if sent else [],
        )
        html = render_to_string("scoping/memo/report.html", context, request)
        caches["pages"].set(key, html)
    response = HttpResponse(html)
    return _count_reading(request, brief, response) if sent and not consultant else response


def _report_key(brief: Brief, current: AssumptionSet | None, reader: Signatory | None) -> str:
    """A report's page depends only on the brief as last saved, the assumptions in force until it
    is sent (``current``; None once sent), and the signature of the consultant reading it (a preview
    is signed by its reader; None for everyone else): built once for each, then served from the cache."""
    assumptions = current.version if current else "sent"
    signed = hashlib.sha256(repr(reader).encode()).hexdigest()[:16] if reader else "client"
    return f"report:{brief.pk}:{brief.updated_at.isoformat()}:{assumptions}:{signed}"


@require_GET
def memo_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The memo as a PDF: consultants may preview it any time (marked as a preview until it is sent);
    the client gets it once it is sent (the stored bytes, with an ETag), and until then a page
    saying when to expect it."""
    brief = submitted_brief_for_token(token)
    consultant = is_consultant(request.user)
    sent = _reads_sent(brief, consultant)
    if not (sent or consultant):
        pending = _memo_pending(request, brief)
        add_never_cache_headers(pending)
        return pending
    memo = _memo_for(brief, signatory(request.user) if consultant else None)
    if not sent:  # a consultant's preview: rendered now, never kept
        response = HttpResponse(render_memo_pdf(memo, preview=True), content_type="application/pdf")
        add_never_cache_headers(response)
    else:
        response = _stored_pdf(request, SentMemo.objects.latest_for(brief) or memo_pdf_store(brief=brief))
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=memo_filename(memo))
    return _count_reading(request, brief, response) if sent and not consultant else response


def _stored_pdf(request: HttpRequest, stored: SentMemo) -> HttpResponse:
    """A sent version's PDF as stored, with its SHA-256 as the ETag (kept by the browser, checked each time)."""
    tag = f'"{stored.etag}"'
    if tag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(bytes(stored.pdf), content_type="application/pdf")
    response["ETag"] = tag
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def memo_version_pdf(request: HttpRequest, token: str, number: int) -> HttpResponse:
    """One sent version of the memo, earlier ones included, byte for byte as it was sent. A version
    being prepared does not exist here until it is sent: the same 404 as a number never used."""
    brief = submitted_brief_for_token(token)
    stored = SentMemo.objects.filter(brief=brief, number=number).first()
    if stored is None:
        raise Http404("No such version")
    memo = memo_from_snapshot(stored.snapshot) if stored.snapshot is not None else memo_for_client(brief)
    response = _stored_pdf(request, stored)
    filename = memo_filename(memo).removesuffix(".pdf") + f"-v{stored.number}.pdf"
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=filename)
    consultant = is_consultant(request.user)
    return response if consultant else _count_reading(request, brief, response)
