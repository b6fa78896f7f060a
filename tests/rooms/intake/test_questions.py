"""Questions to the client: the consultant sends the engine's open questions (chosen) and their own
from the brief's page; the client answers on a short page behind the private link; answers update
the brief (old and new recorded), the engine reads it again, the consultant is told, and the reply
is due one business day after the answers. Mistakes get clear messages and lose nothing typed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from decisions.ladder import Approach, Facts, RuleId, Task
from scoping.deadlines import brief_reply_due
from scoping.models import Brief, BriefEvent, ClientQuestion, Notice
from scoping.services.notices import notices_digest
from scoping.services.questions import OwnQuestion, QuestionsRefused, engine_questions, questions_ask
from scoping.services.review import brief_decline, brief_reopen, brief_start_review
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db


def ask_url(brief):
    return reverse("admin:scoping_brief_ask", args=[brief.pk])


def answer_url(brief):
    return reverse("scoping:brief_questions", args=[brief.token])


@pytest.fixture
def asking(consultant, django_capture_on_commit_callbacks):
    """A brief whose engine asks whether the knowledge is the documents it processes."""
    with django_capture_on_commit_callbacks(execute=True):
        brief = BriefFactory(
            company="Acme Analytics", facts=Facts(task=Task.EXTRACT, needs_knowledge=True, corpus_documents=40000)
        )
    return brief_start_review(brief=brief, actor=consultant)


def test_the_consultant_sends_chosen_engine_questions_and_their_own(
    client, consultant, asking, django_capture_on_commit_callbacks
):
    (open_question,) = [q for q in engine_questions(asking) if q.rule_id is RuleId.ASK_INPUTS_OR_KNOWLEDGE]
    client.force_login(consultant)
    page = client.get(reverse("admin:scoping_brief_change", args=[asking.pk])).text
    assert "Ask the client…" in page
    form = client.get(ask_url(asking)).text
    assert open_question.text in form
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ask_url(asking),
            {"engine": [RuleId.ASK_INPUTS_OR_KNOWLEDGE.value], "own_1": "Who reviews the extracted fields?"},
        )

    assert response.status_code == 302
    engine_q, own_q = ClientQuestion.objects.filter(brief=asking)
    assert (engine_q.rule_id, engine_q.field, engine_q.text) == (
        open_question.rule_id.value,
        "needs_knowledge",
        open_question.text,
    )
    assert (own_q.rule_id, own_q.field, own_q.asked_by) == ("", "", consultant)
    (email,) = mail.outbox
    assert email.to == [asking.contact_email]
    assert email.subject == f"2 questions about your brief ({asking.reference})"
    assert answer_url(asking) in email.body
    assert "Who reviews the extracted fields?" in email.body
    assert BriefEvent.objects.filter(brief=asking, action="asked_client", actor=consultant).exists()
    assert "waiting for the client" in client.get(reverse("admin:scoping_brief_change", args=[asking.pk])).text


def test_asking_nothing_says_so(client, consultant, asking):
    client.force_login(consultant)

    response = client.post(ask_url(asking), {"own_1": "   ", "about_2": "monthly_queries"})

    assert "Write the question, or set “about their answer” back to none." in response.text
    assert not ClientQuestion.objects.exists()
    with pytest.raises(QuestionsRefused, match="Choose one"):
        questions_ask(brief=asking, actor=consultant, engine=[], own=[])


def test_the_client_answers_and_the_brief_the_engine_and_the_deadline_follow(
    client, consultant, asking, django_capture_on_commit_callbacks, settings
):
    questions_ask(
        brief=asking,
        actor=consultant,
        engine=[RuleId.ASK_INPUTS_OR_KNOWLEDGE.value],
        own=[
            OwnQuestion("Who reviews the extracted fields?"),
            OwnQuestion("How many requests a month?", "monthly_queries"),
        ],
    )
    engine_q, own_q, volume_q = ClientQuestion.objects.filter(brief=asking)
    assert asking.engine_approach == Approach.RAG
    home = client.get(reverse("scoping:brief", args=[asking.token])).text
    assert "Your consultant has 3 questions about your brief" in home
    page = client.get(answer_url(asking)).text
    assert engine_q.text in page
    assert 'value="yes"' in page
    assert "checked" in page
    mail.outbox.clear()
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            answer_url(asking),
            {
                f"q{engine_q.pk}-value": "no",  # the knowledge is the documents it processes
                f"q{engine_q.pk}-text": "They are the invoices themselves.",
                f"q{own_q.pk}-text": "Our finance team.",
                f"q{volume_q.pk}-value": "2,000",
                f"q{volume_q.pk}-text": "",
            },
        )

    assert response.status_code == 302
    assert response["Location"].endswith("?answered=1")
    brief = Brief.objects.get(pk=asking.pk)
    assert brief.needs_knowledge is False
    assert brief.corpus_documents == 0, "answers that no longer apply go back to their defaults"
    assert brief.monthly_queries == 2000
    assert brief.engine_approach == Approach.PROMPTING, "the engine read it again"
    assert brief_reply_due(before) <= brief.reply_due_at <= brief_reply_due(timezone.now()), "due from the answers"
    engine_q.refresh_from_db()
    assert (engine_q.old_value, engine_q.new_value, engine_q.answer) == (
        "Yes",
        "No",
        "They are the invoices themselves.",
    )
    volume_q.refresh_from_db()
    assert (volume_q.old_value, volume_q.new_value) == ("not said", "2,000")
    event = BriefEvent.objects.get(brief=brief, action="client_answered")
    assert event.actor is None
    assert "looks things up in a body of knowledge: Yes → No" in event.detail
    assert "The engine now recommends" in event.detail
    (notice,) = Notice.objects.filter(brief=brief, kind=Notice.Kind.ANSWERED)
    assert notice.recipient == consultant
    with django_capture_on_commit_callbacks(execute=True):
        notices_digest()
    (told,) = mail.outbox
    assert told.to == [consultant.email]
    assert told.subject == "Your briefs: 1 answered: Acme Analytics"
    assert "looks things up in a body of knowledge: Yes → No" in told.body
    thanks = client.get(response["Location"]).text
    assert "We have your answers" in thanks
    assert "questions about your brief" not in thanks
    assert "No questions are waiting for you" in client.get(answer_url(asking)).text


def test_empty_or_bad_answers_say_what_to_fix_and_keep_what_was_typed(client, consultant, asking):
    questions_ask(
        brief=asking,
        actor=consultant,
        engine=[],
        own=[OwnQuestion("Who reviews the extracted fields?"), OwnQuestion("How many a month?", "monthly_queries")],
    )
    own_q, volume_q = ClientQuestion.objects.filter(brief=asking)

    response = client.post(
        answer_url(asking),
        {f"q{own_q.pk}-text": "   ", f"q{volume_q.pk}-value": "lots", f"q{volume_q.pk}-text": "Our <b>busy</b> season"},
    )

    assert response.status_code == 200
    assert "Please answer this question: a few words are enough." in response.text
    assert "Please check these answers" in response.text
    assert 'value="lots"' in response.text
    assert "Our &lt;b&gt;busy&lt;/b&gt; season" in response.text
    assert not ClientQuestion.objects.filter(answered_at__isnull=False).exists()
    too_long = client.post(answer_url(asking), {f"q{own_q.pk}-text": "x" * 2001, f"q{volume_q.pk}-value": "10"})
    assert "over the limit of 2000" in too_long.text
    assert "x" * 2001 in too_long.text


def test_nothing_can_be_asked_once_the_memo_is_sent_or_the_brief_closed(client, consultant):
    brief = BriefFactory()
    Brief.objects.filter(pk=brief.pk).update(status=Brief.Status.DECLINED)
    client.force_login(consultant)

    response = client.get(ask_url(brief), follow=True)

    assert "Could not ask the client: the brief is declined." in response.text
    assert "Ask the client…" not in client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text


def test_the_answer_page_is_behind_the_private_link_only(client):
    assert client.get(reverse("scoping:brief_questions", args=["x" * 43])).status_code == 404


def test_an_answer_while_revising_does_not_start_a_deadline(
    client, consultant, asking, django_capture_on_commit_callbacks
):
    Brief.objects.filter(pk=asking.pk).update(
        status=Brief.Status.REVISING, reply_due_at=timezone.now() - timedelta(days=3)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("Anything new?")])
    (email,) = mail.outbox
    assert "We send you the revised memo once we have your answers." in email.body
    assert "one business day" not in email.body
    assert "We send you the revised memo once we have your answers." in client.get(answer_url(asking)).text
    (question,) = ClientQuestion.objects.filter(brief=asking)

    client.post(answer_url(asking), {f"q{question.pk}-text": "Nothing."})

    brief = Brief.objects.get(pk=asking.pk)
    assert brief.reply_due_at < timezone.now()
    assert ClientQuestion.objects.get(pk=question.pk).answer == "Nothing."


def test_questions_left_open_on_a_brief_that_moved_on_are_not_answered(client, consultant, asking):
    questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("Anything new?")])
    (question,) = ClientQuestion.objects.filter(brief=asking)
    brief_decline(brief=asking, actor=consultant, email_client=False)
    opened = client.get(answer_url(asking)).text
    assert "Your brief has moved on since these questions were asked" in opened
    assert "Send my answers" not in opened, "said before anything is typed"

    response = client.post(answer_url(asking), {f"q{question.pk}-text": "Nothing."})

    assert "Your brief has moved on since these questions were asked" in response.text
    assert "Nothing." in response.text, "what they typed is still on the page"
    assert ClientQuestion.objects.get(pk=question.pk).answered_at is None
    assert "questions about your brief" not in client.get(reverse("scoping:brief", args=[asking.token])).text


def test_answers_sent_from_a_second_tab_after_the_first_are_shown_back(client, consultant, asking):
    questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("Anything new?")])
    (question,) = ClientQuestion.objects.filter(brief=asking)
    client.post(answer_url(asking), {f"q{question.pk}-text": "From tab A."})

    page = client.post(answer_url(asking), {f"q{question.pk}-text": "From tab B <b>bold</b>."}).text

    assert "answered already" in page
    assert "From tab B &lt;b&gt;bold&lt;/b&gt;." in page, "what the second tab typed, escaped, not lost"
    assert ClientQuestion.objects.get(pk=question.pk).answer == "From tab A."


def test_while_our_questions_wait_the_client_is_never_told_we_are_late(client, consultant, asking, settings):
    questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("Who reads the answers?")])
    ClientQuestion.objects.filter(brief=asking).update(asked_at=timezone.now() - timedelta(days=3))
    Brief.objects.filter(pk=asking.pk).update(reply_due_at=timezone.now() - timedelta(days=2))  # asked in time
    home = reverse("scoping:brief", args=[asking.token])

    page = client.get(home).text

    assert "it is late" not in page
    assert "We promised our reply by" not in page
    assert " ".join(page.split()).count("To scope it well we need your answer to a question: once you answer,") == 1
    assert "Within one business day of your answers, you get the scope memo" in page
    assert f'<a href="{answer_url(asking)}">Answer it</a>' in page
    settings.SCOPING_SHOW_PRELIMINARY = False
    pending = client.get(reverse("scoping:report", args=[asking.token])).text
    assert f'a question for you about it: <a href="{answer_url(asking)}">answer it</a>. We reply within one' in pending
    assert "our reply is due by" not in pending


def test_questions_asked_after_the_deadline_leave_the_reply_late(
    client, consultant, asking, django_capture_on_commit_callbacks, settings
):
    due = timezone.now() - timedelta(hours=2)
    Brief.objects.filter(pk=asking.pk).update(reply_due_at=due)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        (question,) = questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("Who reads it?")])
    home = reverse("scoping:brief", args=[asking.token])

    page = client.get(home).text
    (email,) = mail.outbox
    answering = client.get(answer_url(asking)).text
    settings.SCOPING_SHOW_PRELIMINARY = False
    pending = " ".join(client.get(reverse("scoping:report", args=[asking.token])).text.split())
    client.post(answer_url(asking), {f"q{question.pk}-text": "Support."})
    answered = client.get(home + "?answered=1").text

    assert "it is late" in page
    assert f'<a href="{answer_url(asking)}">Answer it</a>' in page
    assert "Our reply is already later than we promised" in email.body
    assert "within one business day of your answers" not in email.body
    assert "check one point" in answering
    assert "Our reply is already later than we promised" in answering
    assert Brief.objects.get(pk=asking.pk).reply_due_at == due, "answers do not excuse a late reply"
    assert "they help us send our reply, already late, sooner" in answered
    assert f'<a href="{answer_url(asking)}">answer it</a>. Our reply is already later than we promised' in pending


def test_questions_on_a_reopened_declined_brief_open_the_clients_page_again(client, consultant, asking):
    questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("Before we said no…")])
    brief_decline(brief=asking, actor=consultant, email_client=True)
    brief = brief_reopen(brief=asking, actor=consultant)
    home = reverse("scoping:brief", args=[brief.token])
    assert "We have closed your brief" in client.get(home).text, "reopening alone tells the client nothing"

    questions_ask(brief=brief, actor=consultant, engine=[], own=[OwnQuestion("Could it start smaller?")])

    page = client.get(home).text
    assert "We have closed your brief" not in page
    assert "Your consultant has a question about your brief" in page, "the new one, not the one that lapsed"
    client.force_login(consultant)
    table = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    assert "not answered: the brief moved on" in table


def test_once_sent_the_engines_own_questions_ask_nothing_of_the_client_yet(client, consultant, asking):
    (question,) = asking.recommendation().questions

    page = client.get(reverse("scoping:brief", args=[asking.token])).text

    assert question in page
    assert "Nothing to do about this question now: your consultant asks you, by email, if it matters" in page
    questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("Who reads the fields?")])
    asked = client.get(reverse("scoping:brief", args=[asking.token])).text
    assert "Nothing to do about this question now" not in asked, "a question is waiting for them: that says it"


@pytest.mark.parametrize("typed", ["\u200b", "ok\x07"])
def test_an_answer_asked_about_is_checked_as_the_brief_form_checks_it(client, consultant, asking, typed):
    """Invisible or control characters in an answer to a question about the brief: a message beside it
    and the rest kept, never a 500 (the brief's own validators run on the answer page too)."""
    questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("What did you try?", "tried_notes")])
    (question,) = ClientQuestion.objects.filter(brief=asking)

    response = client.post(
        answer_url(asking), {f"q{question.pk}-value": typed, f"q{question.pk}-text": "Prompts, for a week."}
    )

    assert response.status_code == 200
    assert "Prompts, for a week." in response.text
    assert "nothing to read here" in response.text or "invisible control characters" in response.text
    asking.refresh_from_db()
    assert asking.tried_notes == ""
    assert not ClientQuestion.objects.get(pk=question.pk).answer


def test_an_answer_asked_about_that_is_too_long_says_so_once(client, consultant, asking):
    questions_ask(brief=asking, actor=consultant, engine=[], own=[OwnQuestion("How is a case scored?", "eval_metric")])
    (question,) = ClientQuestion.objects.filter(brief=asking)

    response = client.post(answer_url(asking), {f"q{question.pk}-value": "x" * 201, f"q{question.pk}-text": ""})

    assert response.status_code == 200
    form = response.context["form"]
    assert [m for m in form.errors[f"q{question.pk}-value"] if "over the limit of 200" in m] == [
        "This answer is 201 characters long, over the limit of 200: shorten it and send it again. Nothing you typed "
        "was lost."
    ]
