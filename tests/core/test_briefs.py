import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from decisions.ladder import Approach, Facts
from scoping.memos.build import memo_for_client, memo_with_review
from scoping.models import Brief
from scoping.review.dashboard import dashboard
from scoping.services.intake import brief_submit
from scoping.services.review import brief_review_save, brief_start_review
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "contact_name": "Grace Hopper",
    "contact_email": "grace@example.com",
    "company": "Compiler Co",
    "project_title": "Assistant",
    "project_summary": "Answer questions from our manuals.",
}


def test_it_submits_a_brief_and_stores_every_answer():
    facts = Facts(
        needs_knowledge=True,
        corpus_documents=20_000,
        corpus_tokens=9_000_000,
        update_frequency="weekly",
        needs_citations=True,
        labeled_examples=12,
        fine_tune_goal="behavior",
        has_eval_set=True,
        prompting_status="tried_informally",
        rag_status="measured_sufficient",
    )

    brief = brief_submit(**ANSWERS, facts=facts, contact_role="CTO", monthly_queries=50_000)

    stored = Brief.objects.get(pk=brief.pk)
    assert stored.status == Brief.Status.SUBMITTED
    assert stored.submitted_at is not None
    assert stored.facts() == facts
    assert stored.engine_approach == Approach.RAG
    assert (stored.contact_role, stored.monthly_queries, stored.company) == ("CTO", 50_000, "Compiler Co")


def test_the_model_holds_a_column_for_every_fact():
    columns = {f.name for f in Brief._meta.get_fields()}

    assert {f.name for f in dataclasses.fields(Facts)} <= columns


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"contact_name": ""}, "contact_name"),
        ({"company": "x" * 161}, "company"),
        ({"project_summary": "x" * 5001}, "project_summary"),
    ],
)
def test_it_refuses_invalid_answers_and_saves_nothing(change, field):
    with pytest.raises(ValidationError) as error:
        brief_submit(**{**ANSWERS, **change}, facts=Facts())

    assert field in error.value.message_dict
    assert not Brief.objects.exists()


@pytest.mark.parametrize("name", ["status", "token", "submitted_at", "engine_approach", "colour"])
def test_optional_answers_cannot_set_internal_fields(name):
    with pytest.raises(TypeError, match="optional ones are"):
        brief_submit(**ANSWERS, facts=Facts(), **{name: "x"})

    assert not Brief.objects.exists()


def test_tokens_are_long_random_and_unique():
    tokens = {BriefFactory().token for _ in range(20)}

    assert len(tokens) == 20
    # 32 random bytes in URL-safe base64: 256 bits, far beyond the 128 a private link needs.
    assert all(len(t) == 43 and t.replace("-", "").replace("_", "").isalnum() for t in tokens)
    assert Brief._meta.get_field("token").unique


def test_a_brief_recommends_from_its_current_answers(client_brief):
    client_brief.needs_knowledge = client_brief.multi_tenant = True

    assert client_brief.recommendation().approach is Approach.RAG


def test_one_rule_for_the_final_approach_in_python_in_sql_and_in_the_memo(consultant):
    plain = BriefFactory(facts=Facts())
    overridden = brief_start_review(brief=BriefFactory(facts=Facts()), actor=consultant)
    overridden.approach_override, overridden.override_reason = Approach.RAG, "Their catalogue changes daily."
    overridden = brief_review_save(brief=overridden, actor=consultant, changed=["approach_override", "override_reason"])

    in_sql = dict(Brief.objects.with_final_approach().values_list("pk", "final_approach_code"))

    assert [plain.final_approach, overridden.final_approach] == [Approach.PROMPTING, Approach.RAG]
    for brief in (plain, overridden):
        assert in_sql[brief.pk] == brief.final_approach == memo_with_review(brief).approach
    mix = {label: count for _, label, count in dashboard(timezone.now()).approach_mix}
    assert (mix[Approach.PROMPTING.label], mix[Approach.RAG.label]) == (1, 1)


def test_the_memo_follows_the_approach_of_record_not_a_fresh_reading():
    # As if the rules had changed since the brief was submitted: list, filter and memo still agree.
    brief = BriefFactory(facts=Facts())
    Brief.objects.filter(pk=brief.pk).update(engine_approach=Approach.RAG)
    brief.refresh_from_db()

    assert brief.final_approach == memo_with_review(brief).approach == memo_for_client(brief).approach == Approach.RAG


@pytest.mark.parametrize(
    ("name", "greeted"),
    [("Maya Lindqvist", "Maya"), ("Dr. Wei Ng", "Dr. Wei Ng"), ("Dr Wei Ng", "Dr Wei Ng"), ("J. Smith", "J. Smith"),
     ("Prince", "Prince"), ("  Ana  María López ", "Ana")],
)  # fmt: skip
def test_emails_greet_a_client_by_the_name_they_are_called_by(name, greeted):
    assert Brief(contact_name=name).greeting_name == greeted
