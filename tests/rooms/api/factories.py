"""Briefs at the points of their life the API's tests need, made through the services."""

from django.utils import timezone

from decisions.ladder import Facts
from scoping.models import Brief
from scoping.services.memo import memo_freeze
from tests.support.factories import BriefFactory


def sent_brief(**kwargs) -> Brief:
    """A brief whose memo is frozen and marked sent (without rendering its PDF, which is slow and
    beside the point here)."""
    brief = BriefFactory(**kwargs)
    memo_freeze(brief=brief)
    Brief.objects.filter(pk=brief.pk).update(status=Brief.Status.MEMO_SENT, memo_sent_at=timezone.now())
    return Brief.objects.get(pk=brief.pk)


def knowledge_brief(**kwargs) -> Brief:
    """A brief the engine answers with retrieval."""
    return BriefFactory(facts=Facts(needs_knowledge=True, corpus_documents=500), **kwargs)
