"""The memo's content, its snapshot, and what freezing guarantees."""

import dataclasses
import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from decisions.assessment import ASSUMED_MONTHLY_QUERIES
from decisions.ladder import Approach, Facts, RuleId, recommend
from decisions.models import AssumptionSet
from decisions.money import said
from decisions.services import assumptions_revise
from scoping.memos.build import memo_from_snapshot, memo_with_review
from scoping.memos.pdf import memo_html, render_memo_pdf
from scoping.memos.snapshots import from_json, to_json
from scoping.models import Brief
from scoping.services.memo import memo_freeze
from scoping.templatetags.memo_tags import weeks
from tests.support.factories import BriefFactory
from tests.support.pdfs import pdf_text

pytestmark = pytest.mark.django_db

FT_JUSTIFIED = Facts(
    strict_output_format=True, has_eval_set=True, prompting_status="measured_insufficient", prompting_shortfall="format"
)


def test_a_memo_survives_its_snapshot_exactly():
    memo = memo_with_review(BriefFactory(facts=FT_JUSTIFIED, monthly_queries=123_456, consultant_note="Ça va <b>"))

    stored = json.loads(json.dumps(to_json(memo)))

    assert memo_from_snapshot(stored) == memo


def test_the_snapshot_refuses_what_it_cannot_rebuild():
    with pytest.raises(TypeError, match="cannot snapshot"):
        to_json({"a": 1})
    with pytest.raises(TypeError, match="cannot rebuild"):
        from_json(int, "12")


def test_a_missing_volume_is_assumed_and_said():
    memo = memo_with_review(BriefFactory())

    assert memo.monthly_queries == ASSUMED_MONTHLY_QUERIES
    assert memo.volume_assumed


def test_a_frozen_memo_ignores_later_changes_to_prices_answers_and_rules(monkeypatch):
    brief = BriefFactory(facts=FT_JUSTIFIED, monthly_queries=50_000, consultant_note="First note")
    before = memo_with_review(brief)
    brief = memo_freeze(brief=brief)

    proposed = AssumptionSet.current()
    proposed.frontier_price_per_million_tokens = Decimal("50")
    proposed.budget_brackets = "1000,2000"
    assumptions_revise(proposed=proposed, by=None)
    brief.strict_output_format = False
    brief.consultant_note = "Second note"
    brief.save()
    monkeypatch.setattr(
        "decisions.assessment.recommend", lambda facts: dataclasses.replace(recommend(facts), reasons=())
    )

    after = memo_with_review(brief)
    assert after == before
    assert after.assumptions_version == 1
    assert after.approach is Approach.FINE_TUNING
    assert memo_freeze(brief=brief).memo_snapshot == brief.memo_snapshot  # freezing again keeps the first


def test_a_memo_over_the_clients_budget_says_so_first_among_the_points_to_watch():
    brief = BriefFactory(facts=Facts(needs_knowledge=True, multi_tenant=True), monthly_queries=50_000)
    Brief.objects.filter(pk=brief.pk).update(budget_high=25_000, budget_currency="EUR")
    brief.refresh_from_db()

    memo = memo_with_review(brief)

    assert memo.points_to_watch[0].rule_id == "watch-over-budget"
    assert "up to €25,000" in memo.points_to_watch[0].text


def test_a_memo_within_budget_has_no_budget_point():
    brief = BriefFactory(facts=Facts())
    Brief.objects.filter(pk=brief.pk).update(budget_high=10_000_000, budget_currency="GBP")
    brief.refresh_from_db()

    assert all(point.rule_id != "watch-over-budget" for point in memo_with_review(brief).points_to_watch)


@pytest.mark.parametrize(("low", "high", "covers"), [(None, 10_000_000, True), (200_000, None, False)])
def test_the_memo_says_a_budget_covers_the_first_year_only_where_it_has_a_ceiling(low, high, covers):
    """ "From $200,000" says nothing of how far the client would go: nothing is said to fit in it."""
    brief = BriefFactory(facts=Facts())
    Brief.objects.filter(pk=brief.pk).update(budget_low=low, budget_high=high, budget_currency="USD")
    brief.refresh_from_db()

    html = memo_html(memo_with_review(brief), preview=True)

    assert "Your budget for the first year:" in html
    assert ("It covers the first year at both ends of the timeline." in html) is covers


