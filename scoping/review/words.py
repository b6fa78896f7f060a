"""A brief's fields as a reader says them, for the brief's page and the CSV alike."""

from __future__ import annotations

from scoping.models import Brief
from scoping.team import person


def field_label(name: str) -> str:
    """A field's name for a heading: "Reason shown to the client"."""
    words = str(Brief._meta.get_field(name).verbose_name)
    return words[:1].upper() + words[1:]


def field_words(brief: Brief, name: str) -> object:
    """A field's value as a reader says it: a choice's label, yes or no, a person's name; anything
    else as it is (numbers and dates for the caller to format), None where there is nothing."""
    value = getattr(brief, name)
    if value in (None, ""):
        return None
    if name == "corpus_documents" and value == 0:
        return "not known yet"  # left blank: never "0 documents"
    if Brief._meta.get_field(name).choices:
        return getattr(brief, f"get_{name}_display")()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name == "assigned_to":
        return person(value)
    return value
