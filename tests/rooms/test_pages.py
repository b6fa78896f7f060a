import re

import pytest
from django.db import DatabaseError

from decisions.ladder import Approach

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_the_ladder_and_the_matrix(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "one business day" in html
    for approach in Approach:  # one label for each approach, on every page
        assert approach.label in html
    assert html.count('<th scope="row">') == 4


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_templates_hold_no_inline_script_or_style(client):
    html = client.get("/").content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "<style" not in html
    assert " style=" not in html


def test_health_check_answers_ok(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response.headers["Cache-Control"]


def test_health_check_reports_a_broken_database(client, monkeypatch):
    def broken(self, *args):
        raise DatabaseError("gone")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)

    assert client.get("/healthz/").status_code == 503


def test_the_home_page_refuses_posts(client):
    assert client.post("/").status_code == 405


def test_every_answer_behind_a_private_link_keeps_out_of_search_engines_and_shared_caches(client):
    """Pages, PDFs, redirects and 404s alike, and a form drawn again with its errors; the public
    pages stay findable."""
    from django.urls import get_resolver, reverse

    from scoping.services.memo import memo_send
    from tests.support.factories import BriefFactory, ConsultantFactory

    brief = BriefFactory()
    memo_send(brief=brief, actor=ConsultantFactory())
    extra = {"memo_version_pdf": {"number": 1}, "brief_step": {"slug": "project"}, "brief_check": {"slug": "project"}}
    names = [
        name
        for name, patterns in get_resolver("scoping.urls").reverse_dict.items()
        if isinstance(name, str) and "token" in patterns[0][0][1]
    ]
    assert {"brief", "report", "memo_pdf", "brief_questions", "memo_version_pdf"} <= set(names)

    for name in names:
        url = reverse(f"scoping:{name}", kwargs={"token": brief.token, **extra.get(name, {})})
        response = client.get(url)
        assert response.headers.get("X-Robots-Tag") == "noindex, nofollow", (url, response.status_code)
        assert "private" in response.headers.get("Cache-Control", ""), (url, response.status_code)
    assert client.get("/brief/not-a-token-of-anyones-at-all/").headers.get("X-Robots-Tag") == "noindex, nofollow"
    for redirected_or_refused in (f"/brief/{brief.token}", f"/brief/{brief.token}/report/?q=%00"):
        response = client.get(redirected_or_refused)
        assert response.status_code in (301, 400)
        assert response.headers.get("X-Robots-Tag") == "noindex, nofollow", redirected_or_refused
        assert "private" in response.headers.get("Cache-Control", ""), redirected_or_refused
    refused = client.post(reverse("scoping:brief_accept", kwargs={"token": brief.token}), {"name": ""})
    assert refused.status_code == 200, "the page again, with what is missing"
    assert "no-store" in refused.headers["Cache-Control"]
    assert "X-Robots-Tag" not in client.get("/").headers
    assert "X-Robots-Tag" not in client.get(reverse("scoping:brief_new")).headers
