"""What htmx asks as answers change: the live recommendation, questions that appear, inline errors."""

import re

import pytest
from django.urls import reverse

from scoping.models import Brief
from tests.rooms.intake.answers import KNOWLEDGE, fill, start, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_fill_time(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


def check(client, brief, slug, data):
    response = client.post(
        reverse("scoping:brief_check", args=[brief.token, slug]), data, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_live_recommendation_turns_to_rag_when_customers_knowledge_must_stay_apart(client):
    brief = fill(client, start(client), up_to="project")

    before = check(client, brief, "knowledge", KNOWLEDGE)
    after = check(client, brief, "knowledge", {**KNOWLEDGE, "multi_tenant": "yes"})

    assert '<p class="preliminary-approach">Prompting</p>' in before
    assert '<p class="preliminary-approach">Retrieval-augmented generation (RAG)</p>' in after
    assert "customer" in after.lower()


def test_without_knowledge_of_its_own_separate_customers_is_a_question_not_retrieval(client):
    brief = fill(client, start(client), up_to="project")
    answers = {key: value for key, value in KNOWLEDGE.items() if key != "shown-needs_knowledge"}

    reading = check(client, brief, "knowledge", {**answers, "needs_knowledge": "no", "multi_tenant": "yes"})

    assert '<p class="preliminary-approach">Prompting</p>' in reading
    assert "where does a customer&#x27;s data enter" in reading


def test_the_step_page_shows_the_recommendation_for_the_saved_answers(client):
    brief = fill(client, start(client), up_to="knowledge", knowledge={**KNOWLEDGE, "needs_citations": "yes"})

    page = client.get(reverse("scoping:brief_step", args=[brief.token, "behaviour"])).content.decode()

    assert 'aria-live="polite"' in page
    assert "Retrieval-augmented generation (RAG)" in page


def test_an_answer_brings_its_questions_in_and_another_takes_them_away(client):
    brief = fill(client, start(client), up_to="project")

    opened = check(client, brief, "knowledge", {**KNOWLEDGE, "task": "extract"})
    closed = check(client, brief, "knowledge", {**KNOWLEDGE, "task": "answer", "shown-task": "1"})
    unchanged = check(client, brief, "knowledge", {**KNOWLEDGE, "task": "process", "shown-task": "1"})

    block = re.search(r'<div class="reveal" id="reveal-task" hx-swap-oob="true">(.*?)</div>\s*</div>', opened, re.S)
    assert 'name="input_tokens"' in block.group(1)
    assert 'id="id_input_tokens_error" aria-live="polite"></p>' in block.group(1), "not an error before it is answered"
    assert re.search(r'id="reveal-task" hx-swap-oob="true">\s*</div>', closed)
    assert "reveal-task" not in unchanged, "a block on show is left alone, with what is typed in it"


def test_inline_errors_cover_what_was_typed_not_what_is_still_empty(client):
    brief = fill(client, start(client), up_to="knowledge")

    page = check(
        client,
        brief,
        "behaviour",
        {"labeled_examples": "-5"},
    )

    assert re.search(
        r'id="id_labeled_examples_error" hx-swap-oob="innerHTML">[^<]*The number of labelled examples is at least 0',
        page,
    )
    assert 'id="id_strict_output_format_error" hx-swap-oob="innerHTML"></p>' in page
    assert "id_fine_tune_hope_error" not in page, "no error box is sent for a question not on the page"


def test_the_check_saves_nothing(client):
    brief = fill(client, start(client), up_to="knowledge")

    check(client, brief, "knowledge", {**KNOWLEDGE, "multi_tenant": "yes"})

    brief.refresh_from_db()
    assert brief.multi_tenant is False


def test_the_check_answers_only_posts_for_drafts(client):
    brief = fill(client, start(client))
    client.post(reverse("scoping:brief_send", args=[brief.token]))
    url = reverse("scoping:brief_check", args=[brief.token, "knowledge"])

    assert client.get(url).status_code == 405
    assert client.post(url, KNOWLEDGE).status_code == 404


def test_the_first_step_checks_inline_before_any_draft_exists(client):
    response = client.post(
        reverse("scoping:brief_new_check"),
        {"contact_email": "grace at navy", "company": ""},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert re.search(r'id="id_contact_email_error" hx-swap-oob="innerHTML">Write a full email address', page)
    assert 'id="id_company_error" hx-swap-oob="innerHTML"></p>' in page, "an empty answer is not an error yet"
    assert "preliminary-approach" not in page
    assert not Brief.objects.exists()


def test_the_live_reading_waits_for_the_knowledge_answer_and_never_speaks_for_defaults(client):
    brief = fill(client, start(client), up_to="project")

    page = client.get(step_url(brief, "knowledge")).content.decode()
    untouched = check(client, brief, "knowledge", {"needs_citations": "no"})
    job_only = check(client, brief, "knowledge", {"task": "answer"})
    told = check(client, brief, "knowledge", {"task": "answer", "needs_knowledge": "no"})

    for waiting in (page, untouched, job_only):
        assert "as soon as you have told us what the system does and whether it looks things up" in waiting
        assert "Nothing in the brief calls for retrieval" not in waiting
    assert "Nothing in the brief calls for retrieval" in told
    assert " 0 tokens" not in told


def test_with_knowledge_the_reading_waits_for_its_size_and_freshness_and_for_a_save(client):
    brief = fill(client, start(client), up_to="project")
    only_yes = check(client, brief, "knowledge", {"task": "answer", "needs_knowledge": "yes"})
    told = check(client, brief, "knowledge", {**KNOWLEDGE, "corpus_documents": "300", "corpus_tokens": ""})
    client.post(step_url(brief, "knowledge"), {"task": "answer", "needs_knowledge": "yes", "action": "back"})
    typed_not_saved = client.get(step_url(brief, "knowledge")).content.decode()

    assert "as soon as you have told us what the system does" in only_yes
    assert "fits in a prompt" not in told, "300 documents of unknown length are not said to fit"
    assert "At a typical length of about 4 pages, the 300 documents" in told
    assert "as soon as you have told us what the system does" in typed_not_saved
