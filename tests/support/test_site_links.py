"""Absolute links follow the address the app runs on in development, and the configured one in
production (where it is required: tests/support/test_settings.py)."""

import pytest
from django.core import mail

from scoping.emails import private_link
from scoping.site import DEVELOPMENT_SITE
from tests.rooms.intake.answers import fill, start
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_fill_time(settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0


@pytest.mark.django_db(transaction=True)  # the email goes on commit, inside the request, as in development
def test_unset_links_in_pages_and_emails_use_the_requests_host_and_port(client, settings):
    settings.SCOPING_SITE_URL = ""
    client.defaults["HTTP_HOST"] = "localhost:8123"
    brief = fill(client, start(client), up_to="project")

    page = client.get(f"/brief/{brief.token}/knowledge/").text
    client.post(f"/brief/{brief.token}/project/", {"action": "later"})

    link = f"http://localhost:8123/brief/{brief.token}/"
    assert f'<a href="{link}">{link}</a>' in page
    assert "127.0.0.1:8000" not in page
    assert link in mail.outbox[-1].body, "the email sent while answering the request, too"


def test_outside_a_request_links_use_the_development_default(settings):
    settings.SCOPING_SITE_URL = ""

    assert private_link(BriefFactory()).startswith(f"{DEVELOPMENT_SITE}/brief/")


def test_a_configured_address_wins_over_the_requests(client, settings):
    settings.SCOPING_SITE_URL = "https://scope.example.com/"
    client.defaults["HTTP_HOST"] = "localhost:8123"
    brief = start(client)

    page = client.get(f"/brief/{brief.token}/project/").text

    assert f'href="https://scope.example.com/brief/{brief.token}/"' in page
    assert "localhost:8123" not in page
