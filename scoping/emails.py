"""The emails about a brief, each as text and HTML, built from templates in templates/scoping/emails/:
one builder for each kind of email (OutgoingEmail.Kind). Building reads and never writes; the
outbox (scoping.services.mail) owes, sends and retries them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from scoping.deadlines import DUE_SOON_WORDS
from scoping.lifecycle import DECLINE
from scoping.memos.build import memo_sent, memo_with_review
from scoping.memos.content import Memo
from scoping.memos.pdf import memo_filename, render_memo_pdf
from scoping.models import Brief, OutgoingEmail, SentMemo
from scoping.site import site_url
from scoping.team import consultant_emails


def private_link(brief: Brief) -> str:
    """The client's link to their brief: to finish it while a draft, then to follow it."""
    return site_url(reverse("scoping:brief", args=[brief.token]))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _message(
    template: str, subject: str, to: list[str], brief: Brief, *, reply_to: str, **context: object
) -> EmailMultiAlternatives:
    context = {"brief": brief, "link": private_link(brief), "consultancy_name": settings.CONSULTANCY_NAME, **context}
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


def unread_memo(brief: Brief) -> EmailMultiAlternatives | None:
    """To the consultant who signed a sent memo its client has not opened yet (else the team)."""
    signed_by = memo_with_review(brief).signed_by
    to = [signed_by.email] if signed_by else consultant_emails()
    if not to:
        return None
    return _message(
        "unread_memo",
        f"Not yet opened: the scope memo {brief.reference} for {brief.company}",
        to,
        brief,
        reply_to=brief.contact_email,
        admin_link=site_url(reverse("admin:scoping_brief_change", args=[brief.pk])),
    )


def _to_the_assignee(template: str, subject: str, brief: Brief) -> EmailMultiAlternatives | None:
    """A note about a brief to its assignee, or with nobody assigned (or no address) to every consultant."""
    assignee = brief.assigned_to
    to = [assignee.email] if assignee is not None and assignee.email else consultant_emails()
    if not to:
        return None
    link = site_url(reverse("admin:scoping_brief_change", args=[brief.pk]))
    return _message(
        template, subject, to, brief, reply_to=settings.CONSULTANCY_EMAIL, admin_link=link, due_soon=DUE_SOON_WORDS
    )


def assigned(brief: Brief) -> EmailMultiAlternatives | None:
    return _to_the_assignee("assigned", f"Assigned to you: {brief.reference}, {brief.company}", brief)


def due_soon(brief: Brief) -> EmailMultiAlternatives | None:
    return _to_the_assignee("deadline", f"Reply due within {DUE_SOON_WORDS}: {brief.reference}", brief)


def overdue(brief: Brief) -> EmailMultiAlternatives | None:
    return _to_the_assignee("deadline", f"Reply overdue: {brief.reference}, {brief.company}", brief)


def scope_accepted(brief: Brief) -> EmailMultiAlternatives | None:
    """To the assignee (or the team): the client accepted the current version, with the way to mark it won."""
    assignee = brief.assigned_to
    to = [assignee.email] if assignee is not None and assignee.email else consultant_emails()
    latest = SentMemo.objects.latest_for(brief)
    accepted = latest.accepted if latest is not None else None
    if not to or accepted is None:
        return None
    return _message(
        "scope_accepted",
        f"Scope accepted: {brief.reference}, {brief.company}",
        to,
        brief,
        reply_to=brief.contact_email,
        accepted=accepted,
        admin_link=site_url(reverse("admin:scoping_brief_change", args=[brief.pk])),
        won_link=site_url(reverse("admin:scoping_brief_won", args=[brief.pk])),
    )


def questions(brief: Brief) -> EmailMultiAlternatives | None:
    """To the client: the questions still open about their brief, and the page that takes the answers."""
    asked = list(brief.questions.filter(answered_at__isnull=True).select_related("asked_by"))
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
    )


def questions_answered(brief: Brief) -> EmailMultiAlternatives | None:
    """To the assignee (or the team): the client answered; what changed is on the brief's page."""
    assignee = brief.assigned_to
    to = [assignee.email] if assignee is not None and assignee.email else consultant_emails()
    if not to:
        return None
    answered = list(brief.questions.filter(answered_at__isnull=False).order_by("-answered_at", "-pk")[:20])
    latest = [q for q in answered if q.answered_at == answered[0].answered_at] if answered else []
    return _message(
        "questions_answered",
        f"Answers from {brief.company}: {brief.reference}",
        to,
        brief,
        reply_to=brief.contact_email,
        answered=list(reversed(latest)),
        admin_link=site_url(reverse("admin:scoping_brief_change", args=[brief.pk])),
    )


def declined(brief: Brief, *, message: str | None = None) -> EmailMultiAlternatives:
    """The polite no; its line of the consultant's own is the decline's, or ``message`` (a preview)."""
    if message is None:
        event = brief.events.filter(action=DECLINE.name).last()
        message = event.detail if event else ""
    return _message(
        "declined",
        f"Your brief: {brief.project_title} ({brief.reference})",
        [brief.contact_email],
        brief,
        reply_to=settings.CONSULTANCY_EMAIL,
        message=message,
    )


Kind = OutgoingEmail.Kind
BUILDERS: dict[OutgoingEmail.Kind, Callable[[Brief], EmailMultiAlternatives | None]] = {
    Kind.ACKNOWLEDGMENT: acknowledgment,
    Kind.CONSULTANT_NOTIFICATION: consultant_notification,
    Kind.RESUME_LINK: resume_link,
    Kind.MEMO: memo,
    Kind.DECLINED: declined,
    Kind.UNREAD_MEMO: unread_memo,
    Kind.ASSIGNED: assigned,
    Kind.DUE_SOON: due_soon,
    Kind.OVERDUE: overdue,
    Kind.SCOPE_ACCEPTED: scope_accepted,
    Kind.QUESTIONS: questions,
    Kind.QUESTIONS_ANSWERED: questions_answered,
}
assert set(BUILDERS) == set(Kind), "every kind of email needs its builder"


def build_email(kind: OutgoingEmail.Kind, brief_id: int) -> EmailMultiAlternatives | None:
    """The message of this kind about this brief, or None when there is nobody to send it to (the
    brief was erased meanwhile, or no consultant addresses are configured)."""
    brief = Brief.objects.filter(pk=brief_id).first()
    return None if brief is None else BUILDERS[kind](brief)
