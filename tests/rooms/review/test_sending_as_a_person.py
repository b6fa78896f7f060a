"""The memo email in the sending consultant's own words, and a decline that shows its email first."""

import pytest
from django.urls import reverse

from scoping.emails import private_link
from scoping.models import Brief
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    # As in production: one address for links built in the test and in the request.
    settings.SCOPING_SITE_URL = "https://scope.example.com"


def send_page(brief):
    return reverse("admin:scoping_brief_send", args=[brief.pk])


def test_the_consultant_adjusts_the_subject_and_text_and_that_is_what_goes(
    client, consultant, mailoutbox, django_capture_on_commit_callbacks
):
    brief = BriefFactory(contact_name="<b>Dana</b> Bold")
    client.force_login(consultant)
    page = client.get(send_page(brief)).text
    assert "Hello &lt;b&gt;Dana&lt;/b&gt;," in page, "prefilled with our text, the client's name escaped"
    text = f"Dana, as promised on our call: <the memo> is attached.\n\nIt stays at {private_link(brief)}\n\nPriya"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send_page(brief), {"subject": "Your memo, as promised", "text": text})

    assert response.status_code == 302
    (message,) = [m for m in mailoutbox if m.to == [brief.contact_email] and m.attachments]
    assert message.subject == "Your memo, as promised"
    assert message.body == text
    html = message.alternatives[0][0]
    assert "&lt;the memo&gt;" in html, "the HTML part escapes what was typed"
    assert f'<a href="{private_link(brief)}"' in html


def test_the_private_link_must_stay_in_the_text(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)

    response = client.post(send_page(brief), {"subject": "Memo", "text": "Here it is, no link."})

    assert response.status_code == 200
    assert "Keep the private link in the text" in response.text
    assert "Here it is, no link." in response.text, "nothing typed is lost"
    assert Brief.objects.get(pk=brief.pk).memo_sent_at is None


def test_an_untouched_email_is_written_from_the_frozen_memo(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)
    form = client.get(send_page(brief)).context["form"]

    client.post(send_page(brief), {"subject": form["subject"].value(), "text": form["text"].value()})

    sent = Brief.objects.get(pk=brief.pk)
    assert sent.memo_sent_at is not None
    assert (sent.memo_email_subject, sent.memo_email_text) == ("", "")


def test_decline_shows_its_email_before_sending(client, consultant):
    brief = BriefFactory(project_title="Claims bot")
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_decline", args=[brief.pk])).text

    assert "The email, if you send it" in page
    assert "Thank you for sending us &quot;Claims bot&quot;" in page
    assert "[Your line, if you write one, goes here.]" in page
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.SUBMITTED
