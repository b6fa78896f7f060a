"""A client's brief: who they are, what they want to build, and the answers the ladder reads."""

from __future__ import annotations

import dataclasses
import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from decisions.budget import ClientBudget
from decisions.ladder import Approach, Facts, FineTuneGoal, Frequency, Recommendation, Shortfall, Task, recommend
from decisions.ladder import Status as Tried  # how far a rung was tried (Brief.Status is the brief's own)
from scoping.deadlines import ReplyState, end_of_local_day, reply_state
from scoping.models.outbox import OutgoingEmail
from scoping.text import TYPED_TEXT

# Labels for the ladder's kinds of answer. Indexing (not .get) makes a kind added to the ladder
# without a label here fail at import, not show up raw in a form.
_TASK_LABELS = {
    Task.ANSWER: "Answer questions from a body of knowledge",
    Task.EXTRACT: "Pull structured fields out of each document or record it is given",
    Task.PROCESS: "Classify, summarise or check each document or record it is given",
    Task.WRITE: "Write or transform text: drafts, reports, translations",
    Task.ACT: "Carry out tasks on live systems through tools",
    Task.CONVERSE: "Hold a conversation, such as intake or coaching",
}
_UPDATE_FREQUENCY_LABELS = {
    Frequency.STATIC: "Rarely or never",
    Frequency.YEARLY: "About once a year",
    Frequency.QUARTERLY: "Every few months",
    Frequency.MONTHLY: "Monthly",
    Frequency.WEEKLY: "Weekly",
    Frequency.DAILY: "Daily",
    Frequency.REALTIME: "Continuously",
}
_STATUS_LABELS = {
    Tried.NOT_TRIED: "Not tried yet",
    Tried.TRIED_INFORMALLY: "Tried informally",
    Tried.MEASURED_SUFFICIENT: "Measured: good enough",
    Tried.MEASURED_INSUFFICIENT: "Measured: not good enough",
}
_SHORTFALL_LABELS = {
    Shortfall.UNKNOWN: "We do not know yet",
    Shortfall.KNOWLEDGE: "Missing or wrong facts",
    Shortfall.FORMAT: "Format, style or tone",
    Shortfall.LATENCY_COST: "Too slow or too costly",
    Shortfall.VOCABULARY: "It did not know our domain's language",
}
_FINE_TUNE_GOAL_LABELS = {
    FineTuneGoal.NONE: "Nothing in particular",
    FineTuneGoal.BEHAVIOR: "Behaviour: format, style, tone",
    FineTuneGoal.KNOWLEDGE: "Knowledge: teach it our facts",
}


def _choices(labels: dict) -> list[tuple[str, str]]:
    """A field's choices: every member of the answer's kind, in order, with its label."""
    kind = type(next(iter(labels)))
    return [(member.value, labels[member]) for member in kind]


# The currencies a client's budget may be in (the consultancy's assumptions hold the rates).
BUDGET_CURRENCIES = [("EUR", "€ Euros"), ("GBP", "£ Pounds sterling"), ("USD", "$ US dollars")]


def new_token() -> str:
    """256 random bits, URL-safe: the client's private link, unguessable and unenumerable."""
    return secrets.token_urlsafe(32)


# Words that start a name but are not what a person is called by ("Dr Ng", not "Dr").
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "lord", "lady", "rev"})


class BriefQuerySet(models.QuerySet["Brief"]):
    def with_final_approach(self) -> BriefQuerySet:
        """Each brief annotated with ``final_approach_code``: Brief.final_approach's rule in SQL, for
        lists, filters, sorting and counts."""
        override = NullIf(models.F("approach_override"), models.Value(""))
        return self.annotate(final_approach_code=Coalesce(override, models.F("engine_approach")))

    def open(self) -> BriefQuerySet:
        return self.filter(status__in=Brief.OPEN_STATUSES)

    def waiting_for_client(self) -> BriefQuerySet:
        """Open briefs whose deadline waits for the client's answers to our questions."""
        return self.open().filter(waiting_for_client_since__isnull=False)

    def on_the_clock(self) -> BriefQuerySet:
        """Open briefs whose reply deadline runs (no question of ours holds it)."""
        return self.open().filter(waiting_for_client_since__isnull=True)

    def overdue(self, now: datetime) -> BriefQuerySet:
        """Open briefs on the clock whose reply was due before ``now``."""
        return self.on_the_clock().filter(reply_due_at__lt=now)

    def due_today(self, now: datetime) -> BriefQuerySet:
        """Open briefs on the clock due from ``now`` to the end of the consultancy's day."""
        return self.on_the_clock().filter(reply_due_at__gte=now, reply_due_at__lt=end_of_local_day(now))


