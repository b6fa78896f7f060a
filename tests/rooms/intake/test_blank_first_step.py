"""The first step, unanswered, is the same page for every new visitor: its questions are drawn once
a process and kept; anything answered, resumed or refused is drawn for the person who sees it."""

import re

import pytest
from django.core.cache import caches

from scoping.intake.views import BLANK_QUESTIONS
from tests.rooms.intake.answers import start

pytestmark = pytest.mark.django_db


def questions(page: bytes) -> str:
    return re.search(r'<div class="questions".*?</div>\s*(?=<div class="actions")', page.decode(), re.S).group(0)


def test_the_kept_questions_are_the_ones_drawn_afresh(client, settings):
    settings.DEBUG = True  # drawn each time
    fresh = questions(client.get("/brief/new/").content)
    assert caches["pages"].get(BLANK_QUESTIONS) is None

    settings.DEBUG = False
    first, second = (questions(client.get("/brief/new/").content) for _ in range(2))

    assert first == second == fresh
    assert 'name="contact_email"' in fresh
    assert caches["pages"].get(BLANK_QUESTIONS) in fresh


def test_a_refused_first_step_is_drawn_with_what_was_typed_and_why(client, no_fill_time):
    client.get("/brief/new/")  # the blank questions kept

    page = client.post("/brief/new/", {"contact_name": "Ada", "contact_email": "not an address"}).content.decode()

    assert 'value="Ada"' in page
    assert 'value="not an address"' in page
    assert 'aria-invalid="true"' in page


def test_a_first_step_under_way_shows_its_own_answers(client, no_fill_time):
    start(client, contact_name="Katherine Johnson")  # the blank questions kept on the way

    page = client.get("/brief/new/").content.decode()

    assert 'value="Katherine Johnson"' in page
    assert "Carry on where you left off" in page
