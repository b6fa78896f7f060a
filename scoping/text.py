"""Invisible control characters, which text from people must not carry into the database or a page.

PostgreSQL cannot store NUL at all, and the other C0 and C1 control characters (they come with a
paste from a terminal, a PDF or a spreadsheet) are invisible on the page and garble the PDF. So are
the bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): one in a
name would turn the rest of a sentence around in a page, an email or the memo ("exe.png" for
"gnp.exe"). Tab, line feed and carriage return are ordinary typing and stay.
"""

from __future__ import annotations

import re

from django.core.validators import RegexValidator

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same class's body for the API's schema, \uXXXX throughout, as Pydantic's regex engine and JSON
# Schema both read it.
CONTROL_CLASS = CONTROL_CHARACTERS.pattern[1:-1].replace("\\x", "\\u00")
# Characters that take no room on the page: a text of nothing else is as empty as one of spaces. Soft
# hyphen, combining grapheme joiner, Arabic letter mark, the Hangul fillers, the Mongolian vowel
# separator, zero-width spaces and joiners, the left-to-right and right-to-left marks, the invisible
# operators, braille blank, variation selectors, byte order mark and the interlinear annotation marks.
INVISIBLE_CLASS = (
    r"\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0"
    r"\ufff9-\ufffb"
)
# One character a reader can see: neither a space, a control nor an invisible one (Python's re and the
# API's JSON Schema read it alike).
VISIBLE = f"[^\\s{CONTROL_CLASS}{INVISIBLE_CLASS}]"


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


no_control_characters = RegexValidator(
    CONTROL_CHARACTERS,
    inverse_match=True,
    message="Take out the invisible control characters (they come with some pasted text), then save again.",
    code="control_characters",
)
something_to_see = RegexValidator(
    VISIBLE,
    message="There is nothing to read here, only invisible characters (they come with some pasted text): write it "
    "again in words.",
    code="nothing_to_see",
)
# What every text a person types must pass: no control characters, and something to read.
TYPED_TEXT = [no_control_characters, something_to_see]


def readable(text: str) -> str:
    """``text`` as a page may print a name from a form that does not check it (Django's user admin):
    without control characters, on one line; empty where nothing in it can be seen."""
    text = " ".join(without_control_characters(text.replace("\x85", " ")).split())  # NEL ends a line, as LF does
    return text if something_to_see.regex.search(text) else ""


def as_sentence(text: str) -> str:
    """``text`` as a sentence a memo prints after another: a capital first letter and a closing stop
    ("because your data changes daily" becomes "Because your data changes daily."). Empty stays empty."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    closed = text.rstrip("”\"')")  # a stop inside closing quotes or brackets counts
    return text if closed and closed[-1] in ".!?…" else text + "."
