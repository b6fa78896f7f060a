"""An accepted scope: the client accepts the latest sent version on its page (name, role, an
explicit confirmation); who, when and the SHA-256 of the exact PDF are recorded, shown on the brief,
the consultant is told and offered "mark won"; a revision needs a new acceptance."""

import hashlib

import pytest
from django.core import mail
from django.urls import reverse

from scoping.models import Brief, BriefEvent, Notice, ScopeAcceptance, SentMemo
from scoping.services.acceptance import AcceptanceRefused, scope_accept
from scoping.services.memo import memo_revise, memo_send
from scoping.services.notices import notices_digest
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db
TYPED = {"version": "1", "name": "Ada Client", "role": "Head of support", "confirm": "on"}


def accept_url(brief):
    return reverse("scoping:brief_accept", args=[brief.token])


def home(brief):
    return reverse("scoping:brief", args=[brief.token])


@pytest.fixture
def sent(consultant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brief = memo_send(brief=BriefFactory(company="Acme Analytics"), actor=consultant)
    mail.outbox.clear()
    return brief


def test_the_client_accepts_the_scope_and_the_exact_pdf_is_recorded(
    client, sent, consultant, django_capture_on_commit_callbacks
):
    page = client.get(home(sent)).text
    assert "Accept this scope" in page
    assert "on behalf of Acme Analytics" in page
    assert "It is not a legal electronic signature" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(accept_url(sent), TYPED)

    assert response.status_code == 302
    assert response["Location"].endswith("#acceptance")
    (acceptance,) = ScopeAcceptance.objects.filter(brief=sent)
    version = SentMemo.objects.get(brief=sent)
    assert (acceptance.name, acceptance.role, acceptance.version) == ("Ada Client", "Head of support", version)
    assert (
        acceptance.pdf_sha256
        == hashlib.sha256(client.get(reverse("scoping:memo_pdf", args=[sent.token])).content).hexdigest()
    )
    event = BriefEvent.objects.filter(brief=sent, action="scope_accepted").get()
    assert event.actor is None
    assert acceptance.pdf_sha256 in event.detail
    after = client.get(home(sent)).text
    assert "You accepted this scope" in after
    assert acceptance.pdf_sha256 in after
    assert 'action="' + accept_url(sent) not in after, "accepted once: no form"
    # The consultant is told, in their digest (their choice), with the way to the brief and "Mark won".
    (notice,) = Notice.objects.filter(brief=sent, kind=Notice.Kind.SCOPE_ACCEPTED)
    assert notice.recipient == consultant
    assert acceptance.pdf_sha256 in notice.detail
    with django_capture_on_commit_callbacks(execute=True):
        notices_digest()
    (told,) = mail.outbox
    assert told.to == [consultant.email]
    assert told.subject == "Your briefs: 1 accepted: Acme Analytics"
    assert reverse("admin:scoping_brief_change", args=[sent.pk]) in told.body
    assert "Mark it won" in told.body
    assert acceptance.pdf_sha256 in told.body


def test_the_brief_page_shows_the_acceptance_and_offers_mark_won(client, sent, consultant):
    scope_accept(brief=sent, version=1, name="Ada Client", role="CTO")
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_change", args=[sent.pk])).text

    assert "Ada Client, CTO, on" in page
    assert "Mark won…" in page
    assert reverse("admin:scoping_brief_won", args=[sent.pk]) in page
    assert "accepted the scope" in page, "in the history"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"confirm": ""}, "Tick the box to confirm that you accept this scope"),
        ({"name": "  "}, "Please fill in “Your full name”"),
        ({"role": ""}, "Please fill in “Your role”"),
        ({"name": "x" * 121}, "over the limit of 120"),
    ],
)
def test_a_mistake_says_what_to_fix_and_keeps_what_was_typed(client, sent, missing, message):
    typed = {**TYPED, "role": "Head of “support” <b>", **missing}

    response = client.post(accept_url(sent), {k: v for k, v in typed.items() if v})

    assert response.status_code == 200
    assert message in response.text
    if "role" not in missing:
        assert 'value="Head of “support” &lt;b&gt;"' in response.text
    assert not ScopeAcceptance.objects.exists()


def test_only_the_latest_sent_version_can_be_accepted(client, sent, consultant):
    memo_send(brief=memo_revise(brief=sent, actor=consultant), actor=consultant, changes="New volumes.")

    stale = client.post(accept_url(sent), TYPED)  # the page read before version 2 came

    assert stale.status_code == 200
    assert "We have sent a newer version of the memo (version 2)" in stale.text
    assert 'value="Ada Client"' in stale.text, "what they typed is kept"
    assert 'name="version" value="2"' in stale.text
    assert not ScopeAcceptance.objects.exists()
    with pytest.raises(AcceptanceRefused):
        scope_accept(brief=sent, version=3, name="A", role="B")


def test_a_revision_after_acceptance_needs_a_new_acceptance(client, sent, consultant):
    first = scope_accept(brief=sent, version=1, name="Ada Client", role="CTO")
    brief = memo_revise(brief=sent, actor=consultant)
    assert "You accepted this scope" in client.get(home(brief)).text, "the version they have stays accepted"

    memo_send(brief=brief, actor=consultant, changes="A smaller first phase.")
    page = client.get(home(brief)).text

    assert "Accept this scope" in page
    assert "Ada Client accepted version 1" in page
    assert "needs your acceptance again" in page
    client.post(accept_url(brief), {**TYPED, "version": "2"})
    second = ScopeAcceptance.objects.get(version__number=2)
    assert ScopeAcceptance.objects.get(pk=first.pk).version.number == 1, "the first acceptance stays with version 1"
    assert second.pdf_sha256 == SentMemo.objects.get(brief=brief, number=2).etag


def test_accepting_twice_records_once(sent):
    first = scope_accept(brief=sent, version=1, name="Ada Client", role="CTO")
    again = scope_accept(brief=sent, version=1, name="Someone Else", role="CFO")

    assert again == first
    assert ScopeAcceptance.objects.count() == 1


def test_nothing_to_accept_before_the_memo_or_after_closing(client, client_brief, consultant):
    assert "Accept this scope" not in client.get(home(client_brief)).text
    response = client.post(accept_url(client_brief), TYPED)
    assert response.status_code == 200
    assert "There is no memo to accept yet." in response.text

    brief = memo_send(brief=BriefFactory(), actor=consultant)
    Brief.objects.filter(pk=brief.pk).update(status=Brief.Status.LOST)
    closed = client.post(accept_url(brief), TYPED)
    assert closed.status_code == 200
    assert "the brief is closed" in closed.text
    assert not ScopeAcceptance.objects.exists()


def test_an_unknown_or_draft_token_gets_the_same_404(client):
    assert client.post(reverse("scoping:brief_accept", args=["x" * 43]), TYPED).status_code == 404


def test_with_nobody_assigned_the_team_is_told(sent, django_capture_on_commit_callbacks):
    other = ConsultantFactory(username="other")
    Brief.objects.filter(pk=sent.pk).update(assigned_to=None)

    with django_capture_on_commit_callbacks(execute=True):
        scope_accept(brief=sent, version=1, name="Ada Client", role="CTO")

    told = set(Notice.objects.filter(brief=sent, kind=Notice.Kind.SCOPE_ACCEPTED).values_list("recipient", flat=True))
    assert other.pk in told


def test_a_garbled_version_says_to_reload(client, sent):
    response = client.post(accept_url(sent), {**TYPED, "version": "abc"})

    assert "The page was out of date: reload it and try again." in response.text
    assert 'value="Ada Client"' in response.text
    assert not ScopeAcceptance.objects.exists()
