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

from decisions.costs import ApproachAssumptions, Assumptions
from decisions.ladder import Approach

_POSITIVE = [MinValueValidator(Decimal("0"))]


def _validate_brackets(value: str) -> None:
    try:
        bounds = [int(part) for part in value.split(",")]
    except ValueError:
        raise ValidationError("Write whole amounts separated by commas, e.g. 25000,50000,100000.") from None
    if bounds != sorted(set(bounds)) or bounds[0] <= 0:
        raise ValidationError("Amounts must be positive, distinct and in increasing order.")


def _tokens(approach: Approach, default: int) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(f"{approach.label}: prompt tokens per query", default=default)


def _weeks(approach: Approach, what: str, default: str) -> models.DecimalField:
    # "set-up weeks" is the middle of the build phase; the memo's timeline adds the others.
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

    currency = models.CharField(max_length=3, default="EUR", help_text="ISO code: EUR, USD or GBP show a symbol.")
    frontier_price_per_million_tokens = models.DecimalField(
        max_digits=10,
        decimal_places=4,
        default=Decimal("5.00"),
        validators=_POSITIVE,
        help_text="Blended input and output price of a large frontier model.",
    )
    small_model_price_per_million_tokens = models.DecimalField(
        max_digits=10,
        decimal_places=4,
        default=Decimal("0.60"),
        validators=_POSITIVE,
        help_text="Blended price of serving a small fine-tuned model.",
    )
    output_tokens_per_query = models.PositiveIntegerField(default=400)
    retrieval_cost_per_query = models.DecimalField(
        max_digits=10,
        decimal_places=5,
        default=Decimal("0.002"),
        validators=_POSITIVE,
        help_text="Embedding, vector search and reranking for one query.",
    )
    team_weekly_rate = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("8000"),
        validators=_POSITIVE,
        help_text="What one week of the delivery team costs the client.",
    )
    amortize_months = models.PositiveIntegerField(
        default=12, validators=[MinValueValidator(1)], help_text="Set-up cost is spread over this many months."
    )
    retraining_cadence_months = models.PositiveIntegerField(default=3, validators=[MinValueValidator(1)])
    retraining_weeks = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("2"), validators=_POSITIVE)
    cached_share = models.DecimalField(
        "prompt caching: share of a repeated prompt served from the cache",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.90"),
        validators=[*_POSITIVE, MaxValueValidator(1)],
        help_text="0 to 1. The knowledge prompting carries in every prompt is repeated, so mostly cached.",
    )
    cached_price_factor = models.DecimalField(
        "prompt caching: price of cached tokens, as a share of the normal price",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.10"),
        validators=[*_POSITIVE, MaxValueValidator(1)],
    )
    training_price_per_million_tokens = models.DecimalField(
        "fine-tuning: training price per million tokens",
        max_digits=10,
        decimal_places=4,
        default=Decimal("8.00"),
        validators=_POSITIVE,
    )
    training_tokens_per_run = models.PositiveIntegerField(
        "fine-tuning: training tokens in one run", default=10_000_000, help_text="Examples times tokens each."
    )
    training_epochs = models.PositiveIntegerField(
        "fine-tuning: epochs a run", default=3, validators=[MinValueValidator(1)]
    )
    fine_tuned_hosting_per_month = models.DecimalField(
        "fine-tuning: hosting the model, a month",
        max_digits=10,
        decimal_places=2,
        default=Decimal("500"),
        validators=_POSITIVE,
    )
    eval_run_cost = models.DecimalField(
        "fine-tuning: one evaluation run",
        max_digits=10,
        decimal_places=2,
        default=Decimal("300"),
        validators=_POSITIVE,
        help_text="At set-up and at each retraining: the eval set and regression suite run on the new model.",
    )
    budget_brackets = models.CharField(
        max_length=200,
        default="25000,50000,100000,250000,500000",
        validators=[_validate_brackets],
        help_text="Upper bounds of the budget brackets quoted to clients, comma-separated.",
    )

    prompt_tokens_prompting = _tokens(Approach.PROMPTING, 6000)
    prompt_tokens_rag = _tokens(Approach.RAG, 3500)
    prompt_tokens_fine_tuning = _tokens(Approach.FINE_TUNING, 800)
    prompt_tokens_rag_fine_tuning = _tokens(Approach.RAG_FINE_TUNING, 2500)
    setup_weeks_prompting = _weeks(Approach.PROMPTING, "set-up weeks", "2")
    setup_weeks_rag = _weeks(Approach.RAG, "set-up weeks", "6")
    # The build phase alone: discovery, the fine-tune itself (the framework's ranges), what the brief
    # adds to retrieval and integration are phases of their own.
    setup_weeks_fine_tuning = _weeks(Approach.FINE_TUNING, "set-up weeks", "2")
    setup_weeks_rag_fine_tuning = _weeks(Approach.RAG_FINE_TUNING, "set-up weeks", "6")
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
        return Assumptions(
            version=self.version,
            currency=self.currency,
            frontier_price_per_million_tokens=float(self.frontier_price_per_million_tokens),
            small_model_price_per_million_tokens=float(self.small_model_price_per_million_tokens),
            output_tokens_per_query=self.output_tokens_per_query,
            retrieval_cost_per_query=float(self.retrieval_cost_per_query),
            team_weekly_rate=float(self.team_weekly_rate),
            amortize_months=self.amortize_months,
            retraining_cadence_months=self.retraining_cadence_months,
            retraining_weeks=float(self.retraining_weeks),
            per_approach=tuple(
                ApproachAssumptions(
                    approach=a,
                    prompt_tokens_per_query=getattr(self, f"prompt_tokens_{a.value}"),
                    setup_weeks=float(getattr(self, f"setup_weeks_{a.value}")),
                    maintenance_weeks_per_month=float(getattr(self, f"maintenance_weeks_{a.value}")),
                )
                for a in Approach
            ),
            budget_brackets=tuple(int(part) for part in self.budget_brackets.split(",")),
            cached_share=float(self.cached_share),
            cached_price_factor=float(self.cached_price_factor),
            training_price_per_million_tokens=float(self.training_price_per_million_tokens),
            training_tokens_per_run=self.training_tokens_per_run,
            training_epochs=self.training_epochs,
            fine_tuned_hosting_per_month=float(self.fine_tuned_hosting_per_month),
            eval_run_cost=float(self.eval_run_cost),
        )
