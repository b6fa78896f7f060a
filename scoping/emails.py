"""The emails about a brief, each as text and HTML, built from templates in templates/scoping/emails/:
one builder for each kind of email (OutgoingEmail.Kind). Building reads and never writes; the
outbox (scoping.services.mail) owes, sends and retries them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from scoping.deadlines import DUE_SOON_WORDS
from scoping.lifecycle import DECLINE
from scoping.memos.build import memo_sent, memo_with_review
from scoping.memos.content import Memo
from scoping.memos.pdf import memo_filename, render_memo_pdf
from scoping.models import Brief, Notice, OutgoingEmail, SentMemo
from scoping.site import site_url
from scoping.team import consultant_emails, person


def private_link(brief: Brief) -> str:
    """The client's link to their brief: to finish it while a draft, then to follow it."""
    return site_url(reverse("scoping:brief", args=[brief.token]))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _message(
    template: str, subject: str, to: list[str], brief: Brief | None, *, reply_to: str, **context: object
) -> EmailMultiAlternatives:
    link = private_link(brief) if brief is not None else ""
    context = {"brief": brief, "link": link, "consultancy_name": settings.CONSULTANCY_NAME, **context}
    message = EmailMultiAlternatives(
        subject=_one_line(subject),
        # A text template renders with autoescape off: its output is plain text, not HTML. Drop the
        # "safe" mark Django gives it, so a page that shows it (the send page's preview) escapes it.
        body=str.__str__(render_to_string(f"scoping/emails/{template}.txt", context)),
        to=to,
        reply_to=[reply_to],
    )
    message.attach_alternative(render_to_string(f"scoping/emails/{template}.html", context), "text/html")
    return message


def acknowledgment(brief: Brief) -> EmailMultiAlternatives:
    return _message(
        "acknowledgment",
        f"We have your brief ({brief.reference})",  # no sender-chosen text in a subject
        [brief.contact_email],
        brief,
        reply_to=settings.CONSULTANCY_EMAIL,
        recommendation=brief.recommendation(),
    )


def consultant_notification(brief: Brief) -> EmailMultiAlternatives | None:
    """A new brief, to every consultant (and CONSULTANT_EMAILS)."""
    team = consultant_emails()
    if not team:
        return None
    return _message(
        "consultant_notification",
        f"New brief {brief.reference}: {brief.company}, {brief.project_title}",
        team,
        brief,
        reply_to=brief.contact_email,
        recommendation=brief.recommendation(),
        admin_link=site_url(reverse("admin:scoping_brief_change", args=[brief.pk])),
    )


def resume_link(brief: Brief) -> EmailMultiAlternatives:
    # Anyone can type any address on the form, so this email says nothing else the sender chose: the
    # name they gave, as the greeting (a first name, cut short), helps the real owner recognise it.
    subject = f"Your brief to {settings.CONSULTANCY_NAME}: the link to finish it"
    return _message("resume_link", subject, [brief.contact_email], brief, reply_to=settings.CONSULTANCY_EMAIL)


def memo(brief: Brief, *, attach_pdf: bool = True, content: Memo | None = None) -> EmailMultiAlternatives:
    """The scope memo from the consultant who signs it (replies go to them): the PDF attached, and
    the link to the report and the memo. Without ``attach_pdf`` (for the consultant's preview of the
    email, with ``content``, the memo as it would go if they sent it now) the PDF is not rendered."""
    # The version this email carries: the latest sent, or (the send page's preview) the one to come.
    latest = SentMemo.objects.latest_for(brief)
    sent_number = latest.number if latest is not None else 0
    number = sent_number + 1 if (content is not None and not attach_pdf) else max(sent_number, 1)
    content = content or memo_sent(brief) or memo_with_review(brief)  # frozen by the time the task sends it
    revised = "revised " if number > 1 else ""
    message = _message(
        "memo",
        brief.memo_email_subject or f"Your {revised}scope memo: {brief.project_title} ({brief.reference})",
        [brief.contact_email],
        brief,
        reply_to=content.signed_by.email if content.signed_by else settings.CONSULTANCY_EMAIL,
        memo=content,
        booking_url=settings.CONSULTANCY_BOOKING_URL,
        version=number,
    )
    if brief.memo_email_text:  # the consultant's own words, as they wrote them on the send page
        message.body = brief.memo_email_text
        html = render_to_string("scoping/emails/memo_own_words.html", {"text": brief.memo_email_text})
        message.alternatives = []
        message.attach_alternative(html, "text/html")
    if attach_pdf:  # the PDF stored when it was sent: the attachment and every download are the same bytes
        pdf = bytes(latest.pdf) if latest is not None else render_memo_pdf(content, preview=False)
        message.attach(memo_filename(content), pdf, "application/pdf")
    return message


@dataclass(frozen=True)
class NoticeLine:
    """One notice as an email lists it: the brief, what happened, who did it, and the link to it."""

    notice: Notice
    brief: Brief
    what: str
    by: str
    admin_link: str


