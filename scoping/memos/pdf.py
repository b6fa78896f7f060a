"""The scope memo as a tagged PDF (PDF/UA-1), drawn by WeasyPrint from its own print template."""

from __future__ import annotations

import threading
from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.text import slugify
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from scoping.memos.content import Memo
from scoping.memos.page import memo_context


@cache
def _fonts_stylesheet_and_fetcher() -> tuple[FontConfiguration, CSS, URLFetcher]:
    """One font configuration, one parsed stylesheet and one URL fetcher per process. A font
    configuration of its own for each render (WeasyPrint's default) leaves native memory behind every
    time (about 0.25 MB a memo, never returned); shared, the process levels off
    (benchmarks/bench_pdf_memory.py). Parsing the CSS once also saves a noticeable share of each render.

    The memo needs nothing from outside (its stylesheet is parsed here, its chart is inline SVG, its
    fonts come from fontconfig), so the fetcher allows no protocol at all: an address that reached
    the HTML is neither requested nor read from disk. WeasyPrint's default fetcher would follow
    http, https, ftp and file addresses, and building one (an SSL context) for every render cost
    about a tenth of the render's time."""
    fonts = FontConfiguration()
    stylesheet = CSS(filename=finders.find("css/memo.css"), font_config=fonts)
    return fonts, stylesheet, URLFetcher(allowed_protocols=())


# The shared font configuration is not known to be safe across threads: one render at a time per
# process, layout and writing together (gunicorn's sync workers and the task worker run one request
# or task at a time anyway). Re-entrant: html_to_pdf holds it around memo_layout.
_rendering = threading.RLock()
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def memo_layout(html: str) -> Document:
    """The pages WeasyPrint lays out for ``html``: what html_to_pdf writes, for checking its layout."""
    fonts, stylesheet, fetcher = _fonts_stylesheet_and_fetcher()
    with _rendering:
        return HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet], font_config=fonts, **PDF_OPTIONS)


def html_to_pdf(html: str) -> bytes:
    """Tagged PDF/UA-1 (structure tags, title and language from the HTML, fonts embedded)."""
    with _rendering:
        return memo_layout(html).write_pdf(**PDF_OPTIONS)


def memo_html(memo: Memo, *, preview: bool) -> str:
    return render_to_string("scoping/memo/pdf.html", memo_context(memo, preview=preview))


def render_memo_pdf(memo: Memo, *, preview: bool) -> bytes:
    """The memo's PDF; a preview (not yet sent) says so on every page."""
    return html_to_pdf(memo_html(memo, preview=preview))


def memo_filename(memo: Memo) -> str:
    """scope-memo-northwind-27-november-2026.pdf: the date written as everywhere else."""
    return f"scope-memo-{slugify(memo.company) or 'client'}-{slugify(date_format(memo.prepared_on))}.pdf"
