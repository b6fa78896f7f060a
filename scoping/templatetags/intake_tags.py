from django import forms, template
from django.utils.formats import date_format

from scoping.intake import fields

register = template.Library()


@register.filter
def describedby(bound: forms.BoundField) -> str:
    return fields.describedby(bound)


@register.filter
def answer(bound: forms.BoundField) -> str:
    """An answer as the client gave it, for the review: the label of a choice, pages, a date."""
    value = bound.value()
    if value in (None, ""):
        return "Not given"
    choices = getattr(bound.field, "choices", None)
    if choices:
        return str(dict(choices).get(str(value), value))
    if hasattr(value, "isoformat"):
        return date_format(value)
    return f"{value:,}" if isinstance(value, int) else str(value)