def notice_subject(notices: list[Notice]) -> str:
    """The one subject of every email to a consultant about briefs, one notice or a digest: what, how
    many, and for which companies ("Your briefs: 2 overdue, 1 mention: Acme, Northwind")."""
    counts = Counter(notice.state for notice in notices)
    what = ", ".join(f"{counts[kind]} {kind.plural}" for kind in Notice.Kind if counts[kind])
    companies = list(dict.fromkeys(notice.brief.company for notice in notices))
    named = ", ".join(companies[:3]) + (f" and {len(companies) - 3} more" if len(companies) > 3 else "")
    return f"Your briefs: {what}: {named}"


def notices(email: OutgoingEmail) -> EmailMultiAlternatives | None:
    """What a consultant is told, one notice or a digest of many: each brief by company, what happened
    and the link to open it, most urgent first."""
    carried = list(email.notices.select_related("brief", "recipient", "by", "brief__assigned_to"))
    if not carried or not carried[0].recipient.email:
        return None
    order = list(Notice.Kind)
    carried.sort(key=lambda notice: (order.index(notice.state), notice.created_at))
    lines = [
        NoticeLine(
            notice,
            notice.brief,
            notice.get_kind_display(),
            person(notice.by) if notice.by is not None else "",
            site_url(reverse("admin:scoping_brief_change", args=[notice.brief_id])),
        )
        for notice in carried
    ]
    return _message(
        "notices",
        notice_subject(carried),
        [carried[0].recipient.email],
        email.brief,
        reply_to=settings.CONSULTANCY_EMAIL,
        lines=lines,
        recipient=person(carried[0].recipient),
        due_soon=DUE_SOON_WORDS,
    )


def questions(brief: Brief) -> EmailMultiAlternatives | None:
    """To the client: the questions still open about their brief, and the page that takes the answers."""
    asked = list(brief.questions.waiting().select_related("asked_by"))
    if not asked:
        return None  # answered before the email went: nothing to ask
    by = asked[-1].asked_by
    return _message(
        "questions",
        f"A question about your brief ({brief.reference})"
        if len(asked) == 1
        else f"{len(asked)} questions about your brief ({brief.reference})",
        [brief.contact_email],
        brief,
        reply_to=by.email if by is not None and by.email else settings.CONSULTANCY_EMAIL,
        asked=asked,
        answer_link=site_url(reverse("scoping:brief_questions", args=[brief.token])),
        reply=brief.reply_state(),  # asked after the deadline, it does not wait; revising, there is none
    )


def declined(brief: Brief, *, message: str) -> EmailMultiAlternatives:
    """The polite no, with the consultant's own line (``message``, if any)."""
    return _message(
        "declined",
        f"Your brief: {brief.project_title} ({brief.reference})",
        [brief.contact_email],
        brief,
        reply_to=settings.CONSULTANCY_EMAIL,
        message=message,
    )


def declined_owed(email: OutgoingEmail) -> EmailMultiAlternatives | None:
    """The polite no that ``email`` owes, with the line of the decline that owed it: None when that
    no was taken back (the brief reopened since) or is another decline's to tell (declined again
    since, and that decline said whether to email and what). Built when it goes, a row that waited
    (a mail server down, a consultant's "send again") never carries a later decline's line."""
    brief = Brief.objects.filter(pk=email.brief_id, status=Brief.Status.DECLINED).first()
    if brief is None:
        return None
    declines = brief.events.filter(action=DECLINE.name).order_by("at", "pk")
    owing = declines.filter(at__lte=email.created_at).last()
    if owing is None or declines.filter(at__gt=email.created_at).exists():
        return None
    return declined(brief, message=owing.detail)


Kind = OutgoingEmail.Kind
BUILDERS: dict[OutgoingEmail.Kind, Callable[[Brief], EmailMultiAlternatives | None]] = {
    Kind.ACKNOWLEDGMENT: acknowledgment,
    Kind.CONSULTANT_NOTIFICATION: consultant_notification,
    Kind.RESUME_LINK: resume_link,
    Kind.MEMO: memo,
    Kind.QUESTIONS: questions,
}
# The emails built from their rows rather than from a brief as it stands: the notices a row carries,
# and the decline that owed it.
ROW_BUILDERS: dict[OutgoingEmail.Kind, Callable[[OutgoingEmail], EmailMultiAlternatives | None]] = {
    Kind.NOTICES: notices,
    Kind.DECLINED: declined_owed,
}
assert set(BUILDERS) | set(ROW_BUILDERS) == set(Kind), "every kind of email needs its builder"


def build_email(email: OutgoingEmail) -> EmailMultiAlternatives | None:
    """The message an outbox row owes, or None when there is nobody to send it to (the brief was
    erased meanwhile, no consultant addresses are configured, the consultant has no address) or it
    is no longer owed (a decline taken back)."""
    if email.kind in ROW_BUILDERS:
        return ROW_BUILDERS[OutgoingEmail.Kind(email.kind)](email)
    brief = Brief.objects.filter(pk=email.brief_id).first()
    return None if brief is None else BUILDERS[OutgoingEmail.Kind(email.kind)](brief)
