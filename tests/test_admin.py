import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.ladder import Facts
from tests.factories import BriefFactory

pytestmark = pytest.mark.django_db


def test_a_consultant_lists_searches_and_filters_briefs(client, consultant):
    BriefFactory(company="Helpdeskly", facts=Facts(multi_tenant=True))
    BriefFactory(company="Quiet Prompt Ltd")
    client.force_login(consultant)

    listing = client.get("/admin/scoping/brief/")
    searched = client.get("/admin/scoping/brief/", {"q": "helpdeskly"})
    filtered = client.get("/admin/scoping/brief/", {"preliminary_approach__exact": "prompting"})

    assert listing.status_code == 200
    assert "Helpdeskly" in listing.text
    assert "Quiet Prompt Ltd" in listing.text
    assert "Helpdeskly" in searched.text
    assert "Quiet Prompt Ltd" not in searched.text
    assert "Quiet Prompt Ltd" in filtered.text
    assert "Helpdeskly" not in filtered.text


def test_a_consultant_opens_a_brief(client, consultant, client_brief):
    client.force_login(consultant)

    response = client.get(f"/admin/scoping/brief/{client_brief.pk}/change/")

    assert response.status_code == 200
    assert client_brief.token in response.text


def test_the_changelist_does_not_query_per_row(client, consultant):
    client.force_login(consultant)
    BriefFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/scoping/brief/")
    BriefFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/scoping/brief/")

    assert len(many) == len(few)


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_non_staff_reach_no_brief(client, client_brief, outsider, who):
    if who == "outsider":
        client.force_login(outsider)

    for url in ("/admin/scoping/brief/", f"/admin/scoping/brief/{client_brief.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login/")


def test_a_consultant_previews_a_memo_from_admin(client, consultant, client_brief):
    client.force_login(consultant)

    page = client.get(f"/admin/scoping/brief/{client_brief.pk}/change/")

    assert f"/brief/{client_brief.token}/memo.pdf" in page.text
    assert f"/brief/{client_brief.token}/report/" in page.text
