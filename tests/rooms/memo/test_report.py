"""The client's report page and the PDF memo: access, content, escaping, the chart and the PDF's make-up."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core import mail
from django.test import override_settings
from django.utils.formats import date_format

from decisions.ladder import Approach, Facts
from decisions.matrix import COST_MATRIX
from decisions.models import AssumptionSet
from decisions.services import assumptions_revise
from scoping.memos.build import memo_for_client, memo_with_review
from scoping.memos.pdf import memo_html
from scoping.models import SentMemo
from scoping.services.memo import memo_send
from tests.support.factories import BriefFactory
from tests.support.pdfs import pdf_text, read_pdf, unembedded_fonts

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script> & \"Ünïcødé\" ✓"
SVG = re.compile(r"<svg class=\"cost-chart\".*?</svg>", re.S)


def report_url(brief):
    return f"/brief/{brief.token}/report/"


def memo_url(brief):
    return f"/brief/{brief.token}/memo.pdf"


def sent(brief, consultant):
    """Sent as production sends it: frozen, stamped and emailed, through the service."""
    return memo_send(brief=brief, actor=consultant)


def test_the_client_sees_the_preliminary_report(client, client_brief):
    response = client.get(report_url(client_brief))

    assert response.status_code == 200
    for text in (
        "Preliminary recommendation",
        "Why we recommend it",
        "What would change this",
        "Next steps",
        "What it costs",
        "Once, to build",
        "Each month from launch",
        "Each approach at your volume",
        "Budget and timeline",
        "Source: The right frame",
    ):
        assert text in response.text
    assert response.headers["Cache-Control"].startswith("max-age=0")
    assert '<meta name="robots" content="noindex">' in response.text


def test_the_recommended_matrix_row_is_highlighted(client):
    brief = BriefFactory(facts=Facts(needs_knowledge=True, multi_tenant=True))

    html = client.get(report_url(brief)).text

    highlighted = [name.strip() for name in re.findall(r'<tr class="recommended">\s*<th scope="row">([^<]+)', html)]
    # The costs table and the matrix highlight the approach; the chart's table highlights the volume.
    assert highlighted == ["Retrieval-augmented generation (RAG)", "Retrieval-augmented generation (RAG)", "10,000"]


# A consultant's five more are their permissions (they see the review in progress, clients never
# do), their signature (a preview is signed by its reader) and whether they set up a second factor
# (optional in development: one who has is asked for it).
@pytest.mark.parametrize(("who", "queries"), [("anonymous", 4), ("outsider", 4), ("consultant", 9)])
def test_the_report_takes_a_fixed_handful_of_queries(
    client, client_brief, outsider, consultant, who, queries, django_assert_max_num_queries
):
    if who != "anonymous":
        client.force_login({"outsider": outsider, "consultant": consultant}[who])
    AssumptionSet.current()  # the first revision is created once, on first use; count the steady state
    with django_assert_max_num_queries(queries):
        assert client.get(report_url(client_brief)).status_code == 200


@pytest.mark.parametrize("url", [report_url, memo_url])
def test_unknown_tokens_and_drafts_get_a_bare_404(client, client_brief, url):
    client_brief.status = "draft"
    client_brief.save()

    for token_url in (url(client_brief), url(client_brief).replace(client_brief.token, "x" * 43)):
        response = client.get(token_url)
        assert response.status_code == 404
        assert client_brief.company not in response.text


@override_settings(SCOPING_SHOW_PRELIMINARY=False)
def test_without_the_preliminary_report_the_client_waits_and_consultants_still_see_it(client, client_brief, consultant):
    waiting = client.get(report_url(client_brief))
    client.force_login(consultant)
    looking = client.get(report_url(client_brief))

    assert "Your scope memo is on its way" in waiting.text
    assert "Why we recommend it" not in waiting.text
    assert "Why we recommend it" in looking.text


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_the_client_gets_the_memo_only_once_it_is_sent(client, client_brief, outsider, consultant, who):
    if who == "outsider":
        client.force_login(outsider)

    before = client.get(memo_url(client_brief))
    after = client.get(memo_url(sent(client_brief, consultant)))

    assert before["Content-Type"].startswith("text/html")
    assert "Your scope memo is on its way" in before.text
    assert after["Content-Type"] == "application/pdf"
    assert "NOT YET SENT" not in pdf_text(after.content)


def test_a_consultant_previews_an_unsent_memo_any_time(client, client_brief, consultant):
    client.force_login(consultant)

    response = client.get(memo_url(client_brief))

    assert response["Content-Type"] == "application/pdf"
    assert "PREVIEW: NOT YET SENT TO THE CLIENT" in pdf_text(response.content)


def test_the_pdf_holds_the_approach_every_matrix_row_the_bracket_and_the_client(client, consultant):
    brief = BriefFactory(
        contact_name="Ada Lovelace",
        company="Engine Works",
        monthly_queries=200_000,
        facts=Facts(needs_knowledge=True, corpus_documents=50_000),
    )
    memo = memo_with_review(brief)
    client.force_login(consultant)

    text = pdf_text(client.get(memo_url(brief)).content)

    assert f"We recommend {Approach.RAG.label}" in text
    for row in COST_MATRIX:
        assert row.approach.label in text
        assert row.per_query_detail in text
    assert memo.bracket.label in text
    assert "Ada Lovelace" in text
    assert "Engine Works" in text
    assert re.search(r"\b1 / \d\b", text)


def test_the_pdf_is_tagged_titled_in_english_with_fonts_embedded(client, client_brief, consultant):
    client.force_login(consultant)
    response = client.get(memo_url(client_brief))
    reader = read_pdf(response.content)
    catalog = reader.trailer["/Root"]

    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == f"Scope memo: {client_brief.project_title} ({client_brief.company})"
    assert reader.pdf_header == "%PDF-1.7"
    assert unembedded_fonts(reader) == []
    assert re.fullmatch(
        r'inline; filename="scope-memo-acme-analytics-\d{1,2}-[a-z]+-\d{4}\.pdf"', response["Content-Disposition"]
    )


def test_hostile_text_is_escaped_in_html_and_literal_in_the_pdf(client, consultant):
    brief = BriefFactory(project_title=HOSTILE[:160], company="Evil <Corp>", consultant_note=HOSTILE)
    client.force_login(consultant)

    html = client.get(report_url(brief)).text
    text = pdf_text(client.get(memo_url(brief)).content)

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Evil &lt;Corp&gt;" in html
    assert HOSTILE in text
    assert "Evil <Corp>" in text


def test_the_chart_is_well_formed_with_one_series_per_approach_that_could_stand_in_the_same_in_page_and_pdf(
    client, consultant
):
    # Knowledge that fits a prompt, nothing measured: prompting and retrieval could each do the job; the
    # fine-tunes wait for the ladder's gate and are left off the chart (the table still prices them).
    brief = BriefFactory(facts=Facts(needs_knowledge=True, corpus_documents=20))
    client.force_login(consultant)
    page_svg = SVG.search(client.get(report_url(brief)).text).group(0)
    pdf_svg = SVG.search(memo_html(memo_with_review(brief), preview=True)).group(0)

    svg = ET.fromstring(page_svg)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    series = svg.findall("svg:polyline", ns)
    assert sorted(line.get("data-approach") for line in series) == ["prompting", "rag"]
    assert all(len(line.get("points").split()) >= 9 for line in series)
    assert svg.find("svg:title", ns).text == "Running cost a month by request volume"
    assert "cheapest to run" in svg.find("svg:desc", ns).text
    assert page_svg == pdf_svg


def test_the_pdf_lists_every_assumption_and_rule_figure_it_used(client, consultant):
    brief = BriefFactory(facts=Facts(needs_knowledge=True, corpus_documents=40, corpus_tokens=60_000))
    client.force_login(consultant)

    text = pdf_text(client.get(memo_url(brief)).content)

    version = AssumptionSet.current()
    for listed in (
        f"assumptions version {version.version}, with prices as of {date_format(version.prices_as_of)}",
        f"prompting and RAG on {version.frontier_model}, at €5.00 per million tokens",
        f"a fine-tune on {version.small_model}, at €0.60",
        f"Platform: {version.platform}",
        "€8,000 a week",
        "in the middle of its range: prompting 2 weeks; RAG 6 weeks; fine-tuning 2 weeks",
        "upkeep a month: prompting 0.25 weeks; RAG 0.5 weeks",
        "Contingency: 15% of the build",
        "retrained every 3 months (2 weeks)",
        "moved to a new base model every 18 months",
        "€1 = £0.85, €1 = $1.08",
        "a prompt carries up to 200,000 tokens",
        "a page is about 500 tokens",
        "estimated at one page and at that typical length",
        "past 10,000 documents knowledge counts as large",
        "knowledge changing monthly or more often",
        "from 1,000 labelled examples",
        "an eval set decides from 50 cases",
        "€25,000, €50,000, €100,000, €250,000, €500,000, then go on in steps of 1, 2 and 5",
    ):
        assert listed in text, listed


def test_a_frozen_memo_keeps_the_rule_figures_it_used(consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    brief.refresh_from_db()

    assert brief.memo_snapshot["rules"]["context_budget_tokens"] == 200_000
    assert memo_for_client(brief).rules.tokens_per_page == 500


def test_free_prices_still_draw_a_chart(client, consultant):
    proposed = AssumptionSet.current()
    proposed.frontier_price_per_million_tokens = proposed.team_weekly_rate = Decimal("0")
    assumptions_revise(proposed=proposed, by=None)
    brief = BriefFactory()
    client.force_login(consultant)

    assert client.get(report_url(brief)).status_code == 200


def test_a_sent_memo_is_rendered_once_and_served_as_stored_with_an_etag(
    client, consultant, django_capture_on_commit_callbacks
):
    brief = BriefFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        memo_send(brief=brief, actor=consultant)
    stored = SentMemo.objects.get(brief=brief)  # rendered for the email, once

    first = client.get(memo_url(brief))
    AssumptionSet.objects.update(team_weekly_rate=Decimal("1"))  # nothing later can change it
    second = client.get(memo_url(brief))
    revalidated = client.get(memo_url(brief), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.content == second.content == bytes(stored.pdf) == mail.outbox[-1].attachments[0][1]
    assert first["ETag"] == f'"{stored.etag}"'
    assert "no-store" not in first["Cache-Control"]
    assert revalidated.status_code == 304
    assert SentMemo.objects.count() == 1


def test_previews_are_never_stored(client, client_brief, consultant):
    client.force_login(consultant)
    response = client.get(memo_url(client_brief))
    assert "no-store" in response["Cache-Control"]
    assert not SentMemo.objects.exists()
