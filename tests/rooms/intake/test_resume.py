"""A draft opened again from its private link, in a browser that never saw it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.rooms.intake.answers import fill, start, step_url

pytestmark = pytest.mark.django_db


def test_a_step_left_for_later_shows_the_reading_of_what_was_typed_at_once(client, no_fill_time):
    brief = fill(client, start(client), up_to="knowledge")
    client.post(step_url(brief, "behaviour"), {"strict_output_format": "yes", "action": "later"})

    page = Client().get(reverse("scoping:brief", args=[brief.token]), follow=True).content.decode()

    assert "as soon as you have told us" not in page
    assert '<p class="preliminary-approach">Prompting</p>' in page
    assert 'value="yes" aria-invalid' not in page  # as typed, without errors yet


def test_the_reading_of_a_step_left_for_later_follows_what_was_typed_not_only_what_was_saved(client, no_fill_time):
    brief = fill(client, start(client), up_to="project")
    typed = {"task": "answer", "needs_knowledge": "yes", "corpus_documents": "300000", "update_frequency": "daily"}
    client.post(step_url(brief, "knowledge"), {**typed, "action": "later"})

    page = Client().get(reverse("scoping:brief", args=[brief.token]), follow=True).content.decode()

    assert '<p class="preliminary-approach">Retrieval-augmented generation (RAG)</p>' in page


def test_the_resume_email_greets_the_client_by_name_and_gives_the_deletion_date(
    client, no_fill_time, settings, django_capture_on_commit_callbacks
):
    settings.DRAFT_RETENTION_DAYS = 30
    brief = start(client, contact_name="Maya Lindqvist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(step_url(brief, "project"), {"project_title": "Half done", "action": "later"})

    (message,) = mail.outbox
    brief.refresh_from_db()
    deleted = timezone.localdate(brief.updated_at + timedelta(days=30))
    html = message.alternatives[0].content
    for body in (message.body, html):
        assert body.startswith("Hello Maya,") or "<p>Hello Maya,</p>" in body
        assert f"the draft is deleted on {deleted:%-d %B %Y}" in body
        assert "few weeks" not in body
