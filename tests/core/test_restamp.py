"""After the decision rules change, open briefs carry the rules' reading now; sent memos keep theirs."""

import pytest
from django.core.management import call_command

from decisions.ladder import Approach, Facts
from scoping.models import Brief
from scoping.services.memo import memo_freeze
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db

# Knowledge that fits a prompt: the rules read prompting today.
FITS = Facts(needs_knowledge=True, corpus_documents=20)


def stamped(brief: Brief, approach: Approach) -> Brief:
    Brief.objects.filter(pk=brief.pk).update(engine_approach=approach)  # as an earlier version of the rules did
    brief.refresh_from_db()
    return brief


def test_an_open_brief_takes_the_rules_reading_now_and_its_history_says_so(capsys):
    brief = stamped(BriefFactory(facts=FITS), Approach.RAG)

    call_command("restamp_engine")

    brief.refresh_from_db()
    assert brief.engine_approach == Approach.PROMPTING
    event = brief.events.latest("pk")
    assert event.action == "Decision rules updated"
    assert event.detail == "The engine now reads prompting (was RAG)."
    assert "1 open brief(s)" in capsys.readouterr().out


def test_a_frozen_memo_a_closed_brief_and_an_agreeing_stamp_are_left_alone(capsys):
    frozen = memo_freeze(brief=stamped(BriefFactory(facts=FITS), Approach.RAG))
    closed = stamped(BriefFactory(facts=FITS), Approach.RAG)
    Brief.objects.filter(pk=closed.pk).update(status=Brief.Status.DECLINED)
    agreeing = BriefFactory(facts=FITS)

    call_command("restamp_engine")

    for brief, approach in ((frozen, Approach.RAG), (closed, Approach.RAG), (agreeing, Approach.PROMPTING)):
        brief.refresh_from_db()
        assert brief.engine_approach == approach
    assert "0 open brief(s)" in capsys.readouterr().out
