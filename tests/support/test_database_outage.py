"""The database goes away and comes back, through a proxy of our own between the app and PostgreSQL:
gunicorn answers our 503 page (with Retry-After, saying what was not saved) and recovers by
itself; the task worker waits the outage out and runs tasks again. Real processes, production
settings, a database of their own."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from django.db import connection

from tests.support.production import POSTGRES, free_port, fresh_database, manage, production, start
from tests.support.tcp_proxy import TcpProxy

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL outage (CI runs it on PostgreSQL)"
)


@pytest.fixture(scope="module")
def database():
    with fresh_database(f"scope_outage_{os.getpid()}") as name:
        yield name


@pytest.fixture(scope="module")
def proxy():
    relay = TcpProxy(POSTGRES)
    yield relay
    relay.close()


@pytest.fixture(scope="module")
def site(database, proxy):
    """gunicorn on production settings, reaching the database through the proxy; and a sent brief."""
    direct = production(database)
    manage(direct, "migrate", "--no-input", "-v", "0")
    manage(direct, "schedule_jobs")  # as compose's migrate service does
    manage(direct, "collectstatic", "--no-input", "-v", "0")  # as the Dockerfile's build step does
    token, key = manage(
        direct,
        "shell",
        "-v",
        "0",
        "-c",
        "from tests.support.factories import BriefFactory; from scoping.services.keys import api_key_create; "
        "print(BriefFactory(project_title='Outage-proof').token); "
        "print(api_key_create(name='CRM', scope='write', created_by=None)[1])",
    ).split()
    port = free_port()
    server = start(
        production(database, proxy.port),
        *(sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "1"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz/")  # noqa: S310 (our own server)
            break
        except OSError:
            time.sleep(0.1)
    yield url, token, key
    server.terminate()
    server.wait(10)


def fetch(
    url: str, data: dict[str, str] | bytes | None = None, cookie: str = "", **headers: str
) -> tuple[int, dict[str, str], str]:
    body = urlencode(data).encode() if isinstance(data, dict) else data
    request = urllib.request.Request(url, body, {"Cookie": cookie, **headers})  # noqa: S310
    try:
        with urllib.request.urlopen(request) as response:  # noqa: S310 (our own server)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_pages_answer_our_503_while_the_database_is_down_and_recover_by_themselves(site, proxy):
    url, token, key = site
    _, headers, form = fetch(f"{url}/brief/new/")
    cookie = headers["Set-Cookie"].split(";")[0]  # the CSRF cookie (Secure: sent by hand over plain HTTP)
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]+)"', form))
    brief = {**fields, "contact_name": "Ada", "contact_email": "ada@example.com", "company": "Engines Ltd"}
    assert fetch(f"{url}/brief/{token}/")[0] == 200

    proxy.cut()
    try:
        pages = {path: fetch(f"{url}{path}") for path in (f"/brief/{token}/", f"/brief/{token}/report/")}
        pages["the form, sent"] = fetch(f"{url}/brief/new/", brief, cookie)
        health = fetch(f"{url}/healthz/")[0]
        api = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        calls = {
            "the API, read": fetch(f"{url}/api/v1/briefs", **api),
            "the API, written": fetch(
                f"{url}/api/v1/briefs/1/notes", json.dumps({"text": "Call booked"}).encode(), **api
            ),
        }
    finally:
        proxy.restore()

    for where, (status, headers, body) in pages.items():
        assert status == 503, where
        assert headers["Retry-After"] == "60", where
        assert "We are briefly unavailable" in body, where
        assert not re.search(r"OperationalError|psycopg|Traceback|5432", body), where
    assert "What you just sent was not saved" in pages["the form, sent"][2]
    assert "was not saved" not in pages[f"/brief/{token}/"][2]
    assert health == 503
    for where, (status, headers, body) in calls.items():  # problem details, as every error of the API
        assert status == 503, (where, body)
        assert headers["Retry-After"] == "60", where
        assert headers["Content-Type"] == "application/problem+json", where
        assert json.loads(body)["detail"].startswith("Our database is not answering just now. Try again in a minute")
        assert not re.search(r"OperationalError|psycopg|Traceback|5432", body), where
    for _ in range(50):  # no restart: the next requests find the database again
        if fetch(f"{url}/brief/{token}/")[0] == 200:
            break
        time.sleep(0.2)
    status, _, body = fetch(f"{url}/brief/{token}/")
    assert status == 200
    assert "Outage-proof" in body


def test_the_worker_waits_out_an_outage_and_runs_tasks_again(database, proxy, site):
    worker = start(
        production(database, proxy.port),
        *(sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        manage(production(database), "worker_check", "--timeout", "30")
        proxy.cut()
        time.sleep(4)  # several polls find no database
        assert worker.poll() is None, "the worker is still running"
        proxy.restore()

        manage(production(database), "worker_check", "--timeout", "60")
    finally:
        proxy.restore()
        worker.terminate()
        output = worker.communicate(timeout=10)[0]
    assert "The database is unavailable" in output
