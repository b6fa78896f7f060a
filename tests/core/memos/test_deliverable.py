"""The memo as a consultant's deliverable: signed by who sends it, the note near the top, the first
phase's scope, how long the figures hold, a way to book a call, one spelling and one date format
in pages, the PDF and emails, and fonts for every script a client may type."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils.html import strip_tags

from decisions.ladder import Approach, Facts
from scoping.memos.build import memo_with_review, signatory
from scoping.memos.pdf import render_memo_pdf
from scoping.models import ConsultantProfile
from scoping.services.memo import memo_send
from scoping.services.review import brief_start_review
from tests.support.factories import BriefFactory, ConsultantFactory
from tests.support.pdfs import embedded_fonts_cover, pdf_text, read_pdf

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
NOTE = "Thank you for the call on Tuesday. We can start on 7 December."
ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")
AMERICAN = re.compile(r"\b(labeled|behavior|color|organization|analyze|favor)\b", re.I)


@pytest.fixture
def signer(db):
    user = ConsultantFactory(first_name="Priya", last_name="Shah", email="priya@consultancy.example")
    ConsultantProfile.objects.create(user=user, role="Principal consultant", phone="+44 20 7946 0000")
    return user


@pytest.fixture
def sent_brief(signer, django_capture_on_commit_callbacks):
    """Send a RAG brief's memo as ``signer``, with a note and any other ``review`` fields; the emails
    go out as they would once the transaction commits."""

    def send(**review):
        with django_capture_on_commit_callbacks(execute=True):
            brief = BriefFactory(
                facts=Facts(needs_knowledge=True, corpus_documents=40000),
                company="Northwind Traders",
                project_title="Answers for our support team",
                project_summary="Draft replies to customer questions from our manuals.",
            )
        brief = brief_start_review(brief=brief, actor=signer)
        for field, value in {"consultant_note": NOTE, **review}.items():
            setattr(brief, field, value)
        brief.save()
        with django_capture_on_commit_callbacks(execute=True):
            return memo_send(brief=brief, actor=signer)

    return send


def test_the_memo_email_says_when_the_estimate_is_over_the_clients_budget(sent_brief, mailoutbox):
    sent_brief(budget_high=20_000, budget_currency="GBP")
    sent_brief(budget_high=10_000_000, budget_currency="GBP")

    over, within = (m for m in mailoutbox if m.subject.startswith("Your scope memo"))

    said = "That is more than the first-year budget you gave us (up to £20,000): the memo says what would fit."
    assert said in over.body
    assert said in over.alternatives[0][0]
    assert "first-year budget you gave us" not in within.body


@time_machine.travel(datetime(2026, 11, 27, 10, 0, tzinfo=LONDON), tick=False)
def test_the_sent_memo_is_signed_scoped_and_dated(client, sent_brief, settings):
    settings.CONSULTANCY_BOOKING_URL = "https://book.example.com/priya"
    brief = sent_brief()

    text = pdf_text(client.get(reverse("scoping:memo_pdf", args=[brief.token])).content)

    assert "Prepared by Priya Shah, Principal consultant" in text
    assert "Date 27 November 2026 Valid until 27 December 2026" in text
    assert "Reviewed and signed off by Priya Shah, Principal consultant" in text
    assert "priya@consultancy.example · +44 20 7946 0000" in text
    assert "Book a call to go through this memo" in text
    assert "The figures hold until 27 December 2026" in text
    # The consultant's note right after the summary; the first phase's scope before the budget.
    order = [text.index(heading) for heading in (
        "Summary", "A note from your consultant", "Why we recommend it", "The first phase: discovery and eval set",
        "What you get", "Not included", "What we need from you", "Budget and timeline", "Next steps",
        "Reviewed and signed off", "Appendix · Assumptions and caveats",
    )]  # fmt: skip
    assert order == sorted(order)
    assert "An inventory of your knowledge sources" in text  # RAG: its deliverables follow the approach
    assert "Read access to the knowledge the system will use" in text


@time_machine.travel(datetime(2026, 11, 27, 10, 0, tzinfo=LONDON), tick=False)
def test_the_memo_email_comes_from_the_consultant_who_signed_it(sent_brief, settings, mailoutbox):
    settings.CONSULTANCY_BOOKING_URL = "https://book.example.com/priya"
    sent_brief()

    (message,) = [m for m in mailoutbox if m.subject.startswith("Your scope memo")]
    html = message.alternatives[0][0]

    assert message.reply_to == ["priya@consultancy.example"]
    assert "Priya Shah\nPrincipal consultant, Resser Solutions\npriya@consultancy.example" in message.body
    assert "The figures hold until 27 December 2026." in message.body
    assert 'href="https://book.example.com/priya"' in html
    for text in (message.body, html):  # a rounded figure is said to be one, as the memo says it
        assert re.search(r"\(a first year of €[\d,]+ – €[\d,]+, then about €[\d,]+ a year to run\)", text)


@time_machine.travel(datetime(2026, 11, 27, 10, 0, tzinfo=LONDON), tick=False)
def test_pages_pdf_and_emails_write_dates_one_way_and_spell_one_way(client, sent_brief):
    brief = sent_brief(approach_override=Approach.FINE_TUNING, override_reason="You told us the tone matters.")
    texts = {
        "home": client.get(reverse("scoping:brief", args=[brief.token])).text,
        "report": client.get(reverse("scoping:report", args=[brief.token])).text,
        "pdf": pdf_text(client.get(reverse("scoping:memo_pdf", args=[brief.token])).content),
        **{message.subject: message.body + message.alternatives[0][0] for message in mail.outbox},
    }

    for name, text in texts.items():
        words = strip_tags(text).replace(brief.token, "")  # what a reader sees, not markup or the link
        assert not ISO_DATE.search(words), name
        assert not AMERICAN.search(words), name
    assert "27 November 2026" in texts["home"]
    assert "Your brief to" not in texts  # the acknowledgment's date reads the same way
    acknowledgment = next(text for subject, text in texts.items() if subject.startswith("We have your brief"))
    assert "27 November 2026, 10:00 GMT" in acknowledgment


def test_a_preview_is_signed_by_the_consultant_reading_it(client, signer):
    brief = BriefFactory()
    other = ConsultantFactory(first_name="Tom", last_name="Ellis")
    client.force_login(other)

    report = client.get(reverse("scoping:report", args=[brief.token])).text

    assert "Reviewed and signed off by<br><strong>Tom Ellis</strong>, Consultant" in report
    assert memo_with_review(brief, signed_by=signatory(signer)).signed_by.name == "Priya Shah"


def test_the_clients_first_reading_is_signed_by_nobody_and_says_so(client, signer):
    brief = brief_start_review(brief=BriefFactory(), actor=signer)

    report = client.get(reverse("scoping:report", args=[brief.token])).text

    assert "signed off" not in report
    assert "not yet reviewed. A consultant reviews every brief" in report


def test_the_private_link_leads_with_the_memo_and_its_consultant(client, sent_brief, settings):
    settings.CONSULTANCY_BOOKING_URL = "https://book.example.com/priya"
    brief = sent_brief()

    page = client.get(reverse("scoping:brief", args=[brief.token])).text

    assert "Your scope memo is ready" in page
    assert "Priya Shah, Principal consultant, reviewed your brief and signed it off" in page
    assert f'href="{reverse("scoping:memo_pdf", args=[brief.token])}"' in page
    assert 'href="https://book.example.com/priya"' in page


@time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=LONDON), tick=False)
def test_before_the_memo_the_private_link_says_truthfully_where_the_brief_stands(client, signer):
    waiting, reviewing = BriefFactory(), brief_start_review(brief=BriefFactory(), actor=signer)

    waiting_page = client.get(reverse("scoping:brief", args=[waiting.token])).text
    assert "Your brief is waiting for a consultant to pick it up, and we will reply by" in waiting_page
    assert (
        "A consultant is reviewing your brief now" in client.get(reverse("scoping:brief", args=[reviewing.token])).text
    )
    with time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=LONDON), tick=False):
        late = client.get(reverse("scoping:brief", args=[reviewing.token])).text
    assert "and it is late: a consultant is reviewing your brief now" in late
    assert "By the time above" not in late


def test_every_script_and_emoji_a_client_types_is_printed_with_a_real_font(signer):
    title = "Ассистент 😀 Βοηθός مساعد עוזר"
    brief = BriefFactory(project_title=title)

    data = render_memo_pdf(memo_with_review(brief, signed_by=signatory(signer)), preview=False)

    characters = [char for char in title if not char.isspace()]
    assert all(embedded_fonts_cover(data, char) for char in characters), [
        char for char in characters if not embedded_fonts_cover(data, char)
    ]
    # Copied out of the PDF, the title reads in its logical order, emoji included (read as a screen
    # reader or a copy does, through each font's map back to the characters, with pypdf).
    assert title in " ".join(read_pdf(data).pages[0].extract_text().split())


def test_a_preview_follows_a_change_to_the_signature(client, signer):
    brief = BriefFactory()
    client.force_login(signer)
    url = reverse("scoping:report", args=[brief.token])
    assert "Principal consultant" in client.get(url).text

    ConsultantProfile.objects.filter(user=signer).update(role="Managing partner")

    assert "Priya Shah</strong>, Managing partner" in client.get(url).text


def test_the_send_page_warns_a_consultant_whose_user_cannot_sign_properly(client):
    nameless = ConsultantFactory(username="bob", email="")
    client.force_login(nameless)

    page = client.get(reverse("admin:scoping_brief_send", args=[BriefFactory().pk])).text

    assert "Your user has no full name and no email address: the memo would be signed “bob”" in page
    assert "replies would go to hello@example.com. Ask a superuser to add them to your user" in page
