"""A brief belongs to whoever has it: a colleague's move on it (send, decline, close, saving the memo's
fields) names them and asks to take it over; a take-over is recorded and tells them; saving edits on
a brief nobody has makes it the editor's; the note to the client shows who wrote it."""

import pytest
from django.urls import reverse

from scoping.lifecycle import TOOK_OVER, HeldByColleague
from scoping.models import Brief, Notice
from scoping.services.memo import memo_send
from scoping.services.review import brief_close, brief_decline, brief_review_save
from tests.rooms.review.staff import admin_change
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db
S = Brief.Status


@pytest.fixture
def maya(db):
    return ConsultantFactory(username="maya", first_name="Maya", last_name="Lindqvist")


@pytest.fixture
def theirs(maya):
    """A brief Maya has, with her half-written note to the client."""
    brief = BriefFactory(company="Acme Analytics")
    brief.consultant_note = "Half-written: we could start in"
    brief_review_save(brief=brief, actor=maya, changed=["consultant_note"])
    return Brief.objects.get(pk=brief.pk)


# Each move, and the status it starts from.
MOVES = {
    "send": (S.SUBMITTED, lambda brief, **kwargs: memo_send(brief=brief, **kwargs)),
    "decline": (S.IN_REVIEW, lambda brief, **kwargs: brief_decline(brief=brief, email_client=False, **kwargs)),
    "close": (S.MEMO_SENT, lambda brief, **kwargs: brief_close(brief=brief, won=True, **kwargs)),
    "save the memo's fields": (
        S.IN_REVIEW,
        lambda brief, **kwargs: brief_review_save(brief=brief, changed=["budget_adjustment_percent"], **kwargs),
    ),
}


def _move(name, brief, **kwargs):
    status, make = MOVES[name]
    Brief.objects.filter(pk=brief.pk).update(status=status)
    return make(brief, **kwargs)


@pytest.mark.parametrize("move", MOVES)
def test_a_move_on_a_colleagues_brief_names_them_and_changes_nothing(move, theirs, maya, consultant):
    with pytest.raises(HeldByColleague, match="Maya Lindqvist has this brief"):
        _move(move, theirs, actor=consultant)

    after = Brief.objects.get(pk=theirs.pk)
    assert (after.status, after.assigned_to) == (MOVES[move][0], maya)
    assert not Notice.objects.exists()


@pytest.mark.parametrize("move", MOVES)
def test_taking_it_over_is_recorded_and_tells_them(move, theirs, maya, consultant):
    _move(move, theirs, actor=consultant, take_over=True)

    brief = Brief.objects.get(pk=theirs.pk)
    assert brief.assigned_to == consultant
    taken = brief.events.get(action=TOOK_OVER)
    assert (taken.actor, taken.detail) == (consultant, "Took it over from Maya Lindqvist.")
    (notice,) = maya.notices.all()
    assert (notice.kind, notice.brief, notice.by) == (Notice.Kind.TAKEN_OVER, brief, consultant)


def test_the_holder_acts_without_being_asked(theirs, maya):
    memo_send(brief=theirs, actor=maya)

    assert not theirs.events.filter(action=TOOK_OVER).exists()
    assert not Notice.objects.exists()


def test_saving_edits_on_a_brief_nobody_has_makes_it_yours(consultant):
    brief = BriefFactory()
    brief.internal_notes = "Called them."
    brief_review_save(brief=brief, actor=consultant, changed=["internal_notes"])

    assert Brief.objects.get(pk=brief.pk).assigned_to == consultant


def test_giving_a_brief_to_someone_is_not_taking_it(theirs, maya, consultant):
    ben = ConsultantFactory(username="ben")
    theirs.assigned_to = ben
    brief_review_save(brief=theirs, actor=consultant, changed=["assigned_to"])

    assert Brief.objects.get(pk=theirs.pk).assigned_to == ben
    assert [notice.kind for notice in ben.notices.all()] == [Notice.Kind.ASSIGNED]


def test_the_send_page_names_who_has_it_shows_whose_note_and_keeps_what_was_typed(client, theirs, consultant):
    client.force_login(consultant)
    url = reverse("admin:scoping_brief_send", args=[theirs.pk])
    page = client.get(url).text
    assert "Maya Lindqvist has this brief." in page
    assert "The note to the client was written by Maya Lindqvist" in page

    typed = client.get(url).context["form"].initial
    refused = client.post(url, {"subject": "My own subject", "text": typed["text"]})

    assert refused.status_code == 200
    assert "Tick “Take it over” to go on as yourself" in refused.text
    assert 'value="My own subject"' in refused.text, "nothing typed is lost"
    assert Brief.objects.get(pk=theirs.pk).status == S.SUBMITTED

    sent = client.post(url, {"subject": "My own subject", "text": typed["text"], "take_over": "on"})
    assert sent.status_code == 302
    brief = Brief.objects.get(pk=theirs.pk)
    assert (brief.status, brief.assigned_to) == (S.MEMO_SENT, consultant)


def test_the_decline_page_asks_too(client, theirs, consultant):
    client.force_login(consultant)
    url = reverse("admin:scoping_brief_decline", args=[theirs.pk])

    refused = client.post(url, {"message": "Not for us, sorry."})
    assert "Maya Lindqvist has this brief" in refused.text
    assert "Not for us, sorry." in refused.text
    assert Brief.objects.get(pk=theirs.pk).status == S.SUBMITTED

    client.post(url, {"message": "Not for us, sorry.", "take_over": "on"})
    assert Brief.objects.get(pk=theirs.pk).status == S.DECLINED


def test_the_brief_page_asks_before_saving_a_colleagues_memo_and_keeps_the_edit(client, theirs, consultant):
    client.force_login(consultant)
    page = client.get(reverse("admin:scoping_brief_change", args=[theirs.pk])).text
    assert "Take it over from Maya Lindqvist" in page
    assert "Written by Maya Lindqvist." in page, "the note shows its author"

    refused = admin_change(client, theirs, consultant_note="My own words to the client")
    assert refused.status_code == 200
    assert "Maya Lindqvist has this brief, so your edits to the memo were not saved" in refused.text
    assert "My own words to the client" in refused.text
    assert Brief.objects.get(pk=theirs.pk).consultant_note == "Half-written: we could start in"

    saved = admin_change(client, theirs, consultant_note="My own words to the client", take_over="on")
    assert saved.status_code == 302
    brief = Brief.objects.get(pk=theirs.pk)
    assert (brief.consultant_note, brief.consultant_note_by, brief.assigned_to) == (
        "My own words to the client", consultant, consultant,
    )  # fmt: skip


def test_a_note_for_the_history_needs_no_take_over(client, theirs, consultant):
    client.force_login(consultant)

    response = admin_change(client, theirs, add_note="Spoke to their CTO.")

    assert response.status_code == 302
    assert theirs.events.filter(action="commented", actor=consultant).exists()
    assert Brief.objects.get(pk=theirs.pk).assigned_to.username == "maya"
