"""The layout WeasyPrint gives a memo, page by page: how full each page is, and what its last line is.

Read from the boxes WeasyPrint laid out (the same ones html_to_pdf writes), so a rule such as "no
page ends with a heading" is checked on the real layout, not guessed from the text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from weasyprint import Document
from weasyprint.formatting_structure import boxes

# Lines that introduce what follows: a page must not end with one.
HEADINGS = {"h1", "h2", "h3", "h4", "caption"}


@dataclass(frozen=True)
class PageLayout:
    number: int
    fill: float  # the share of the page's content area, top to bottom, that holds something
    last_line: str  # the text of the page's last line
    last_line_in: str  # the element that line belongs to (h2, p, li, td, …)


def page_layouts(document: Document) -> list[PageLayout]:
    layouts = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        top, height = page_box.content_box_y(), page_box.height
        content = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
        leaves = [leaf for child in content for leaf in _leaves(child, child.element_tag)]
        if not leaves:
            layouts.append(PageLayout(number, 0.0, "", ""))
            continue
        bottom = max(box.position_y + box.margin_height() for box, _ in leaves)
        last, tag = max(leaves, key=lambda leaf: leaf[0].position_y + leaf[0].margin_height())
        layouts.append(PageLayout(number, (bottom - top) / height, _text(last), tag))
    return layouts


def _leaves(box: boxes.Box, tag: str) -> Iterator[tuple[boxes.Box, str]]:
    """The lines and pictures inside ``box``, each with the nearest element it belongs to."""
    if getattr(box, "style", None) is not None and box.style["position"] == "running()":
        return
    if isinstance(box, boxes.ReplacedBox):
        yield box, tag
        return
    if isinstance(box, boxes.LineBox):
        if _text(box).strip() or _pictures(box):
            yield box, tag
        return
    for child in getattr(box, "children", ()):
        yield from _leaves(child, child.element_tag or tag if isinstance(child, boxes.BlockLevelBox) else tag)


def _text(box: boxes.Box) -> str:
    if isinstance(box, boxes.TextBox):
        return box.text
    return "".join(_text(child) for child in getattr(box, "children", ()))


def _pictures(box: boxes.Box) -> bool:
    return isinstance(box, boxes.ReplacedBox) or any(_pictures(child) for child in getattr(box, "children", ()))


# Blocks a page should not cut while the whole would fit on one: lists, tables and the sign-off.
WHOLE = {"ul", "ol", "table"}


def split_blocks(document: Document) -> list[str]:
    """The lists and tables a page break cuts although they would fit on one page, each as its text's start."""
    pages: dict[object, list[float]] = {}
    texts: dict[object, str] = {}
    for page in document.pages:
        page_box = page._page_box
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):
                continue
            for box in _blocks(child):
                pages.setdefault(box.element, []).append(box.margin_height())
                texts.setdefault(box.element, _text(box)[:60])
    room = document.pages[0]._page_box.height
    return [texts[element] for element, heights in pages.items() if len(heights) > 1 and sum(heights) < 0.9 * room]


def _blocks(box: boxes.Box) -> Iterator[boxes.Box]:
    if isinstance(box, boxes.BlockLevelBox) and box.element_tag in WHOLE and box.element is not None:
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _blocks(child)
