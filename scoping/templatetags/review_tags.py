"""The admin's home page leads with the consultant's morning: their queue, the briefs nobody has yet,
and the dashboard."""

from django import template
from django.utils import timezone

from scoping.models import Brief
from scoping.team import is_consultant

register = template.Library()
SHOWN = 15


@register.inclusion_tag("scoping/review/my_queue.html", takes_context=True)
def my_queue(context: template.Context) -> dict:
    user = context["request"].user
    if not is_consultant(user):
        return {"show": False}
    waiting = Brief.objects.open().order_by("reply_due_at")
    return {
        "show": True,
        "mine": list(waiting.filter(assigned_to=user)[:SHOWN]),
        "nobody": list(waiting.filter(assigned_to__isnull=True)[:SHOWN]),
        "now": timezone.now(),
    }
