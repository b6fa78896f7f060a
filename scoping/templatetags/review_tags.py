"""The admin's home page leads with the consultant's morning: their queue, the briefs nobody has yet,
and the dashboard."""

from django import template
from django.utils import timezone

from scoping.models import Brief
from scoping.models.brief import WAITING_LAST
from scoping.team import is_consultant

register = template.Library()
SHOWN = 15


@register.inclusion_tag("scoping/review/my_queue.html", takes_context=True)
def my_queue(context: template.Context) -> dict:
    user = context["request"].user
    if not is_consultant(user):
        return {"show": False}
    waiting = Brief.objects.open().order_by(WAITING_LAST, "reply_due_at")
    mine, nobody = waiting.filter(assigned_to=user), waiting.filter(assigned_to__isnull=True)
    shown_mine, shown_nobody = list(mine[:SHOWN]), list(nobody[:SHOWN])
    return {
        "show": True,
        "mine": shown_mine,
        "nobody": shown_nobody,
        # What the lists leave out, said and linked ("and 4 more"), so no waiting brief is out of sight.
        "more_mine": mine.count() - SHOWN if len(shown_mine) == SHOWN else 0,
        "more_nobody": nobody.count() - SHOWN if len(shown_nobody) == SHOWN else 0,
        "now": timezone.now(),
    }
