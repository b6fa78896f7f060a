"""The brief form step by step, without JavaScript: plain POST and redirect, nothing typed lost."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from decisions.ladder import TOKENS_PER_PAGE
from scoping.models import Brief
from tests.rooms.intake.answers import ABOUT, ANSWERS, BEHAVIOUR, KNOWLEDGE, PROJECT, fill, stamp, start, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_fill_time(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


def html(response) -> str:
    return response.content.decode()


def test_the_landing_page_sends_people_to_the_form(client):
    page = html(client.get("/"))

    assert f'href="{reverse("scoping:brief_new")}"' in page
    assert "Send the brief" in page


def test_the_first_step_creates_a_draft_with_a_private_token_and_moves_on(client):
    brief = start(client)

    assert brief.status == Brief.Status.DRAFT
    assert (brief.contact_name, brief.contact_email, brief.company) == (
        "Grace Hopper",
        "grace@example.com",
        "Navy Labs",
    )
    assert brief.steps_done == 1
    assert len(brief.token) >= 43


@pytest.mark.parametrize(
    ("slug", "answers", "saved"),
    [
        ("project", PROJECT, {"project_title": "Answers for our support team", "monthly_queries": 20000}),
        ("knowledge", KNOWLEDGE, {"corpus_documents": 40, "corpus_tokens": 100 * TOKENS_PER_PAGE}),
        ("behaviour", BEHAVIOUR, {"strict_output_format": False, "fine_tune_goal": "none"}),
        ("where-you-are", ANSWERS["where-you-are"], {"has_eval_set": False, "prompting_status": "not_tried"}),
    ],
)
def test_each_step_saves_its_answers_and_opens_the_next(client, slug, answers, saved):
    brief = start(client)
    slugs = list(ANSWERS)
    if slugs.index(slug):
        brief = fill(client, brief, up_to=slugs[slugs.index(slug) - 1])

    response = client.post(step_url(brief, slug), answers)

    following = slugs[slugs.index(slug) + 1] if slug != "where-you-are" else None
    expected = step_url(brief, following) if following else reverse("scoping:brief_send", args=[brief.token])
    assert response.status_code == 302
    assert response["Location"] == expected
    brief.refresh_from_db()
    assert {name: getattr(brief, name) for name in saved} == saved
    assert brief.steps_done == slugs.index(slug) + 2


@pytest.mark.parametrize(
    ("slug", "answers", "field", "message"),
    [
        ("about", {**ABOUT, "contact_email": "grace at navy"}, "contact_email", "Write a full email address"),
        ("about", {**ABOUT, "contact_name": "x" * 121}, "contact_name", "121 characters long, over the limit of 120"),
        ("project", {**PROJECT, "project_summary": ""}, "project_summary", "Please fill in “What should it do"),
        ("project", {**PROJECT, "deadline": "2001-01-01"}, "deadline", "That date has passed"),
        (
            "project",
            {**PROJECT, "monthly_queries": "lots"},
            "monthly_queries",
            "in figures, for example 20,000 or 2 million",
        ),
        (
            "project",
            {**PROJECT, "monthly_queries": "0"},
            "monthly_queries",
            "The number of requests a month is at least 1",
        ),
        (
            "knowledge",
            {**KNOWLEDGE, "corpus_documents": "0"},
            "corpus_documents",
            "The number of documents is at least 1",
        ),
        ("behaviour", {**BEHAVIOUR, "strict_output_format": ""}, "strict_output_format", "Choose one of the answers"),
    ],
)
def test_an_invalid_step_explains_each_error_at_its_field_and_keeps_what_was_typed(
    client, slug, answers, field, message
):
    brief = start(client)
    brief = fill(client, brief, up_to={"about": "project", "project": "project"}.get(slug, "project"))
    if slug == "behaviour":
        brief = fill(client, brief, up_to="knowledge")
    url = reverse("scoping:brief_new") if slug == "about" else step_url(brief, slug)
    if slug == "about":
        answers = {**answers, "started": stamp(client)}

    response = client.post(url, answers)

    page = html(response)
    assert response.status_code == 200
    error_box = re.search(
        rf'<p class="field-error" id="id_{field}_error" aria-live="polite">(.*?)</p>', page, re.S
    ).group(1)
    assert message in error_box
    described = (
        rf'id_{field}_error"' if field == "strict_output_format" else rf'aria-describedby="[^"]*id_{field}_error"'
    )
    assert re.search(described, page)
    assert re.search(rf'<a href="#id_{field}(_0)?">', page), "the error summary links to the field"
    assert page.count(" autofocus") >= 1
    assert '<h1 tabindex="-1" autofocus' not in page
    for name, value in answers.items():
        if name in ("started",) or not value or value in ("yes", "no") or len(value) > 100:
            continue
        assert f'value="{value}"' in page or f">{value}</textarea>" in page or "checked" in page, name


def test_the_first_error_takes_the_focus_and_is_marked_invalid(client):
    response = client.post(
        reverse("scoping:brief_new"),
        {"contact_name": "Grace", "contact_email": "bad", "company": "", "started": "x"},
    )

    page = html(response)
    email_input = re.search(r'<input type="email"[^>]*>', page).group(0)
    assert "autofocus" in email_input
    assert 'aria-invalid="true"' in email_input
    assert "autofocus" not in re.search(r'<input type="text" name="company"[^>]*>', page).group(0)


def test_back_keeps_unsaved_typing_and_shows_it_again(client):
    brief = fill(client, start(client), up_to="project")

    response = client.post(
        step_url(brief, "knowledge"), {"needs_knowledge": "no", "multi_tenant": "yes", "action": "back"}
    )

    assert response["Location"] == step_url(brief, "project")
    page = html(client.get(step_url(brief, "knowledge")))
    assert re.search(r'name="multi_tenant" value="yes"[^>]*checked', page)
    assert re.search(r'name="needs_knowledge" value="no"[^>]*checked', page)
    brief.refresh_from_db()
    assert brief.steps_done == 2, "an incomplete step is kept as typed, not saved as answered"


def test_back_from_a_complete_step_saves_it(client):
    brief = fill(client, start(client), up_to="project")

    response = client.post(step_url(brief, "knowledge"), {**KNOWLEDGE, "multi_tenant": "yes", "action": "back"})

    assert response["Location"] == step_url(brief, "project")
    brief.refresh_from_db()
    assert brief.multi_tenant is True
    assert brief.steps_done == 3


def test_a_new_session_resumes_the_draft_where_it_was_left(client):
    brief = fill(client, start(client), up_to="knowledge")
    elsewhere = Client()  # another browser: no cookies, only the private link

    response = elsewhere.get(reverse("scoping:brief", args=[brief.token]))

    assert response["Location"] == step_url(brief, "behaviour")
    page = html(elsewhere.get(step_url(brief, "knowledge")))
    assert 'value="40"' in page
    assert re.search(r'name="needs_knowledge" value="yes"[^>]*checked', page)


def test_steps_open_in_order(client):
    brief = start(client)

    response = client.get(step_url(brief, "behaviour"))

    assert response["Location"] == step_url(brief, "project")
    assert client.get(reverse("scoping:brief_send", args=[brief.token]))["Location"] == step_url(brief, "project")


def test_a_step_not_yet_answered_starts_blank(client):
    brief = fill(client, start(client), up_to="project")

    page = html(client.get(step_url(brief, "knowledge")))

    assert "checked" not in page
    assert 'name="corpus_documents"' not in page, "dependent questions wait for their answer"


def test_without_javascript_a_yes_reveals_its_questions_on_the_same_step(client):
    brief = fill(client, start(client), up_to="project")
    answers = {k: v for k, v in KNOWLEDGE.items() if k not in ("shown-needs_knowledge", "corpus_documents")}

    response = client.post(step_url(brief, "knowledge"), answers)

    page = html(response)
    assert response.status_code == 200
    assert "opened a few more questions" in page
    assert 'name="corpus_documents"' in page
    assert 'id="id_corpus_documents_error" aria-live="polite"></p>' in page, "a question just shown is not yet an error"
    assert re.search(r'<div class="notice" role="status"><p>[^<]*opened a few more questions', page), (
        "news, not an error"
    )
    assert 'role="alert"' not in page
    assert re.search(r'<input[^>]*name="corpus_documents"[^>]*autofocus', page), (
        "the keyboard starts at the new question"
    )
    assert re.search(r"<h1 tabindex=\"-1\">", page), "the heading does not take the focus instead"
    brief.refresh_from_db()
    assert brief.steps_done == 2


def test_without_javascript_an_opened_question_beside_an_error_is_listed_with_it(client):
    brief = fill(client, start(client), up_to="project")
    answers = {k: v for k, v in KNOWLEDGE.items() if k not in ("shown-needs_knowledge", "multi_tenant")}

    page = html(client.post(step_url(brief, "knowledge"), answers))

    assert re.search(r'<div class="notice notice-problem" role="alert">.*opened a few more questions', page, re.S)
    assert re.search(r'<input[^>]*name="multi_tenant"[^>]*autofocus', page), "the error comes first"


def test_answering_no_clears_the_questions_that_no_longer_apply(client):
    brief = fill(client, start(client), up_to="knowledge")

    told = client.post(step_url(brief, "knowledge"), {**KNOWLEDGE, "needs_knowledge": "no"})  # first, told so
    assert "set aside the answers to the questions below it" in html(told)
    hidden = ("shown-needs_knowledge", "corpus_documents", "corpus_tokens", "update_frequency", "needs_citations")
    again = {name: value for name, value in KNOWLEDGE.items() if name not in hidden}
    client.post(step_url(brief, "knowledge"), {**again, "needs_knowledge": "no", "shared_base_many_use_cases": ""})

    brief.refresh_from_db()
    assert (brief.needs_knowledge, brief.corpus_documents, brief.corpus_tokens) == (False, 0, None)
    assert brief.update_frequency == "static"


def test_the_corpus_size_is_asked_in_pages_and_shown_again_in_pages(client):
    brief = fill(client, start(client), up_to="knowledge")

    page = html(client.get(step_url(brief, "knowledge")))

    assert brief.corpus_tokens == 100 * TOKENS_PER_PAGE
    assert re.search(r'name="corpus_tokens" value="100"', page)


def test_editing_from_the_review_returns_to_the_review(client):
    brief = fill(client, start(client))

    page = html(client.get(step_url(brief, "project") + "?return=send"))
    response = client.post(step_url(brief, "project"), {**PROJECT, "project_title": "Renamed", "return": "send"})

    assert "Save and return to review" in page
    assert response["Location"] == reverse("scoping:brief_send", args=[brief.token])
    brief.refresh_from_db()
    assert brief.project_title == "Renamed"


def test_the_review_lists_every_answer_with_an_edit_link_per_step(client):
    brief = fill(client, start(client))

    page = html(client.get(reverse("scoping:brief_send", args=[brief.token])))

    for slug in ["about", *ANSWERS]:
        assert f'href="{step_url(brief, slug)}?return=send"' in page
    for shown in (
        "Grace Hopper",
        "Answers for our support team",
        "Answer questions from a body of knowledge",
        "20,000",
        "100,000",
        "50,000",
        "€ Euros",
        "Rarely or never",
        "Not tried yet",
    ):
        assert shown in page
    assert "About how many pages in all?" in page
    assert ">100<" in page


def test_a_submitted_brief_can_no_longer_be_edited(client):
    brief = fill(client, start(client))
    client.post(reverse("scoping:brief_send", args=[brief.token]))

    response = client.post(step_url(brief, "project"), {**PROJECT, "project_title": "Changed"})

    assert response["Location"] == reverse("scoping:brief", args=[brief.token])
    brief.refresh_from_db()
    assert brief.project_title == "Answers for our support team"


def test_an_unknown_token_or_step_is_a_plain_404(client):
    brief = start(client)

    assert client.get("/brief/" + "n" * 43 + "/").status_code == 404
    assert client.get(step_url(brief, "nonsense")).status_code == 404


def test_campaign_parameters_and_the_outside_referrer_are_kept_on_the_brief(client):
    client.get(
        "/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn", HTTP_REFERER="https://news.example.org/post"
    )
    client.get("/?utm_source=later-visit")  # the first touch counts

    brief = start(client)

    assert (brief.utm_source, brief.utm_medium, brief.utm_campaign) == ("newsletter", "email", "autumn")
    assert brief.referrer == "https://news.example.org/post"


def test_our_own_pages_are_not_counted_as_a_referrer(client):
    client.get("/", HTTP_REFERER="http://testserver/")

    assert start(client).referrer == ""


def test_with_htmx_a_step_answers_with_its_partial_and_a_title(client):
    brief = start(client)

    page = html(client.get(step_url(brief, "project"), headers={"HX-Request": "true"}))

    assert page.startswith("<title>The project · Your brief")
    assert '<div id="intake"' in page
    assert "<html" not in page


def test_a_history_restore_gets_the_whole_page(client):
    brief = start(client)

    page = html(
        client.get(step_url(brief, "project"), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    )

    assert page.startswith("<!doctype html>")


def test_every_form_needs_its_csrf_token():
    strict = Client(enforce_csrf_checks=True)

    assert strict.post(reverse("scoping:brief_new"), ABOUT).status_code == 403


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("20000", 20_000),
        ("20,000", 20_000),
        ("2 000 000", 2_000_000),
        ("2m", 2_000_000),
        ("2 million", 2_000_000),
        ("2.5k", 2_500),
        ("1.2 billion", None),  # over the ceiling: refused with a message
        ("2.5", None),
        ("lots", None),
        ("2 millions of them", None),
    ],
)
def test_volumes_are_read_as_people_write_them_or_refused_clearly(client, typed, read):
    brief = start(client)
    response = client.post(step_url(brief, "project"), {**PROJECT, "monthly_queries": typed})

    brief.refresh_from_db()
    if read is None:
        assert response.status_code == 200
        page = response.content.decode()
        said = ("in figures, for example 20,000 or 2 million", "than we have seen in any project", "a whole number")
        assert any(message in page for message in said)
        assert f'value="{typed}"' in page, "what was typed is kept"
    else:
        assert response.status_code == 302
        assert brief.monthly_queries == read


def test_a_long_paste_is_never_cut_it_is_refused_and_kept_whole(client):
    brief = start(client)
    pasted = "Our support team answers 🚀 questions. " * 140  # about 5,500 characters, over the 5,000 limit

    response = client.post(step_url(brief, "project"), {**PROJECT, "project_summary": pasted, "action": "next"})

    page = html(response)
    assert "characters long, over the limit of" in page
    assert "Nothing you typed was lost" in page
    assert pasted.strip() in page.replace("&#x27;", "'"), "every character is still there to shorten"
    assert Brief.objects.get(pk=brief.pk).project_summary == ""


def test_no_field_cuts_typing_and_long_ones_carry_their_limit_for_the_counter(client):
    brief = fill(client, start(client))

    for slug in ("about", "project", "knowledge", "behaviour", "where-you-are"):
        page = html(client.get(step_url(brief, slug)))
        assert "maxlength=" not in page, slug
    assert 'data-limit="5000"' in html(client.get(step_url(brief, "project")))


def test_no_step_speaks_in_djangos_default_messages(client):
    brief = start(client)
    pages = [html(client.post(step_url(brief, slug), {"action": "next"})) for slug in ("project", "knowledge")]
    pages.append(html(client.post(reverse("scoping:brief_new"), {"contact_email": "nope"})))

    for page in pages:
        for default in ("This field is required.", "Ensure this value", "Enter a valid", "Select a valid choice"):
            assert default not in page


def test_a_client_who_does_not_know_the_size_of_their_knowledge_goes_on_and_is_asked():
    """Blank is "not known yet": the brief goes on, the engine asks, and the memo prices a size it says."""
    from django.test import Client

    client = Client()
    brief = fill(client, start(client), up_to="project")

    response = client.post(step_url(brief, "knowledge"), {**KNOWLEDGE, "corpus_documents": "", "corpus_tokens": ""})

    assert response.status_code == 302
    brief.refresh_from_db()
    assert (brief.corpus_documents, brief.corpus_tokens) == (0, None)
    asks = [warning.rule_id for warning in brief.recommendation().warnings]
    assert "ask-knowledge-size" in asks
    page = client.get(step_url(brief, "knowledge")).text  # back to the step: blank again, never "0"
    assert re.search(r'<input[^>]*name="corpus_documents"[^>]*>', page).group(0).count('value="') == 0
    again = client.post(step_url(brief, "knowledge"), {**KNOWLEDGE, "corpus_documents": "", "corpus_tokens": ""})
    assert again.status_code == 302
    reading = client.post(
        reverse("scoping:brief_check", args=[brief.token, "knowledge"]),
        {**KNOWLEDGE, "corpus_documents": "", "corpus_tokens": ""},
        headers={"HX-Request": "true"},
    ).text
    assert "It appears here as soon as" not in reading, "the reading speaks without a count"
