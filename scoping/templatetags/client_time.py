"""Dates and times for a client, in their time zone and naming it (scoping.zones):
``{{ brief.reply_due_at|client_time:brief }}``, ``{{ brief.draft_deleted_from|client_day:brief }}``."""

from datetime import date, datetime

from django import template

from scoping.models import Brief
from scoping.zones import client_date, client_datetime

register = template.Library()


@register.filter
def client_time(moment: datetime | None, brief: Brief) -> str:
    return client_datetime(moment, brief.time_zone) if moment else ""


@register.filter
def client_day(moment: datetime | date | None, brief: Brief) -> str:
    return client_date(moment, brief.time_zone) if moment else ""
