"""Reopening a declined brief (or one marked as spam) tells the truth: the client's page keeps what it
told them, with no email, until something new is sent; the consultant sees what the client sees.
And the page says the memo was sent only once its email has gone."""

import pytest
from django.urls import reverse

from scoping.lifecycle import REOPEN_REVIEW
from scoping.models import Brief, Notice, OutgoingEmail
from scoping.services.mail import deliver_email
from scoping.services.memo import memo_send
from scoping.services.review import brief_decline, brief_mark_spam, brief_reopen
from tests.support.factories import BriefFactory, ConsultantFactory

pytestmark = pytest.mark.django_db
CLOSED = "We have closed your brief"


def client_page(client, brief) -> str:
    return client.get(reverse("scoping:brief", args=[brief.token])).text


@pytest.fixture
def declined(consultant):
    return brief_decline(brief=BriefFactory(), actor=consultant, email_client=True, message="Not for us.")


def test_a_reopened_brief_keeps_the_clients_page_and_emails_nobody(client, declined, consultant):
    before = client_page(client, declined)
    emails = OutgoingEmail.objects.count()

    reopened = brief_reopen(brief=declined, actor=consultant)

    assert reopened.status == Brief.Status.IN_REVIEW
    after = client_page(client, reopened)
    assert CLOSED in after
    assert "it is late" not in after
    assert after == before
    assert OutgoingEmail.objects.count() == emails, "no email to the client"


def test_the_page_changes_once_the_memo_is_sent(client, declined, consultant):
    brief_reopen(brief=declined, actor=consultant)

    sent = memo_send(brief=declined, actor=consultant)

    assert sent.client_status == ""
    assert "Your scope memo is ready" in client_page(client, sent)


def test_spam_reopened_stays_closed_to_the_client(client, consultant):
    brief = brief_mark_spam(brief=BriefFactory(), actor=consultant)

    brief_reopen(brief=brief, actor=consultant)

    assert CLOSED in client_page(client, brief)


def test_the_consultant_sees_what_the_client_sees(client, declined, consultant):
    client.force_login(consultant)

    response = client.post(reverse("admin:scoping_brief_act", args=[declined.pk, REOPEN_REVIEW.name]), follow=True)

    assert "The client&#x27;s page still says their brief is closed" in response.text
    assert "Nobody emailed them when it was reopened" in response.text
    assert reverse("scoping:brief", args=[declined.token]) in response.text


def test_a_brief_that_was_never_closed_shows_no_such_warning(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)

    assert (
        "still says their brief is closed"
        not in client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    )


def test_its_assignee_hears_when_a_colleague_reopens_it(declined, consultant):
    ben = ConsultantFactory(username="ben")

    brief_reopen(brief=declined, actor=ben)

    (notice,) = consultant.notices.all()
    assert (notice.kind, notice.by) == (Notice.Kind.REOPENED, ben)


def test_the_client_page_says_sent_only_once_the_email_has_gone(client, consultant):

    brief = memo_send(brief=BriefFactory(), actor=consultant)  # its email not yet handed to the mail server
    waiting = client_page(client, brief)
    assert "we sent it to" not in waiting
    assert "is on its way" in waiting

    OutgoingEmail.objects.filter(brief=brief, kind=OutgoingEmail.Kind.MEMO).update(status=OutgoingEmail.Status.SENT)
    assert f"we sent it to {brief.contact_email}" in client_page(client, brief)


def test_a_decline_email_still_waiting_never_carries_a_later_declines_line(consultant, mailoutbox):
    brief = brief_decline(brief=BriefFactory(), actor=consultant, email_client=True, message="Thank you, but no.")
    owed = OutgoingEmail.objects.get(brief=brief, kind=OutgoingEmail.Kind.DECLINED)  # not gone yet: a server down
    brief_reopen(brief=brief, actor=consultant)
    brief_decline(brief=brief, actor=consultant, email_client=False, message="INTERNAL: fishing for our prices.")

    assert deliver_email.call(owed.pk) == "nobody to send to"

    assert mailoutbox == [], "the second decline chose no email; the first was taken back"
    owed.refresh_from_db()
    assert owed.status == OutgoingEmail.Status.NOBODY


def test_a_decline_email_goes_with_its_own_line_and_a_later_one_with_its_own(consultant, mailoutbox):
    brief = brief_decline(brief=BriefFactory(), actor=consultant, email_client=True, message="Thank you, but no.")
    first = OutgoingEmail.objects.get(brief=brief, kind=OutgoingEmail.Kind.DECLINED)
    assert deliver_email.call(first.pk) == "sent"
    brief_reopen(brief=brief, actor=consultant)
    waiting = brief_decline(brief=brief, actor=consultant, email_client=True, message="Not this year, sorry.")
    second = OutgoingEmail.objects.filter(brief=waiting, kind=OutgoingEmail.Kind.DECLINED).latest("pk")

    assert deliver_email.call(second.pk) == "sent"

    assert ["Thank you, but no." in message.body for message in mailoutbox] == [True, False]
    assert "Not this year, sorry." in mailoutbox[1].body
