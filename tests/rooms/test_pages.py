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
