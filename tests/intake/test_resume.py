"""A draft opened again from its private link, in a browser that never saw it."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.intake.answers import fill, start, step_url

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
