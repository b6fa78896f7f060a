"""Bytes no person means to send: NUL and other control characters in any answer, token or query
parameter, and bodies in another charset. Each gets a clear message or a 400/404, never a 500,
and what the person typed is otherwise kept."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.test.client import MULTIPART_CONTENT
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoping.intake.step_form import CONTROL_CHARACTERS_REMOVED
from scoping.lifecycle import COMMENTED
from scoping.memos.build import signatory
from scoping.models import Brief
from scoping.team import person
from scoping.text import CONTROL_CHARACTERS, something_to_see
from tests.rooms.intake.answers import ABOUT, BEHAVIOUR, KNOWLEDGE, PROJECT, STATUS, fill, stamp, start, step_url
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_fill_time")]

# Every question of every step on the page at once: the answers that reveal the dependent ones.
EVERY_QUESTION = {
    "project": {**PROJECT, "deadline": "2099-01-01"},
    "knowledge": KNOWLEDGE,
    "behaviour": {
        **BEHAVIOUR,
        "labeled_examples": "250",
        "fine_tune_goal": "behavior",
        "shown-fine_tune_goal": "1",
        "fine_tune_hope": "Our house style",
    },
    "where-you-are": {**STATUS, "tried_notes": "A week of prompt tweaks"},
}
QUESTIONS = [
    (slug, name) for slug, answers in EVERY_QUESTION.items() for name in answers if not name.startswith("shown-")
]
STRIPPED = [chr(code) for code in range(0xA0) if CONTROL_CHARACTERS.match(chr(code))]
controls = st.text(alphabet=st.sampled_from(STRIPPED), min_size=1, max_size=4)
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=20)


@pytest.fixture
def draft(client):
    return fill(client, start(client))  # every step saved, so every step opens


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.sampled_from(QUESTIONS), before=words, control=controls, after=words)
def test_control_characters_in_any_answer_get_a_message_and_keep_the_rest(
    client, draft, question, before, control, after
):
    slug, name = question
    answers = EVERY_QUESTION[slug]
    sent = before + control + answers[name] + after

    response = client.post(step_url(draft, slug), {**answers, name: sent})
    check = client.post(reverse("scoping:brief_check", args=[draft.token, slug]), {**answers, name: sent})

    assert response.status_code == 200, "the step is shown again, not saved and not a 500"
    assert check.status_code == 200
    assert CONTROL_CHARACTERS_REMOVED in response.content.decode()
    kept = Brief.objects.get(pk=draft.pk).pending_answers[slug]
    assert kept[name] == CONTROL_CHARACTERS.sub("", sent)
    assert {key: value for key, value in kept.items() if key != name} == {
        key: value for key, value in answers.items() if key in kept and key != name
    }
    assert set(kept) == {other for step, other in QUESTIONS if step == slug}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(ABOUT)), control=controls)
def test_control_characters_on_the_first_step_get_a_message_and_keep_the_rest(client, name, control):
    sent = {**ABOUT, name: ABOUT[name][:3] + control + ABOUT[name][3:], "started": stamp(client)}

    response = client.post(reverse("scoping:brief_new"), sent)

    assert response.status_code == 200
    page = response.content.decode()
    assert CONTROL_CHARACTERS_REMOVED in page
    assert f'value="{ABOUT[name]}"' in page, "the answer comes back without the control characters"
    assert not Brief.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/brief/x%00y/",
        "/brief/x%00y/report/",
        "/brief/" + "a" * 42 + "%00/memo.pdf",
        "/brief/" + "a" * 43 + "/project%00/",
        "/?utm_source=a%00b",
        "/?utm_source=a%01b",
        "/brief/new/?utm_campaign=%ff",
        "/admin/scoping/brief/?q=a%00b",
        "/admin/scoping/brief/?status=%00",
    ],
)
def test_control_characters_or_broken_utf8_in_an_address_are_a_400_or_404(client, consultant, url):
    client.force_login(consultant)
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "Content-Security-Policy" in response.headers
    assert "What you can do" in response.content.decode()


def test_a_nul_in_the_query_never_sticks_to_the_session(client):
    assert client.get("/?utm_source=a%00b").status_code == 400
    assert client.get("/?utm_source=ok").status_code == 200
    start(client)
    assert Brief.objects.get().utm_source == "ok"


@pytest.mark.parametrize("charset", ["utf-7", "utf-16", "iso-8859-1", "latin-1"])
@pytest.mark.parametrize("where", ["new", "step", "check", "new_check"])
def test_a_form_in_another_charset_is_our_own_400(charset, where):
    client = Client(enforce_csrf_checks=True)  # the CSRF check is what read the body a second time
    draft = start(Client())
    url = {
        "new": reverse("scoping:brief_new"),
        "step": step_url(draft, "project"),
        "check": reverse("scoping:brief_check", args=[draft.token, "project"]),
        "new_check": reverse("scoping:brief_new_check"),
    }[where]

    response = client.post(
        url, data=b"contact_name=Ada", content_type=f"application/x-www-form-urlencoded; charset={charset}"
    )

    assert response.status_code == 400
    assert "We could not read that request" in response.content.decode()
    assert response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("body", [b"contact_name=%FF%FE", b"contact_name=\xff\xfe", b"a=%C3%28"])
def test_a_form_body_that_is_not_utf8_is_a_400(client, body):
    response = client.post(reverse("scoping:brief_new"), data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def test_a_consultant_typing_a_nul_gets_a_form_error(client, consultant, client_brief):
    client.force_login(consultant)
    for page, field in (("decline", "message"), ("erase", "reason")):
        if page == "erase":
            consultant.is_superuser = True
            consultant.save()
        response = client.post(reverse(f"admin:scoping_brief_{page}", args=[client_brief.pk]), {field: "no\x00pe"})
        assert response.status_code == 200, page
        assert "invisible control characters" in response.content.decode()
    client_brief.refresh_from_db()
    assert client_brief.status == Brief.Status.SUBMITTED


@pytest.mark.parametrize("referrer", ["http://[x/", "//[", "http://a]b/", "https://[1:2:3]/"])
def test_a_malformed_referrer_is_no_reason_for_an_error(client, referrer):
    assert client.get("/", HTTP_REFERER=referrer).status_code == 200
    assert client.get(reverse("scoping:brief_new"), HTTP_REFERER=referrer).status_code == 200


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "messages"])
def test_a_cookie_holding_a_nul_is_ignored(client, client_brief, cookie):
    client.cookies[cookie] = "\x00" + "a" * 31
    for url in ("/", reverse("scoping:report", args=[client_brief.token]), reverse("admin:login")):
        assert client.get(url).status_code == 200, url


def test_with_htmx_the_rate_limit_is_still_a_429(client, settings):
    settings.SCOPING_RATE_NEW_BRIEFS = (0, 3600)
    response = client.post(reverse("scoping:brief_new"), {**ABOUT, "started": stamp(client)}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")


def test_multipart_forms_must_be_utf8_too(client):
    boundary = "BOUNDARY"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="company"\r\n\r\n'.encode()
        + "café".encode("latin-1")
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.post(
        reverse("scoping:brief_new"), data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400


def test_a_multipart_form_in_utf8_is_read(client):
    answers = {**ABOUT, "company": "Café Ünïcødé 北京", "started": stamp(client)}
    response = client.post(reverse("scoping:brief_new"), answers, content_type=MULTIPART_CONTENT)
    assert response.status_code == 302


def test_a_consultant_typing_control_characters_in_the_review_gets_a_form_error(client, consultant, client_brief):
    client.force_login(consultant)
    response = client.post(
        reverse("admin:scoping_brief_change", args=[client_brief.pk]),
        {"consultant_note": "Note\x01\x1b[31mRED\x7f\x85 end", "budget_adjustment_percent": "0"},
    )
    assert response.status_code == 200
    assert "invisible control characters" in response.content.decode()
    assert Brief.objects.get(pk=client_brief.pk).consultant_note == ""


@pytest.mark.parametrize("selected", ["abc", "1\x00", "١"])
def test_a_garbled_admin_selection_is_a_message(client, consultant, client_brief, selected):
    client.force_login(consultant)
    response = client.post(
        reverse("admin:scoping_brief_changelist"),
        {"action": "export_csv", "_selected_action": selected, "index": "0"},
        follow=True,
    )
    assert response.status_code == 200
    assert "The selection could not be read" in response.content.decode()


@pytest.mark.parametrize("method", ["get", "options", "put"])
def test_a_method_a_page_does_not_take_gets_our_405(client, method):
    response = getattr(client, method)(reverse("scoping:brief_new_check"))
    assert response.status_code == 405
    assert "That page does not take this kind of request" in response.content.decode()
    assert response["Allow"] == "POST"


# Zero-width characters, marks, fillers and blanks, and a space: nothing a reader sees.
INVISIBLE = "\u200b \u2060\ufeff\u200e\u061c\u3164\u2800\u00ad\ufe0f"


@pytest.mark.parametrize(
    "text",
    [
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\U0001f469\u200d\U0001f4bb",
        "\u2764\ufe0f",
        "\u05e9\u05dc\u05d5\u05dd\u200f",
    ],
)
def test_text_that_uses_invisible_characters_among_visible_ones_is_kept(text):
    something_to_see(text)  # Persian with a non-joiner, an emoji sequence, a heart, Hebrew with a mark


@pytest.mark.parametrize("name", ["contact_name", "company"])
def test_a_name_of_invisible_characters_gets_a_message_and_keeps_the_rest(client, name):
    """A company of nothing but zero-width spaces would head the memo with a blank."""
    response = client.post(reverse("scoping:brief_new"), {**ABOUT, name: INVISIBLE, "started": stamp(client)})

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is nothing to read here, only invisible characters" in page
    assert all(f'value="{value}"' in page for other, value in ABOUT.items() if other != name)
    assert not Brief.objects.exists()


def test_a_consultant_writing_only_invisible_characters_gets_a_form_error(client, consultant, client_brief):
    """A note, a decline's line or a question to the client of nothing visible is refused, not sent."""
    client.force_login(consultant)
    for page, data in (
        ("change", {"add_note": INVISIBLE, "budget_adjustment_percent": "0"}),
        ("decline", {"message": INVISIBLE}),
        ("ask", {"own_1": INVISIBLE}),
    ):
        response = client.post(reverse(f"admin:scoping_brief_{page}", args=[client_brief.pk]), data)
        assert response.status_code == 200, page
        assert "There is nothing to read here" in response.content.decode(), page
    client_brief.refresh_from_db()
    assert client_brief.status == Brief.Status.SUBMITTED
    assert not client_brief.events.filter(action=COMMENTED).exists()
    assert not client_brief.questions.exists()


