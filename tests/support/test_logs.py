"""The logs never hold a client's private link (config/logs.py): gunicorn's access log (not in the
request line, the path, the query, the Referer, nor any header or environ value a format may name),
its error log, and Django's own."""

import datetime
import io
import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from config.logs import AccessLog, MaskPrivateLinks, masked
from scoping.models.brief import new_token
from tests.support.factories import BriefFactory

FORMAT = '%(h)s "%(r)s" %(U)s %(q)s "%(f)s" %({referer}i)s %({raw_uri}e)s %(s)s'


def test_the_access_log_masks_every_private_link():
    token = new_token()
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", FORMAT)
    log = AccessLog(config)
    written = io.StringIO()
    log.access_log.handlers[0].stream = written
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/brief/{token}/memo.pdf?from=/brief/{token}/",
        "PATH_INFO": f"/brief/{token}/memo.pdf",
        "QUERY_STRING": f"from=/brief/{token}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.1",
        "HTTP_REFERER": f"https://scope.example.com/brief/{token}/report/",
    }
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])

    log.access(response, request, environ, datetime.timedelta(milliseconds=12))

    line = written.getvalue()
    assert token not in line
    assert '"GET /brief/[token]/memo.pdf?from=/brief/[token]/ HTTP/1.1"' in line
    assert '"https://scope.example.com/brief/[token]/report/"' in line
    assert masked("GET /brief/new/ HTTP/1.1") == "GET /brief/new/ HTTP/1.1", "public pages keep their paths"


def test_gunicorns_error_log_masks_them_too():
    token = new_token()
    config = Config()
    config.set("errorlog", "-")
    log = AccessLog(config)
    written = io.StringIO()
    log.error_log.handlers[0].stream = written

    log.error("Error handling request GET /brief/%s/memo.pdf", token)  # a worker timed out mid-render

    assert "Error handling request GET /brief/[token]/memo.pdf" in written.getvalue()
    assert token not in written.getvalue()


@pytest.mark.django_db
def test_djangos_own_log_masks_them(client):
    """A 405 or a 404 on a private link is logged with its path."""
    token = BriefFactory().token
    (console,) = [h for h in logging.getLogger().handlers if any(isinstance(f, MaskPrivateLinks) for f in h.filters)]
    written = io.StringIO()
    before = console.setStream(written)
    try:
        client.post(f"/brief/{token}/report/")
        client.get(f"/brief/{token}/no-such-step/")
    finally:
        console.setStream(before)

    assert "Method Not Allowed (POST): /brief/[token]/report/" in written.getvalue()
    assert "Not Found: /brief/[token]/no-such-step/" in written.getvalue()
    assert token not in written.getvalue()


def test_a_malformed_log_call_is_still_the_handlers_to_report_not_the_callers_error():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "%d", ("not a number",), None)

    assert MaskPrivateLinks().filter(record) is True