@pytest.mark.parametrize(
    ("span", "text"),
    [
        ((0.2, 0.2), "a few days"),
        ((0.25, 0.25), "about 0.5 weeks"),
        ((1, 1), "about 1 week"),
        ((2, 2), "about 2 weeks"),
        ((1.25, 3.75), "1.5–4 weeks"),
    ],
)
def test_spans_of_weeks_read_as_people_say_them(span, text):
    assert weeks(span) == text


def test_the_clients_reviewers_are_told_beside_the_figures_and_never_weigh_on_the_budget():
    """A person checking each of 100,000 outputs a month costs the client far more than the system: the
    memo says so beside the figures, and the bracket and the budget's fit are about what the system costs."""
    brief = BriefFactory(facts=Facts(), monthly_queries=100_000, human_review=True)
    without = memo_with_review(BriefFactory(facts=Facts(), monthly_queries=100_000))
    budget = int(without.estimate.first_year.high) + 1
    Brief.objects.filter(pk=brief.pk).update(budget_high=budget, budget_currency="EUR")
    brief.refresh_from_db()

    memo = memo_with_review(brief)

    assert (memo.estimate.first_year, memo.bracket) == (without.estimate.first_year, without.bracket)
    assert all(point.rule_id != "watch-over-budget" for point in memo.points_to_watch)
    text = pdf_text(render_memo_pdf(memo, preview=True))
    (review,) = memo.estimate.beside
    assert (
        "Not in these figures, and not in the budget bracket: a person checking each output, your own staff's time "
        f"from launch, about €{said(review.printed[0]):,.0f} a month ({review.basis})."
    ) in text
    assert "of which your own staff's time" not in text


def test_the_memo_says_at_what_size_it_priced_knowledge_the_brief_did_not_size():
    sized_at = "the brief does not give its size: priced at about 50,000 tokens, some 100 pages"
    unsized = memo_with_review(BriefFactory(facts=Facts(needs_knowledge=True)))
    sized = memo_with_review(BriefFactory(facts=Facts(needs_knowledge=True, corpus_tokens=10_000)))

    assert unsized.approach is Approach.PROMPTING
    assert sized_at in " ".join(memo_html(unsized, preview=True).split())
    assert sized_at not in " ".join(memo_html(sized, preview=True).split())


def test_tables_of_costs_print_whole_units_at_any_size_so_they_add_up():
    """At twenty million requests a month the tables run into millions: their cells are printed in
    full (a compact €2M beside €36,702 would not add up to the €2.1M below), the prose stays compact."""
    brief = BriefFactory(monthly_queries=20_000_000, facts=Facts(input_tokens=1_000))
    memo = memo_with_review(brief)
    html = memo_html(memo, preview=False)
    costs = html[html.index("Once, to build</caption>") : html.index('id="compare-title"')]

    cells = re.findall(r"<td[^>]*>€([\d,.]+)([kMBT]?)", costs)
    assert cells
    assert all(suffix == "" for _, suffix in cells), "whole units in every cell"
    first_year = costs[costs.index("The first year, from the start") :]
    build, running, total = (
        [
            int(figure.replace(",", ""))
            for figure in re.findall(r"<td>€([\d,]+)", first_year[first_year.index(row) :])[:2]
        ]
        for row in ("The build, once", "Running it for the rest", "The first year</th>")
    )
    assert max(total) >= 1_000_000, "the case this test is about: a first year in millions"
    assert [b + r for b, r in zip(build, running, strict=True)] == total
    assert re.search(r"€\d+(\.\d)?M", html), "headlines and prose stay compact"
    # Here the shorter build is the dearer first year (more months of running): the bracket of the
    # range's lower end is named by the figure, not by the timeline's short end.
    lower = memo.pricing.short_end_bracket
    assert lower is not None and min(total) < lower.high < max(total)  # noqa: PT018
    assert f"at its lower end the first year falls in the {lower.label} bracket" in html


def test_a_date_the_build_cannot_keep_is_among_the_memos_points_to_watch():
    soon = BriefFactory(deadline=timezone.localdate() + timedelta(days=14))
    later = BriefFactory(deadline=timezone.localdate() + timedelta(days=365))

    (watch,) = (w for w in memo_with_review(soon).points_to_watch if w.rule_id is RuleId.WATCH_DEADLINE)

    assert "about 2 weeks after the date of this memo" in watch.text
    assert "so it cannot all be live by then" in watch.text
    assert RuleId.WATCH_DEADLINE not in {w.rule_id for w in memo_with_review(later).points_to_watch}
    assert watch.text in memo_html(memo_with_review(soon), preview=False)
