"""Every error page is the site's own: its design, what to do next, and nothing internal."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.rooms.intake.answers import ABOUT, stamp
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db

INTERNALS = ("Traceback", "DEBUG", "secret internal detail", "CSRF verification failed", "django")


def assert_our_page(response, status: int, heading: str) -> None:
    page = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in page
    assert "What you can do" in page
    assert 'class="site-header"' in page
    assert response["Content-Security-Policy"], "served through our middleware, with our headers"
    assert response["X-Frame-Options"] == "DENY"
    for internal in INTERNALS:
        assert internal not in page, internal


def test_400(client):
    response = client.post(
        reverse("scoping:brief_new"), data=b"a=b", content_type="application/x-www-form-urlencoded; charset=utf-16"
    )
    assert_our_page(response, 400, "We could not read that request")


def test_403_for_staff_without_the_right_to_review(client):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:scoping_brief_dashboard"))
    assert_our_page(response, 403, "This page is not open to you")


@pytest.mark.parametrize("page", ["change", "history", "delete", "send", "decline", "estimate", "won"])
def test_staff_without_the_right_to_review_learn_no_brief_ids(client, client_brief, page):
    client.force_login(UserFactory(is_staff=True))
    existing = client.get(reverse(f"admin:scoping_brief_{page}", args=[client_brief.pk]))
    missing = client.get(reverse(f"admin:scoping_brief_{page}", args=[client_brief.pk + 1000]))
    assert_our_page(existing, 404, "We cannot find that page")
    assert_our_page(missing, 404, "We cannot find that page")


def test_403_when_the_csrf_check_fails_says_to_reload_without_debug_hints(settings):
    settings.DEBUG = True  # even then: Django's own page would explain CSRF to a developer
    response = Client(enforce_csrf_checks=True).post(reverse("scoping:brief_new"), ABOUT)
    assert_our_page(response, 403, "This form had expired")
    assert "reload the page" in response.content.decode()


def test_404(client):
    assert_our_page(client.get("/no-such-page/"), 404, "We cannot find that page")
    assert_our_page(client.get("/brief/" + "x" * 43 + "/"), 404, "We cannot find that page")


def test_404_in_the_admin_too(client, consultant):
    client.force_login(consultant)
    assert_our_page(client.get(reverse("admin:scoping_brief_send", args=[999_999])), 404, "We cannot find that page")


def test_500_says_nothing_internal(settings):
    settings.ROOT_URLCONF = "tests.support.error_urls"
    response = Client(raise_request_exception=False).get("/fails/")
    assert_our_page(response, 500, "Something went wrong on our side")


def test_429_keeps_the_answers_and_says_when_to_try_again(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_NEW_BRIEFS = (0, 3600)
    response = client.post(reverse("scoping:brief_new"), {**ABOUT, "started": stamp(client)})

    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "try again later" in page
    assert f'value="{ABOUT["company"]}"' in page
    assert 'class="site-header"' in page
