"""gunicorn's access log never holds a client's private link (config/access_log.py): not in the
request line, the path, the query, the Referer, nor any header or environ value a format may name."""

import datetime
import io
from types import SimpleNamespace

from gunicorn.config import Config

from config.access_log import AccessLog, masked
from scoping.models.brief import new_token

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
