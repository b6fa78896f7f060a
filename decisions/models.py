"""The cost model's assumptions, kept in the database so the consultancy can revise its prices.

Each revision is a new row with the next version number; rows are never edited or deleted, so a
memo that names version 3 can always be traced to the exact prices it used.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from decisions.costs import ApproachAssumptions, Assumptions, Hosting
from decisions.ladder import Approach

_POSITIVE = [MinValueValidator(Decimal("0"))]
CURRENCIES = [("EUR", "EUR (€)"), ("GBP", "GBP (£)"), ("USD", "USD ($)")]


def _validate_brackets(value: str) -> None:
    try:
        bounds = [int(part) for part in value.split(",")]
    except ValueError:
        raise ValidationError("Write whole amounts separated by commas, e.g. 25000,50000,100000.") from None
    if bounds != sorted(set(bounds)) or bounds[0] <= 0:
        raise ValidationError("Amounts must be positive, distinct and in increasing order.")


def parse_rates(value: str) -> tuple[tuple[str, float], ...]:
    """ "GBP 0.85, USD 1.08": units of each currency for one unit of ours."""
    rates = []
    for part in value.split(","):
        code, _, rate = part.strip().partition(" ")
        rates.append((code.strip().upper(), float(rate)))
    return tuple(rates)


def _validate_rates(value: str) -> None:
    try:
        rates = parse_rates(value)
    except ValueError:
        raise ValidationError("Write each rate as a currency code and a number, e.g. GBP 0.85, USD 1.08.") from None
    if any(len(code) != 3 or not code.isalpha() or rate <= 0 for code, rate in rates):
        raise ValidationError("Each rate is a three-letter currency code and a number above zero.")


def _amount(verbose: str, default: str, help_text: str = "", places: int = 2) -> models.DecimalField:
    return models.DecimalField(
        verbose, max_digits=12, decimal_places=places, default=Decimal(default), validators=_POSITIVE,
        help_text=help_text,
    )  # fmt: skip


def _tokens(approach: Approach, default: int) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        f"{approach.label}: instructions and examples in each request, tokens", default=default
    )


def _weeks(approach: Approach, what: str, default: str) -> models.DecimalField:
    return models.DecimalField(
        f"{approach.label}: {what}", max_digits=5, decimal_places=2, default=Decimal(default), validators=_POSITIVE
    )


class AssumptionSet(models.Model):
    version = models.PositiveIntegerField(unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    note = models.CharField("why this revision", max_length=300, blank=True)

    # What the prices are: the currency, the models and platform they are for, and their date.
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="EUR")
    prices_as_of = models.DateField("prices as of", default=timezone.localdate)
    frontier_model = models.CharField(
        "frontier model", max_length=120, default="a frontier model at its provider's list price",
        help_text="The large model prompting and RAG are priced on, as the memo names it.",
    )  # fmt: skip
    small_model = models.CharField(
        "small model", max_length=120, default="a small open-weights model (about 8 billion parameters)",
        help_text="The model a fine-tune is trained from, as the memo names it.",
    )  # fmt: skip
    platform = models.CharField(
        max_length=160, default="the model providers' own APIs, and a managed GPU cloud for a dedicated fine-tune",
    )  # fmt: skip
    exchange_rates = models.CharField(
        max_length=200, default="GBP 0.85, USD 1.08", validators=[_validate_rates],
        help_text="Units of each other currency for one unit of ours, to compare with a client's budget: one for "
        "every currency a client may choose except ours.",
    )  # fmt: skip

    # Requests.
    frontier_price_per_million_tokens = _amount(
        "frontier model: price per million tokens", "5.00", "Blended input and output price.", places=4
    )
    small_model_price_per_million_tokens = _amount(
        "small fine-tuned model: price per million tokens", "0.60", "Served by the token.", places=4
    )
    output_tokens_per_request = models.PositiveIntegerField("output tokens per request", default=400)
    request_tokens = models.PositiveIntegerField(
        "a request's own words, tokens", default=300, help_text="Where a request brings no document of its own."
    )
    retrieved_tokens_per_request = models.PositiveIntegerField("retrieved passages per request, tokens", default=2000)
    retrieval_per_1000_requests = _amount("retrieval per 1,000 requests", "2.00", "Embedding, search and reranking.")
    cached_share = models.DecimalField(
        "prompt caching: share of a repeated prompt served from the cache",
        max_digits=4, decimal_places=2, default=Decimal("0.90"), validators=[*_POSITIVE, MaxValueValidator(1)],
        help_text="0 to 1. Instructions and knowledge carried whole open every prompt the same way.",
    )  # fmt: skip
    cached_price_factor = models.DecimalField(
        "prompt caching: price of cached tokens, as a share of the normal price",
        max_digits=4, decimal_places=2, default=Decimal("0.10"), validators=[*_POSITIVE, MaxValueValidator(1)],
    )  # fmt: skip

    # The team.
    team_weekly_rate = _amount("team weekly rate", "8000", "What one week of the delivery team costs the client.")
    contingency_percent = models.PositiveSmallIntegerField(
        "contingency (%)", default=15, validators=[MaxValueValidator(100)],
        help_text="Of the build, added at the long end of its timeline.",
    )  # fmt: skip

    # Fine-tuning.
    training_price_per_million_tokens = _amount("fine-tuning: training price per million tokens", "8.00", places=4)
    training_epochs = models.PositiveIntegerField(
        "fine-tuning: epochs a run", default=3, validators=[MinValueValidator(1)]
    )
    training_examples_if_none = models.PositiveIntegerField(
        "fine-tuning: examples to train on when the brief gives none", default=1000
    )
    hosting = models.CharField(
        "fine-tuning: how the model is served", max_length=16, default=Hosting.SERVERLESS,
        choices=[(kind.value, kind.label) for kind in Hosting],
    )  # fmt: skip
    dedicated_hourly_rate = _amount("fine-tuning: a dedicated machine, an hour", "1.50")
    retraining_cadence_months = models.PositiveIntegerField(default=3, validators=[MinValueValidator(1)])
    retraining_weeks = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("2"), validators=_POSITIVE)
    migration_every_months = models.PositiveIntegerField(
        "base-model migration: every (months)", default=18, validators=[MinValueValidator(1)],
        help_text="A provider retires a base model about this often; a fine-tune is redone on a new one.",
    )  # fmt: skip
    migration_weeks = models.DecimalField(
        "base-model migration: team weeks", max_digits=5, decimal_places=2, default=Decimal("2"), validators=_POSITIVE
    )

    # Measuring.
    eval_cases_if_none = models.PositiveIntegerField("eval set cases when the brief gives none", default=200)
    eval_runs_during_build = models.PositiveIntegerField("evaluation runs during the build, each part", default=15)
    eval_runs_per_month = models.PositiveIntegerField("evaluation runs a month after launch", default=4)
    build_usage_per_week = _amount("model use by the team while building, a week", "150")

    # Running.
    app_hosting_per_month = _amount("hosting the application, a month", "250")
    index_hosting_per_million_tokens = _amount("search index hosting, a month per million tokens", "2")
    index_hosting_min_per_month = _amount("search index hosting, at the least a month", "50")
    observability_per_month = _amount("monitoring and observability, a month", "100")
    observability_per_1000_requests = _amount("monitoring and observability, per 1,000 requests", "0.20")
    guardrails_per_1000_requests = _amount(
        "guardrails and personal-data filtering, per 1,000 requests", "1.00", "Where the system handles personal data."
    )
    security_review = _amount(
        "security and data-protection review, once", "6000",
        "Where the system handles personal data or keeps customers' data apart.",
    )  # fmt: skip
    review_minutes_per_output = _amount("a person checking an output, minutes", "2", "Where the brief says they do.")
    reviewer_hourly_cost = _amount("a reviewer's time, an hour", "40")

    # The client's own time.
    client_decider_hours_per_week = _amount("client: decision-maker's hours a week", "2")
    client_expert_days_per_discovery_week = _amount("client: domain experts' days a week of discovery", "1")

    budget_brackets = models.CharField(
        max_length=200,
        default="25000,50000,100000,250000,500000",
        validators=[_validate_brackets],
        help_text="Upper bounds of the budget brackets quoted to clients, comma-separated; past the last they go "
        "on in 1-2-5 steps (1,000,000, 2,000,000, 5,000,000).",
    )

    instructions_tokens_prompting = _tokens(Approach.PROMPTING, 2000)
    instructions_tokens_rag = _tokens(Approach.RAG, 1500)
    instructions_tokens_fine_tuning = _tokens(Approach.FINE_TUNING, 300)
    instructions_tokens_rag_fine_tuning = _tokens(Approach.RAG_FINE_TUNING, 300)
    # The core build alone, in the middle of its range: discovery, the fine-tune itself (the
    # framework's ranges), what the brief adds to retrieval and integration are phases of their own.
    setup_weeks_prompting = _weeks(Approach.PROMPTING, "core build weeks", "2")
    setup_weeks_rag = _weeks(Approach.RAG, "core build weeks", "6")
    setup_weeks_fine_tuning = _weeks(Approach.FINE_TUNING, "core build weeks", "2")
    setup_weeks_rag_fine_tuning = _weeks(Approach.RAG_FINE_TUNING, "core build weeks", "6")
    maintenance_weeks_prompting = _weeks(Approach.PROMPTING, "upkeep weeks a month", "0.25")
    maintenance_weeks_rag = _weeks(Approach.RAG, "upkeep weeks a month", "0.5")
    maintenance_weeks_fine_tuning = _weeks(Approach.FINE_TUNING, "upkeep weeks a month", "0.5")
    maintenance_weeks_rag_fine_tuning = _weeks(Approach.RAG_FINE_TUNING, "upkeep weeks a month", "0.75")

    class Meta:
        ordering = ["-version"]
        get_latest_by = "version"
        verbose_name = "cost assumptions"
        verbose_name_plural = "cost assumptions"

    def __str__(self) -> str:
        return f"Assumptions v{self.version}"

    def clean(self) -> None:
        """Rates for exactly the currencies a client may budget in, other than ours: a rate for ours would
        contradict its 1, and a missing one would leave a client's budget without a comparison."""
        try:
            listed = dict(parse_rates(self.exchange_rates))
        except ValueError:
            return  # the field's own validator says what is wrong
        others = {code for code, _ in CURRENCIES} - {self.currency}
        if self.currency in listed:
            raise ValidationError({"exchange_rates": f"Leave out {self.currency}: it is this revision's own currency."})
        if missing := sorted(others - set(listed)):
            raise ValidationError({"exchange_rates": f"Give a rate for {' and '.join(missing)} as well."})

    @classmethod
    def current(cls) -> AssumptionSet:
        """The newest revision: the one new memos use.

        The model's defaults are the first revision; it is created on first use, so a fresh
        database (or a test database after a flush) always has one.
        """
        newest = cls.objects.order_by("-version").first()
        if newest is None:
            newest, _ = cls.objects.get_or_create(version=1, defaults={"note": "Initial assumptions"})
        return newest

    def to_assumptions(self) -> Assumptions:
        """The plain values the cost model reads."""
        money = {
            name: float(getattr(self, name))
            for name in (
                "frontier_price_per_million_tokens", "small_model_price_per_million_tokens",
                "retrieval_per_1000_requests", "cached_share", "cached_price_factor", "team_weekly_rate",
                "training_price_per_million_tokens", "dedicated_hourly_rate", "retraining_weeks", "migration_weeks",
                "build_usage_per_week", "app_hosting_per_month", "index_hosting_per_million_tokens",
                "index_hosting_min_per_month", "observability_per_month", "observability_per_1000_requests",
                "guardrails_per_1000_requests", "security_review", "review_minutes_per_output",
                "reviewer_hourly_cost", "client_decider_hours_per_week", "client_expert_days_per_discovery_week",
            )
        }  # fmt: skip
        counts = {
            name: getattr(self, name)
            for name in (
                "output_tokens_per_request", "request_tokens", "retrieved_tokens_per_request", "contingency_percent",
                "training_epochs", "training_examples_if_none", "retraining_cadence_months",
                "migration_every_months", "eval_cases_if_none", "eval_runs_during_build", "eval_runs_per_month",
            )
        }  # fmt: skip
        return Assumptions(
            version=self.version,
            currency=self.currency,
            prices_as_of=self.prices_as_of,
            frontier_model=self.frontier_model,
            small_model=self.small_model,
            platform=self.platform,
            exchange_rates=parse_rates(self.exchange_rates),
            hosting=Hosting(self.hosting),
            per_approach=tuple(
                ApproachAssumptions(
                    approach=a,
                    instructions_tokens=getattr(self, f"instructions_tokens_{a.value}"),
                    build_weeks=float(getattr(self, f"setup_weeks_{a.value}")),
                    upkeep_weeks_per_month=float(getattr(self, f"maintenance_weeks_{a.value}")),
                )
                for a in Approach
            ),
            budget_brackets=tuple(int(part) for part in self.budget_brackets.split(",")),
            **money,
            **counts,
        )