@pytest.mark.parametrize(
    ("first", "last", "said"),
    [
        ("\u200b", "\u2060", "priya"),  # nothing to see: the username
        ("Priya\n", "\u202eShah\x1b", "Priya Shah"),  # on one line, without controls
        ("Priya", "Shah", "Priya Shah"),
        ("Priya\u0085Devi", "Shah", "Priya Devi Shah"),  # a C1 line end, as a line end
    ],
)
def test_a_consultants_name_from_the_user_admin_is_read_as_people_can_see_it(first, last, said):
    """Django's user admin, where a consultant's name is set, takes any text: the memo they sign, the
    emails and the history read it without control characters, on one line, and fall back to the
    username where nothing in it can be seen."""
    user = ConsultantFactory(username="priya", first_name=first, last_name=last)

    assert person(user) == said
    assert signatory(user).name == said


def test_a_consultants_name_reads_the_same_on_every_page_and_email(client):
    """The brief's page, its versions and questions, a move's page and the team's notices name people
    through one filter; the send page warns of a name with nothing to see, as of none at all."""
    garbled = ConsultantFactory(username="eve", first_name="Eve\r\nBcc: x\x07", last_name="\u202eFlip")
    brief = BriefFactory()
    Brief.objects.filter(pk=brief.pk).update(assigned_to=garbled)
    brief.refresh_from_db()
    client.force_login(garbled)

    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    notice = render_to_string("scoping/emails/notice/_who_has_it.txt", {"brief": brief})

    assert "assigned to Eve Bcc: x Flip" in page
    assert notice.strip() == "It is assigned to Eve Bcc: x Flip."
    assert "\u202e" not in page
    invisible = ConsultantFactory(username="zed", first_name="\u200b")
    client.force_login(invisible)
    send = client.get(reverse("admin:scoping_brief_send", args=[BriefFactory().pk])).text
    assert "Your user has no full name" in send
