"""The consultants' dashboard: is the one-business-day promise kept, and what needs doing now."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Sum

from decisions.ladder import Approach
from scoping.deadlines import BUSINESS_DAY_END, brief_business_days_after, brief_working_time
from scoping.models import Brief, ClientQuestion
from scoping.steps import QUESTION_STEPS

S = Brief.Status
ABANDONED_AFTER = timedelta(days=1)  # a draft untouched this long is worth a follow-up
WINDOWS = (30, 90)  # days
READ_WITHIN = 2  # business days after sending, for the memo to count as read in time


@dataclass(frozen=True)
class Share:
    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.part / self.whole) if self.whole else None


@dataclass(frozen=True)
class Dashboard:
    by_status: list[tuple[str, str, int]]  # status, its label, how many: each links to the list
    overdue: list[Brief]
    due_today: list[Brief]
    waiting_for_client: list[Brief]  # open, off the clock until the client answers our questions
    on_time: dict[int, Share]  # replied within one business day, by window in days
    median_reply: timedelta | None
    approach_mix: list[tuple[str, str, int]]  # approach, its label, how many
    overrides: Share
    abandoned: list[Brief]
    read_in_time: Share  # sent memos the client opened within READ_WITHIN business days
    win_rate: Share  # of the deals closed (won or lost) among recent briefs, how many were won
    won_value: Decimal  # the deal values of those won
    accepted: Share  # of the memos sent, how many the client accepted (the version they read now, or one before)
    question_steps: int = len(QUESTION_STEPS)  # of which a draft has done steps_done
    read_within: int = READ_WITHIN
    working_day_ends: time = BUSINESS_DAY_END

    @property
    def median_reply_hours(self) -> float | None:
        """In working hours: the opening hours of business days."""
        return None if self.median_reply is None else self.median_reply / timedelta(hours=1)


def dashboard(now: datetime) -> Dashboard:
    """The figures as of ``now``."""
    briefs = Brief.objects.exclude(status=S.SPAM)
    counts = dict(briefs.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_deadline = Brief.objects.select_related("assigned_to").order_by("reply_due_at")
    since_90 = briefs.filter(submitted_at__gte=now - timedelta(days=max(WINDOWS)))
    sent_90 = since_90.filter(memo_sent_at__isnull=False)
    return Dashboard(
        by_status=[(value, label, counts.get(value, 0)) for value, label in S.choices if value != S.SPAM],
        overdue=list(by_deadline.overdue(now)),
        due_today=list(by_deadline.due_today(now)),
        waiting_for_client=list(by_deadline.waiting_for_client().order_by("waiting_for_client_since", "pk")),
        on_time={days: _on_time(briefs, now, days) for days in WINDOWS},
        median_reply=_median_reply(since_90),
        approach_mix=_approach_mix(since_90),
        overrides=Share(**sent_90.aggregate(part=Count("pk", filter=~Q(approach_override="")), whole=Count("pk"))),
        read_in_time=_read_in_time(sent_90, now),
        win_rate=Share(
            **since_90.aggregate(
                part=Count("pk", filter=Q(status=S.WON)), whole=Count("pk", filter=Q(status__in=(S.WON, S.LOST)))
            )
        ),
        won_value=since_90.filter(status=S.WON).aggregate(total=Sum("deal_value"))["total"] or Decimal(0),
        accepted=Share(
            **sent_90.aggregate(
                part=Count("pk", filter=Q(acceptances__isnull=False), distinct=True), whole=Count("pk", distinct=True)
            )
        ),
        abandoned=list(
            Brief.objects.filter(status=S.DRAFT, updated_at__lt=now - ABANDONED_AFTER).order_by("-updated_at")[:50]
        ),
    )


def _read_in_time(sent, now: datetime) -> Share:
    """Of the memos whose reading window has passed (or that were read), how many the client opened
    within READ_WITHIN business days of sending."""
    part = whole = 0
    for sent_at, first_read in sent.values_list("memo_sent_at", "memo_first_viewed_at"):
        window_ends = brief_business_days_after(sent_at, READ_WITHIN)
        if first_read is not None or window_ends < now:
            whole += 1
            part += first_read is not None and first_read <= window_ends
    return Share(part, whole)


def _on_time(briefs, now: datetime, days: int) -> Share:
    """Of the briefs submitted in the window whose reply is in or due already, how many had it in
    time. The clock waits while the client has questions of ours to answer: a brief waiting for
    them is not counted yet, and a reply sent before they answered is in time if the questions went
    before the deadline (answers start the deadline again, so a reply after them is measured by it)."""
    counted = briefs.filter(submitted_at__gte=now - timedelta(days=days)).filter(
        Q(replied_at__isnull=False) | Q(reply_due_at__lt=now, waiting_for_client_since__isnull=True)
    )
    asked_in_time_and_waiting_at_reply = ClientQuestion.objects.filter(
        Q(answered_at__isnull=True) | Q(answered_at__gt=OuterRef("replied_at")),
        Q(lapsed_at__isnull=True) | Q(lapsed_at__gte=OuterRef("replied_at")),  # lapsed by the reply itself
        Q(asked_at__lte=OuterRef("reply_due_at")),
        Q(asked_at__lte=OuterRef("replied_at")),
        brief=OuterRef("pk"),
    )
    kept = counted.filter(Q(replied_at__lte=F("reply_due_at")) | Exists(asked_in_time_and_waiting_at_reply))
    return Share(kept.count(), counted.count())


def _median_reply(briefs) -> timedelta | None:
    """The median wait for a reply in working hours (nights, weekends and holidays do not count),
    less the time the client held questions of ours (the clock waits for them)."""
    replied = briefs.filter(replied_at__isnull=False).only("submitted_at", "replied_at", "reply_due_at")
    held = Prefetch(
        "questions", queryset=ClientQuestion.objects.only("brief_id", "asked_at", "answered_at", "lapsed_at")
    )
    waits = [
        brief_working_time(brief.submitted_at, brief.replied_at) - _held_by_client(brief)
        for brief in replied.prefetch_related(held)
    ]
    return statistics.median(waits) if waits else None


def _held_by_client(brief: Brief) -> timedelta:
    """Working time between the brief's arrival and our reply while questions of ours, asked by the
    deadline, waited for the client (from the first asked to their answers, their lapsing when the
    brief moved on, or our reply, whichever came first). Questions asked after the deadline held
    nothing: the reply was late already."""
    spans = sorted(
        (max(q.asked_at, brief.submitted_at), min(t for t in (q.answered_at, q.lapsed_at, brief.replied_at) if t))
        for q in brief.questions.all()
        if q.asked_at <= brief.reply_due_at
    )
    held, reached = timedelta(), brief.submitted_at
    for start, end in spans:
        start = max(start, reached)
        if start < end:
            held += brief_working_time(start, end)
            reached = end
    return held


def _approach_mix(briefs) -> list[tuple[str, int]]:
    """The final approach (the consultant's when they overrode the engine) of recent briefs."""
    mix = dict(
        briefs.with_final_approach()
        .values_list("final_approach_code")
        .annotate(n=Count("pk"))
        .values_list("final_approach_code", "n")
    )
    return [(approach.value, approach.label, mix.get(approach.value, 0)) for approach in Approach]
