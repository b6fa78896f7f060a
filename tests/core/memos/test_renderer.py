"""The PDF renderer reads nothing from outside the memo: an address that reached its HTML (an image,
a stylesheet) is neither requested over the network nor read from the server's disk."""

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scoping.memos.pdf import html_to_pdf
from tests.support.pdfs import pdf_text, read_pdf

# A one-pixel PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def web_server():
    """A web server on this machine that counts the requests it receives."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            css = self.path.endswith(".css")
            self.send_header("Content-Type", "text/css" if css else "image/png")
            self.end_headers()
            self.wfile.write(b"p::after { content: 'fetched' }" if css else PIXEL)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()
    server.server_close()


def images(pdf: bytes) -> int:
    return sum(
        1
        for page in read_pdf(pdf).pages
        for xobject in (page["/Resources"].get("/XObject") or {}).values()
        if xobject.get_object()["/Subtype"] == "/Image"
    )


def test_an_address_in_the_memo_is_neither_requested_nor_read_from_disk(web_server, tmp_path):
    base, requests = web_server
    image = tmp_path / "pixel.png"
    image.write_bytes(PIXEL)
    html = f"""<!doctype html><html lang="en"><head><title>Memo</title>
        <link rel="stylesheet" href="{base}/memo.css"></head>
        <body><p>Our memo</p><img src="{base}/pixel.png" alt="x"><img src="file://{image}" alt="y">
        <div style="background: url('file://{image}')">z</div></body></html>"""

    pdf = html_to_pdf(html)

    assert requests == []
    assert images(pdf) == 0
    assert "Our memo" in pdf_text(pdf)
    assert "fetched" not in pdf_text(pdf)
