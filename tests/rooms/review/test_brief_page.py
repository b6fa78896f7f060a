"""A brief's page for reading, then deciding: the brief at a glance with its estimate, the answers in
words, and an estimate that follows the override and the adjustment as they are typed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from decisions.ladder import Facts
from decisions.models import AssumptionSet
from decisions.services import assumptions_revise
from scoping.models import Brief
from scoping.services.memo import memo_send
from scoping.services.review import brief_close
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db


def page(client, brief) -> str:
    return client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text


def estimate(client, brief, **params):
    return client.get(reverse("admin:scoping_brief_estimate", args=[brief.pk]), params)


def test_the_page_opens_with_the_brief_at_a_glance_then_the_answers_in_words(client, consultant):
    brief = BriefFactory(
        facts=Facts(needs_knowledge=True, corpus_documents=40_000, needs_citations=True),
        monthly_queries=20000,
    )
    Brief.objects.filter(pk=brief.pk).update(budget_low=50_000, budget_high=100_000, budget_currency="GBP")
    client.force_login(consultant)

    html = page(client, brief)

    glance = html[html.index('class="brief-overview"') : html.index("The client&#x27;s answers")]
    assert brief.reference in glance
    assert "Submitted" in glance
    assert "nobody assigned" in glance
    assert "Retrieval-augmented generation (RAG)" in glance
    assert "First-year budget" in glance and "€" in glance  # noqa: PT018
    assert "£50,000 – £100,000" in glance, "the client's own budget, in their currency"
    assert "in GBP" in glance, "and the estimate in it"
    assert "v1" in glance
    answers = html[html.index("The client&#x27;s answers") : html.index('id="fieldset-0-1-heading"')]
    assert "20,000" in answers, "numbers with separators"
    assert "40,000" in answers
    assert ">yes<" in answers and ">no<" in answers  # noqa: PT018
    assert "icon-yes" not in answers, "words, not icons"
    assert html.index("The client&#x27;s answers") < html.index(">Review<"), "answers before the review"


def test_the_answers_list_only_the_questions_the_client_was_asked():
    """ "Why did prompting fall short?" is asked only of a client who measured it short."""
    from scoping.review.overview import answers_in_words

    informal = BriefFactory(facts=Facts(prompting_status="tried_informally"))
    measured = BriefFactory(facts=Facts(has_eval_set=True, prompting_status="measured_insufficient",
                                        prompting_shortfall="format"))  # fmt: skip

    def labels(brief):
        return [label for _, rows in answers_in_words(brief) for label, _ in rows]

    assert "Why prompting fell short" not in labels(informal)
    assert "Documents" not in labels(informal), "no knowledge to look things up in: not asked"
    assert "Why prompting fell short" in labels(measured)
    unsized = BriefFactory(facts=Facts(needs_knowledge=True))
    documents = dict(row for _, rows in answers_in_words(unsized) for row in rows)["Documents"]
    assert documents == "not known yet", "a count left blank is never read as zero documents"


def test_new_assumptions_are_flagged_with_the_bracket_the_brief_had(client, consultant):
    brief = BriefFactory(facts=Facts(needs_knowledge=True, multi_tenant=True), monthly_queries=20_000)
    client.force_login(consultant)
    before = estimate(client, brief).text
    dearer = AssumptionSet.current()
    dearer.team_weekly_rate = Decimal("30000")
    assumptions_revise(proposed=dearer, by=None)

    glance = page(client, brief)

    assert "changed since it arrived" not in before
    assert "changed since it arrived" in glance
    assert "It arrived under v1, when its bracket was" in glance


def test_the_estimate_follows_the_adjustment_and_the_override_as_typed(client, consultant):
    brief = BriefFactory(monthly_queries=20_000)
    client.force_login(consultant)

    raised = estimate(client, brief, budget_adjustment_percent="60", approach_override="").text
    overridden = estimate(client, brief, budget_adjustment_percent="0", approach_override="rag").text
    nonsense = estimate(client, brief, budget_adjustment_percent="lots", approach_override="").text

    assert "team effort raised by 60%, from" in raised
    assert "Retrieval-augmented generation (RAG) (override)" in overridden
    assert "the adjustment must be a whole number from -50 to 200" in nonsense
    assert Brief.objects.get(pk=brief.pk).budget_adjustment_percent == 0, "nothing saved"


def test_the_estimate_is_for_consultants_only(client, outsider):
    brief = BriefFactory()
    client.force_login(outsider)

    assert estimate(client, brief).status_code in (302, 403)


def test_a_drafts_page_opens(client, consultant):
    draft = Brief.objects.create(contact_name="Sam", contact_email="sam@x.example", company="Halfway", steps_done=2)
    client.force_login(consultant)

    response = client.get(reverse("admin:scoping_brief_change", args=[draft.pk]))

    assert response.status_code == 200
    assert 'name="add_note"' not in response.text


def test_the_flag_shows_only_where_new_assumptions_moved_the_bracket(client, consultant):
    brief = BriefFactory(monthly_queries=1_000)
    client.force_login(consultant)
    nudge = AssumptionSet.current()
    nudge.retrieval_cost_per_query = Decimal("0.00201")
    assumptions_revise(proposed=nudge, by=None)

    assert "changed since it arrived" not in page(client, brief)


def test_a_brief_won_shows_its_deal_in_the_header(client, consultant):
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    brief_close(brief=brief, actor=consultant, won=True, reason="Signed the SOW", value=Decimal("48000"))
    client.force_login(consultant)

    assert "Won: a deal of €48,000. Signed the SOW" in page(client, brief)
