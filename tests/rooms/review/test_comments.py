"""Comments between consultants in the brief's history: each shows its author; a colleague it
mentions ("@maya") is told, in their digest or at once, with the comment and a link to the brief;
a mention of nobody on the team is refused, with the comment kept."""

import pytest
from django.urls import reverse

from scoping.models import ConsultantProfile, Notice
from scoping.services.review import brief_comment
from scoping.team import mentions
from tests.rooms.review.staff import admin_change
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya(db):
    return ConsultantFactory(
        username="maya", first_name="Maya", last_name="Lindqvist", email="maya@consultancy.example"
    )


@pytest.mark.parametrize(
    ("text", "found", "unknown"),
    [
        ("@maya can you check the GPU costs?", ["maya"], []),
        ("Ask @Maya and @consultant.", ["maya", "consultant"], []),
        ("Their CTO is maya@client.example", [], []),
        ("@maya, @maya again", ["maya"], []),
        ("@mya typo", [], ["mya"]),
        ("No mention here, 5 @ 3pm", [], []),
    ],
)
def test_mentions_are_read_from_the_text(maya, consultant, text, found, unknown):
    users, names = mentions(text)
    assert [user.username for user in users] == found
    assert names == unknown


def test_a_mentioned_colleague_is_told_with_the_comment_and_a_link(
    client, maya, consultant, mailoutbox, django_capture_on_commit_callbacks
):
    ConsultantProfile.objects.create(user=maya, notices=ConsultantProfile.Notices.IMMEDIATE)
    brief = BriefFactory(company="Northwind")
    client.force_login(consultant)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_change(client, brief, add_note="@maya can you check the GPU costs?")

    assert response.status_code == 302
    (message,) = mailoutbox
    assert message.to == ["maya@consultancy.example"]
    assert message.subject == "Your briefs: 1 mention: Northwind"
    assert "consultant wrote: “@maya can you check the GPU costs?”" in message.body
    assert reverse("admin:scoping_brief_change", args=[brief.pk]) in message.body
    history = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    assert "@maya can you check the GPU costs?" in history


def test_in_the_digest_by_default(maya, consultant):
    brief = BriefFactory()

    brief_comment(brief=brief, actor=consultant, text="@maya over to you")

    (notice,) = maya.notices.all()
    assert (notice.kind, notice.by, notice.email) == (Notice.Kind.MENTIONED, consultant, None)


def test_mentioning_yourself_tells_nobody(consultant):
    brief_comment(brief=BriefFactory(), actor=consultant, text="Note to self, @consultant")

    assert not Notice.objects.exists()


def test_a_mention_of_nobody_is_refused_and_the_comment_kept(client, maya, consultant):
    brief = BriefFactory()
    client.force_login(consultant)

    response = admin_change(client, brief, add_note="@mya please look", internal_notes="Kept too")

    assert response.status_code == 200
    assert "Nobody on the team is called @mya" in response.text
    assert "@maya" in response.text, "it names who can be mentioned"
    assert "@mya please look" in response.text
    assert "Kept too" in response.text
    assert not brief.events.filter(action="commented").exists()
    assert not Notice.objects.exists()


def test_each_comment_shows_its_author_in_the_history(client, maya, consultant):
    brief = BriefFactory()
    brief_comment(brief=brief, actor=maya, text="Called their CTO.")
    client.force_login(consultant)

    history = client.get(reverse("admin:scoping_brief_history", args=[brief.pk])).text

    assert "Maya Lindqvist" in history
    assert "Called their CTO." in history
