"""The browser's own draft: the first page, opened again (the Back button from step 2, a new visit),
shows the brief under way in this browser and offers to carry on or start another."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from scoping.intake.drafts import COOKIE, DRAFT_MEMORY
from scoping.models import Brief
from tests.rooms.intake.answers import ABOUT, fill, start, step_url

pytestmark = pytest.mark.django_db

NEW = reverse("scoping:brief_new")


@pytest.fixture(autouse=True)
def _no_fill_time(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


def test_the_first_page_opened_again_shows_the_draft_under_way_and_saves_into_it(client):
    brief = fill(client, start(client), up_to="project")

    page = client.get(NEW).text

    for value in ABOUT.values():
        assert f'value="{value}"' in page
    assert f'action="{step_url(brief, "about")}"' in page, "Continue saves into the same draft"
    assert "You have a brief under way in this browser for Navy Labs" in page
    assert f'<a href="{step_url(brief, "knowledge")}">Carry on where you left off</a>' in page
    assert f'<a href="{NEW}?another=1">start a new brief</a>' in page
    client.post(step_url(brief, "about"), {**ABOUT, "contact_name": "Grace B. Hopper"})
    assert Brief.objects.get().contact_name == "Grace B. Hopper"


def test_another_brief_starts_blank_and_becomes_the_browsers_draft(client):
    first = start(client)

    cleared = client.get(NEW + "?another=1")
    blank = client.get(NEW).text
    second = start(client, company="Second Co")

    assert cleared.status_code == 302
    assert cleared["Location"] == NEW, "the new brief's Back button leads to /brief/new/, which finds it"
    assert 'value="Grace Hopper"' not in blank
    assert "under way" not in blank
    assert second != first
    assert "for Second Co" in client.get(NEW).text


def test_a_sent_brief_is_no_longer_offered(client):
    brief = fill(client, start(client))
    client.post(reverse("scoping:brief_send", args=[brief.token]))
    assert Brief.objects.get().status == Brief.Status.SUBMITTED

    page = client.get(NEW).text

    assert "under way" not in page
    assert not re.search(r'name="contact_name"[^>]*value=', page)


def test_saving_for_later_forgets_the_draft_in_this_browser(client):
    brief = fill(client, start(client), up_to="project")

    client.post(step_url(brief, "knowledge"), {"action": "later"})

    assert "under way" not in client.get(NEW).text, "on a shared computer, the next person sees a blank form"


def test_the_draft_is_remembered_for_a_while_only_and_in_a_cookie_that_ends_with_the_browser(client):
    brief = start(client)
    cookie = client.cookies[COOKIE]

    assert cookie["expires"] == ""
    assert not cookie["max-age"], "gone when the browser closes"
    assert cookie["httponly"]
    with time_machine.travel(timezone.now() + DRAFT_MEMORY + timedelta(minutes=1)):
        assert "under way" not in client.get(NEW).text
    assert brief.status == Brief.Status.DRAFT


def test_another_browser_never_sees_the_draft(client):
    start(client)

    page = Client().get(NEW).text

    assert "Grace Hopper" not in page
    assert "under way" not in page


def test_opening_someone_elses_private_link_does_not_make_it_this_browsers_draft(client):
    brief = fill(client, start(client), up_to="project")
    elsewhere = Client()

    elsewhere.get(step_url(brief, "knowledge"))
    elsewhere.post(step_url(brief, "knowledge"), {"action": "back"})

    assert "under way" not in elsewhere.get(NEW).text


def test_a_deleted_draft_is_not_offered(client):
    start(client)
    Brief.objects.all().delete()

    page = client.get(NEW)

    assert page.status_code == 200
    assert "under way" not in page.text
