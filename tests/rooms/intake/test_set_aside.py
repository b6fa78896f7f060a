"""Answers hidden by a changed answer are set aside: kept, never sent or read as answers, listed for the
client, and back when the answer changes back (with htmx's checks, and without JavaScript)."""

import re

import pytest
from django.urls import reverse

from scoping.models import Brief
from tests.rooms.intake.answers import BEHAVIOUR, KNOWLEDGE, fill, start, step_url

pytestmark = pytest.mark.django_db

DEPENDENTS = ("corpus_documents", "corpus_tokens", "update_frequency", "needs_citations", "shared_base_many_use_cases")
# The knowledge step as sent once "No" hid its questions: they are no longer on the page.
NO_KNOWLEDGE = {
    name: value for name, value in KNOWLEDGE.items() if name not in (*DEPENDENTS, "shown-needs_knowledge")
} | {"needs_knowledge": "no"}


def check(client, brief, data) -> str:
    url = reverse("scoping:brief_check", args=[brief.token, "knowledge"])
    return client.post(url, data, headers={"HX-Request": "true"}).content.decode()


def test_a_check_lists_the_answers_a_change_hides_and_carries_them_under_other_names(client, no_fill_time):
    brief = fill(client, start(client), up_to="project")

    page = check(client, brief, {**KNOWLEDGE, "needs_knowledge": "no", "update_frequency": "weekly"})

    assert "Set aside while you answer “No”, and not sent" in page
    assert "About how many documents? <strong>40</strong>" in page
    assert "How often does that knowledge change? <strong>Weekly</strong>" in page
    assert '<input type="hidden" name="aside-corpus_documents" value="40">' in page
    assert 'name="corpus_documents"' not in page, "never sent as an answer while hidden"


def test_changed_back_the_answers_come_back(client, no_fill_time):
    brief = fill(client, start(client), up_to="project")
    carried = {f"aside-{name}": KNOWLEDGE[name] for name in ("corpus_documents", "corpus_tokens")} | {
        "aside-update_frequency": "weekly"
    }

    page = check(client, brief, {**NO_KNOWLEDGE, "needs_knowledge": "yes", **carried})

    assert re.search(r'name="corpus_documents" value="40"', page)
    assert re.search(r'value="weekly"[^>]*checked', page)
    assert "Set aside" not in page


def test_saved_with_the_answer_that_hides_them_they_are_kept_apart_and_come_back(client, no_fill_time):
    brief = fill(client, start(client), up_to="knowledge")
    carried = {"aside-corpus_documents": "40", "aside-corpus_tokens": "100", "aside-update_frequency": "static"}

    client.post(step_url(brief, "knowledge"), {**NO_KNOWLEDGE, **carried})
    brief.refresh_from_db()

    assert (brief.needs_knowledge, brief.corpus_documents, brief.corpus_tokens) == (False, 0, None), "not used"
    assert brief.set_aside_answers == {
        "knowledge": {"corpus_documents": "40", "corpus_tokens": "100", "update_frequency": "static"}
    }
    again = client.get(step_url(brief, "knowledge")).content.decode()
    assert "About how many documents? <strong>40</strong>" in again
    # Without JavaScript: Yes, sent, opens the questions again with their answers back.
    reopened = client.post(step_url(brief, "knowledge"), {**NO_KNOWLEDGE, "needs_knowledge": "yes", **carried})
    page = reopened.content.decode()
    assert "opened a few more questions" in page
    assert 'name="corpus_documents" value="40"' in page
    assert 'name="corpus_tokens" value="100"' in page


def test_without_javascript_the_client_is_told_before_answers_are_set_aside(client, no_fill_time):
    brief = fill(client, start(client), up_to="project")

    held = client.post(step_url(brief, "knowledge"), {**KNOWLEDGE, "needs_knowledge": "no"})

    page = held.content.decode()
    assert held.status_code == 200
    assert "Your answer set aside the answers to the questions below it" in page
    assert 'role="status"' in page
    assert "About how many documents? <strong>40</strong>" in page
    assert Brief.objects.get().steps_done == 2, "held back once, to be told"
    carried = dict(re.findall(r'name="(aside-[\w]+)" value="([^"]*)"', page))
    sent = client.post(step_url(brief, "knowledge"), {**NO_KNOWLEDGE, **carried})
    assert sent.status_code == 302
    brief.refresh_from_db()
    assert brief.steps_done == 3
    assert brief.set_aside_answers["knowledge"]["corpus_documents"] == "40"


def test_a_sent_brief_keeps_nothing_set_aside(client, no_fill_time):
    brief = fill(client, start(client), up_to="project")
    carried = {"aside-corpus_documents": "40"}
    fill(client, brief, knowledge={**NO_KNOWLEDGE, **carried})
    client.post(reverse("scoping:brief_send", args=[brief.token]))

    brief.refresh_from_db()
    assert brief.status == "submitted"
    assert brief.set_aside_answers == {}


def test_a_long_answer_set_aside_is_listed_short_and_carried_whole(client, no_fill_time):
    brief = fill(client, start(client), up_to="knowledge")
    hope = "Answer in our brand voice, " * 20
    data = {**BEHAVIOUR, "fine_tune_goal": "none", "shown-fine_tune_goal": "1", "fine_tune_hope": hope}

    page = client.post(
        reverse("scoping:brief_check", args=[brief.token, "behaviour"]), data, headers={"HX-Request": "true"}
    ).content.decode()

    assert "Set aside while you answer “Nothing in particular”" in page
    assert re.search(r"<strong>Answer in our brand voice, [^<]{40,}…</strong>", page)
    assert f'name="aside-fine_tune_hope" value="{hope}"' in page
