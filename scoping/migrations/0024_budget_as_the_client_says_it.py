from django.db import migrations, models

# The buckets the form used to offer, all in euros: (from, up to); "over €250,000" has no ceiling.
BUCKETS = {
    "under_25k": (None, 25_000),
    "25k_50k": (25_000, 50_000),
    "50k_100k": (50_000, 100_000),
    "100k_250k": (100_000, 250_000),
    "over_250k": (250_000, None),
}


def budgets_from_buckets(apps, schema_editor):
    Brief = apps.get_model("scoping", "Brief")
    for code, (low, high) in BUCKETS.items():
        Brief.objects.filter(budget_range=code).update(budget_low=low, budget_high=high, budget_currency="EUR")


def buckets_from_budgets(apps, schema_editor):
    Brief = apps.get_model("scoping", "Brief")
    for code, (low, high) in BUCKETS.items():
        Brief.objects.filter(budget_low=low, budget_high=high).update(budget_range=code)


class Migration(migrations.Migration):
    """The client's budget as they think of it (a figure or a range, in euros, pounds or dollars)
    instead of buckets in euros; and two answers the money reads: personal data, and a person
    checking each output. Briefs sent with a bucket keep it, as its range in euros."""

    dependencies = [("scoping", "0023_what_the_system_does")]

    operations = [
        migrations.AddField(
            "brief", "budget_low", models.PositiveBigIntegerField("first-year budget from", null=True, blank=True)
        ),
        migrations.AddField(
            "brief", "budget_high", models.PositiveBigIntegerField("first-year budget up to", null=True, blank=True)
        ),
        migrations.AddField(
            "brief",
            "budget_currency",
            models.CharField(
                "budget currency",
                max_length=3,
                default="EUR",
                choices=[("EUR", "€ Euros"), ("GBP", "£ Pounds sterling"), ("USD", "$ US dollars")],
            ),
        ),
        migrations.RunPython(budgets_from_buckets, buckets_from_budgets),
        migrations.RemoveField("brief", "budget_range"),
        migrations.AddField("brief", "personal_data", models.BooleanField("handles personal data", default=False)),
        migrations.AddField(
            "brief",
            "human_review",
            models.BooleanField("a person checks each output before it is used", default=False),
        ),
    ]
