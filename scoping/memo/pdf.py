"""The scope memo as a tagged PDF (PDF/UA-1), drawn by WeasyPrint from its own print template."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import CSS, HTML

from scoping.memo.content import Memo, memo_context


@cache
def _stylesheet() -> CSS:
    # Parsed once per process: WeasyPrint's CSS parsing is a noticeable share of a render.
    return CSS(filename=finders.find("css/memo.css"))


def html_to_pdf(html: str) -> bytes:
    """Tagged PDF/UA-1 (structure tags, title and language from the HTML, fonts embedded)."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1")


def memo_html(memo: Memo, *, preview: bool) -> str:
    return render_to_string("scoping/memo/pdf.html", memo_context(memo, preview=preview))


def render_memo_pdf(memo: Memo, *, preview: bool) -> bytes:
    """The memo's PDF; a preview (not yet sent) says so on every page."""
    return html_to_pdf(memo_html(memo, preview=preview))


def memo_filename(memo: Memo) -> str:
    return f"scope-memo-{slugify(memo.company) or 'client'}-{memo.prepared_on}.pdf"