# Lists of briefs: those on the clock first, then those waiting for the client's answers, longest
# waiting first (the brief list's index, migration 0032, has it after open-first).
WAITING_LAST = models.F("waiting_for_client_since").asc(nulls_first=True)


class Brief(models.Model):
    class Status(models.TextChoices):
        """Where a brief stands. Each status carries its words (``standing``, ``progress``), so no
        page or message compares status strings to choose a sentence."""

        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        IN_REVIEW = "in_review", "In review"
        MEMO_SENT = "memo_sent", "Memo sent"
        WON = "won", "Won"
        LOST = "lost", "Lost"
        DECLINED = "declined", "Declined (not a fit)"
        SPAM = "spam", "Spam"
        REVISING = "revising", "Revising the memo"

        @property
        def standing(self) -> str:
            """Where a brief stands, as the end of a sentence: "the brief is already sent"."""
            return _STANDING[self]

        @property
        def progress(self) -> str:
            """Where the reply stands, as a client is told while it is open (empty otherwise)."""
            return _PROGRESS.get(self, "")

        @property
        def is_open(self) -> bool:
            """Waiting for the consultancy's reply."""
            return self in (self.SUBMITTED, self.IN_REVIEW)

        @property
        def awaits_review(self) -> bool:
            """Submitted and not yet taken up: asking the client about it starts its review."""
            return self is self.SUBMITTED

        @property
        def memo_in_the_making(self) -> bool:
            """A memo (or its next version) is being prepared: the review's fields are open to edit."""
            return self.is_open or self is self.REVISING

        @property
        def closed_without_memo(self) -> bool:
            """Closed with no memo to come: a client is told so, not that one is on its way."""
            return self in (self.DECLINED, self.SPAM)

        @property
        def deal_closed(self) -> bool:
            """The client has answered the memo: a deal won or lost."""
            return self in (self.WON, self.LOST)

    OPEN_STATUSES = tuple(status for status in Status if status.is_open)
    # The statuses in which the review's fields may change: open, or revising a sent memo.
    MEMO_IN_THE_MAKING = tuple(status for status in Status if status.memo_in_the_making)

    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(max_length=16, choices=Status, default=Status.DRAFT, db_index=True)

    contact_name = models.CharField("name", max_length=120, validators=TYPED_TEXT)
    contact_email = models.EmailField("work email")
    company = models.CharField(max_length=160, validators=TYPED_TEXT)
    contact_role = models.CharField("role", max_length=120, blank=True, validators=TYPED_TEXT)

    project_title = models.CharField(max_length=160, validators=TYPED_TEXT)
    # TextField's max_length only reaches forms; the validator makes full_clean() enforce it too.
    project_summary = models.TextField(max_length=5000, validators=[MaxLengthValidator(5000), *TYPED_TEXT])
    monthly_queries = models.PositiveIntegerField("expected queries a month", null=True, blank=True)
    deadline = models.DateField("wanted in production by", null=True, blank=True)
    # The client's first-year budget as they think of it: up to a figure, or a range, in their currency.
    budget_low = models.PositiveBigIntegerField("first-year budget from", null=True, blank=True)
    budget_high = models.PositiveBigIntegerField("first-year budget up to", null=True, blank=True)
    budget_currency = models.CharField("budget currency", max_length=3, choices=BUDGET_CURRENCIES, default="EUR")

    # The ladder's facts, one column each; Brief.facts() turns them back into decisions.ladder.Facts.
    task = models.CharField("main job", max_length=16, choices=_choices(_TASK_LABELS), default=Task.ANSWER)
    input_tokens = models.PositiveIntegerField("one input document, in tokens", null=True, blank=True)
    needs_knowledge = models.BooleanField("looks things up in a body of knowledge", default=False)
    corpus_documents = models.PositiveIntegerField("documents", default=0)
    corpus_tokens = models.PositiveBigIntegerField("corpus size in tokens", null=True, blank=True)
    update_frequency = models.CharField(
        max_length=16, choices=_choices(_UPDATE_FREQUENCY_LABELS), default=Frequency.STATIC
    )
    needs_citations = models.BooleanField("answers must cite their sources", default=False)
    needs_audit_log = models.BooleanField("must keep an audit log of answers", default=False)
    multi_tenant = models.BooleanField("each customer's data must stay separate", default=False)
    shared_base_many_use_cases = models.BooleanField("one base model for many use cases", default=False)
    strict_output_format = models.BooleanField("strict output format, style or persona", default=False)
    latency_or_cost_critical = models.BooleanField("latency or unit cost is a hard limit", default=False)
    labeled_examples = models.PositiveIntegerField("labelled examples", default=0)
    specialized_vocabulary = models.BooleanField("specialised vocabulary", default=False)
    # What the money reads beyond the ladder: guardrails and a data-protection review, a person's time.
    personal_data = models.BooleanField("handles personal data", default=False)
    human_review = models.BooleanField("a person checks each output before it is used", default=False)
    fine_tune_goal = models.CharField(
        "hope from fine-tuning",
        max_length=16,
        choices=_choices(_FINE_TUNE_GOAL_LABELS),
        default=FineTuneGoal.NONE,
    )
    fine_tune_hope = models.TextField(
        "what fine-tuning should do for them",
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000), *TYPED_TEXT],
    )
    has_eval_set = models.BooleanField("has an eval set", default=False)
    eval_set_size = models.PositiveIntegerField("eval set: cases (0: not said)", default=0)
    eval_metric = models.CharField("eval set: how a case is scored", max_length=200, blank=True, validators=TYPED_TEXT)
    prompting_status = models.CharField(max_length=24, choices=_choices(_STATUS_LABELS), default=Tried.NOT_TRIED)
    rag_status = models.CharField(
        "RAG status", max_length=24, choices=_choices(_STATUS_LABELS), default=Tried.NOT_TRIED
    )
    prompting_shortfall = models.CharField(
        "why prompting fell short", max_length=16, choices=_choices(_SHORTFALL_LABELS), default=Shortfall.UNKNOWN
    )
    rag_shortfall = models.CharField(
        "why RAG fell short", max_length=16, choices=_choices(_SHORTFALL_LABELS), default=Shortfall.UNKNOWN
    )
    tried_notes = models.TextField(
        "what they tried and measured",
        max_length=5000,
        blank=True,
        validators=[MaxLengthValidator(5000), *TYPED_TEXT],
    )

    # The cost assumptions in force when the brief was submitted: the review flags newer ones.
    assumptions_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # The engine's approach of record: the ladder's answer, stamped at submission and again when the
    # client's answers change the brief or the engine's rules change (restamp_engine, for memos not yet
    # frozen); kept for listing and filtering, and what a memo recommends unless a consultant overrides it.
    engine_approach = models.CharField(
        max_length=16, choices=[(a.value, a.label) for a in Approach], blank=True, db_index=True
    )

    # The consultant's review. The override replaces the engine's approach in the memo.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="assigned consultant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_briefs",
        limit_choices_to={"is_staff": True, "is_active": True},
    )
    approach_override = models.CharField(
        "approach (override)",
        max_length=16,
        choices=[(a.value, a.label) for a in Approach],
        blank=True,
        help_text="Leave empty to keep the engine's approach. The memo shows the final approach.",
    )
    override_reason = models.TextField(
        "reason shown to the client",
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000), *TYPED_TEXT],
        help_text="Printed in the memo's summary, word for word, after “We recommend …”: write it to the "
        "client (“you”). What is for the team alone goes in the internal notes.",
    )
    budget_adjustment_percent = models.SmallIntegerField(
        "budget adjustment (%)",
        default=0,
        validators=[MinValueValidator(-50), MaxValueValidator(200)],
        help_text="Raises or lowers the memo's first-year estimate, and so its bracket: -50 to +200.",
    )
    internal_notes = models.TextField(
        "internal notes (never in the memo)",
        max_length=10000,
        blank=True,
        validators=[MaxLengthValidator(10000), *TYPED_TEXT],
    )

    # The memo: the consultant's words to the client, and once frozen, exactly what the memo says.
    consultant_note = models.TextField(
        "note to the client (in the memo)",
        max_length=5000,
        blank=True,
        validators=[MaxLengthValidator(5000), *TYPED_TEXT],
    )
    # Who wrote the note to the client as it stands: the memo is signed by whoever sends it, so a
    # colleague's note is shown with its author before anyone sends it as theirs.
    consultant_note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="note written by",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    memo_snapshot = models.JSONField(null=True, blank=True, editable=False)
    memo_frozen_at = models.DateTimeField(null=True, blank=True, editable=False)
    memo_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Read tracking: when the client first and last opened the sent memo (report or PDF), how often.
    memo_first_viewed_at = models.DateTimeField("memo first read", null=True, blank=True, editable=False)
    memo_last_viewed_at = models.DateTimeField("memo last read", null=True, blank=True, editable=False)
    memo_views = models.PositiveIntegerField("memo opened (times)", default=0, editable=False)
    # What the client's page last told them, kept while a consultant has reopened a declined brief
    # (or one marked as spam): their page stays as it was until something new is sent. Empty: the
    # page follows the status.
    client_status = models.CharField(max_length=16, choices=Status, blank=True, editable=False)
    # When the consultant who signed it was reminded that the client had not opened it yet.
    memo_reminded_at = models.DateTimeField("reminded: memo unread", null=True, blank=True, editable=False)
    # When the assignee (or the team) was told the reply is due within hours, and that it is overdue.
    due_soon_notified_at = models.DateTimeField("told: due soon", null=True, blank=True, editable=False)
    overdue_notified_at = models.DateTimeField("told: overdue", null=True, blank=True, editable=False)
    # The consultancy's first reply (the memo, or a polite no): what the one-day promise is about.
    replied_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The memo email's subject and text as the consultant edited them on the send page (empty: ours).
    memo_email_subject = models.CharField(max_length=200, blank=True, editable=False)
    memo_email_text = models.TextField(blank=True, editable=False)
    # How it ended, once won or lost: the value of the deal (won) and why, in the consultant's words.
    deal_value = models.DecimalField(
        "deal value", max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    closed_reason = models.TextField("why it was won or lost", blank=True, editable=False)

    # Where the client came from, kept from the landing page's link and referrer.
    utm_source = models.CharField(max_length=200, blank=True)
    utm_medium = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)
    utm_term = models.CharField(max_length=200, blank=True)
    utm_content = models.CharField(max_length=200, blank=True)
    referrer = models.CharField(max_length=500, blank=True)

    # How far through the form the client has come (the number of steps saved in order), and what
    # they typed on a step they left before it could be saved: {step: {field: text}}.
    steps_done = models.PositiveSmallIntegerField(default=0, editable=False)
    pending_answers = models.JSONField(default=dict, blank=True, editable=False)
    # Answers to questions a changed answer hid, kept to come back if it is changed back; never read
    # as answers: {step: {field: text}}.
    set_aside_answers = models.JSONField(default=dict, blank=True, editable=False)
    # The client's time zone as their browser reported it (empty: not known; the consultancy's is used,
    # and named): the times they read are written in it (scoping.zones).
    time_zone = models.CharField("client's time zone", max_length=64, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reply_due_at = models.DateTimeField("reply due", null=True, blank=True, db_index=True)
    # While set, questions of ours asked by the deadline wait for the client's answers, and the
    # deadline waits with them (scoping.services.questions; a move that ends the memo's making
    # clears it, scoping.services.history).
    waiting_for_client_since = models.DateTimeField(
        "waiting for the client since", null=True, blank=True, editable=False
    )

    objects = BriefQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]

    def __str__(self) -> str:
        return f"{self.company}: {self.project_title}"

    def clean(self) -> None:
        if self.budget_low is not None and self.budget_high is not None and self.budget_low > self.budget_high:
            raise ValidationError({"budget_low": "The lower end of the budget is above its upper end."})
        if self.approach_override and not self.override_reason.strip():
            raise ValidationError(
                {"override_reason": "Tell the client why you recommend this approach: the memo prints it."}
            )
        if self.override_reason.strip() and not self.approach_override:
            raise ValidationError({"approach_override": "Choose the approach you recommend, or clear the reason."})

    @property
    def final_approach(self) -> str:
        """The approach the memo recommends: the consultant's override, else the engine's approach
        of record. BriefQuerySet.with_final_approach is the same in SQL."""
        return self.approach_override or self.engine_approach

    @property
    def state(self) -> Brief.Status:
        """The status as its enum member, with its words (``brief.state.progress``)."""
        return self.Status(self.status)

    @property
    def client_state(self) -> Brief.Status:
        """The status as the client's page tells it: the status, unless the brief was reopened after
        the client was told it is closed, and nothing new has been sent to them since."""
        return self.Status(self.client_status or self.status)

    @property
    def closed_without_memo(self) -> bool:
        """The client was told there is no memo to come (what their pages read)."""
        return self.client_state.closed_without_memo

    @property
    def memo_delivered(self) -> bool:
        """The memo's email has gone (the mail server took it): only then is the client told it was
        sent to them, not while it waits or fails."""
        return self.emails.filter(kind=OutgoingEmail.Kind.MEMO, status=OutgoingEmail.Status.SENT).exists()

    def held_by_other(self, user: AbstractBaseUser) -> AbstractBaseUser | None:
        """The colleague who has this brief, where it is not ``user``: a move or an edit of the memo
        by ``user`` takes it over from them. None where ``user`` has it or nobody does."""
        if self.assigned_to_id is None or self.assigned_to_id == user.pk:
            return None
        return self.assigned_to

    @property
    def is_open(self) -> bool:
        """Waiting for the consultancy's reply."""
        return self.state.is_open

    def reply_state(self, now: datetime | None = None) -> ReplyState | None:
        """How the reply stands while the brief is open: waiting for the client's answers to our
        questions (the deadline waits, and starts again from their answers), or against its deadline
        (on time, due within DUE_SOON_WITHIN of business time, overdue); None once replied or closed.
        The one place this is decided: BriefQuerySet.overdue and waiting_for_client are the same rule
        in SQL."""
        if not self.is_open or self.reply_due_at is None:
            return None
        if self.waiting_for_client_since is not None:
            return ReplyState.WAITING_FOR_CLIENT
        return reply_state(now or timezone.now(), self.reply_due_at)

    @property
    def client_budget(self) -> ClientBudget | None:
        """The first-year budget the client gave, in their currency; None where they gave none."""
        if self.budget_low is None and self.budget_high is None:
            return None
        return ClientBudget(self.budget_low, self.budget_high, self.budget_currency)

    def facts(self) -> Facts:
        """The brief's answers as the ladder reads them."""
        return Facts(**{f.name: getattr(self, f.name) for f in dataclasses.fields(Facts)})

    def recommendation(self) -> Recommendation:
        """The ladder's recommendation for the brief's current answers."""
        return recommend(self.facts())

    @property
    def greeting_name(self) -> str:
        """How an email greets the client: "Maya" for Maya Lindqvist; the whole name where the first
        word is a title or an initial ("Dr. Ng", "J. Smith")."""
        first = self.contact_name.split()[0] if self.contact_name.split() else ""
        formal = first.rstrip(".").lower() in _TITLES or first.endswith(".") or len(first) <= 1
        return self.contact_name.strip() if formal else first

    @property
    def plain_greeting(self) -> str:
        """The greeting's name where it is one plain word (letters, a hyphen or an apostrophe), else
        "": what an email anyone can have sent to any address may repeat of what they typed."""
        name = self.greeting_name
        return name if _PLAIN_NAME.fullmatch(name) else ""

    @property
    def draft_deleted_from(self) -> datetime:
        """When a draft left as it is now becomes due for deletion: DRAFT_RETENTION_DAYS after its
        last save (purge_drafts, daily). Each save moves it on."""
        return self.updated_at + timedelta(days=settings.DRAFT_RETENTION_DAYS)

    @property
    def reference(self) -> str:
        """A short, stable name for the brief in emails and on the memo (not a secret)."""
        return f"SC-{(self.submitted_at or self.created_at):%Y%m%d}-{self.pk:04d}"


# A name as people write one: letters, with a hyphen or an apostrophe inside (Anne-Marie, O'Brien).
_PLAIN_NAME = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

# The words of each status (Brief.Status.standing, .progress). Indexed for every status, so a status
# added without its words fails at import.
_STANDING = {
    Brief.Status.DRAFT: "still a draft",
    Brief.Status.SUBMITTED: "waiting for its review",
    Brief.Status.IN_REVIEW: "in review",
    Brief.Status.MEMO_SENT: "already sent",
    Brief.Status.WON: "closed as won",
    Brief.Status.LOST: "closed as lost",
    Brief.Status.DECLINED: "declined",
    Brief.Status.SPAM: "marked as spam",
    Brief.Status.REVISING: "being revised: a new version of the memo is in the making",
}
assert set(_STANDING) == set(Brief.Status)
_PROGRESS = {
    Brief.Status.SUBMITTED: "your brief is waiting for a consultant to pick it up",
    Brief.Status.IN_REVIEW: "a consultant is reviewing your brief now",
}
