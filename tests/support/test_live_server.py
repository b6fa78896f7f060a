"""The browser tests' live server: requests that come at once, as a page's own do, are each answered,
on SQLite (a file, whose connections take turns) as on PostgreSQL."""

from concurrent.futures import ThreadPoolExecutor
from urllib.request import Request, urlopen

import pytest
from django.db import connection
from django.test import Client

from tests.support.factories import BriefFactory, ConsultantFactory


@pytest.mark.django_db(transaction=True)
def test_requests_at_once_are_all_answered(live_server):
    if connection.vendor == "sqlite":
        assert not connection.is_in_memory_db(), "each of the server's threads needs a database it can wait for"
    briefs = BriefFactory.create_batch(3)
    browser = Client()
    browser.force_login(ConsultantFactory())
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    urls = [f"{live_server.url}/admin/scoping/brief/{brief.pk}/change/" for brief in briefs]
    urls += [f"{live_server.url}/admin/scoping/brief/", f"{live_server.url}/brief/{briefs[0].token}/"]

    def status(url: str) -> int:
        with urlopen(Request(url, headers={"Cookie": cookie}), timeout=60) as response:  # noqa: S310 (our server)
            return response.status

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(status, urls * 8))
    assert statuses == [200] * len(urls) * 8
