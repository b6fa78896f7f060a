"""Cost assumptions: one current version, revised in admin by superusers, never edited in place."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from decisions.models import AssumptionSet
from decisions.services import assumptions_revise
from tests.support.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_first_version_ships_with_the_app():
    first = AssumptionSet.current()

    assert first.version == 1
    assert first.to_assumptions().budget_brackets == (25_000, 50_000, 100_000, 250_000, 500_000)


def test_a_revision_is_a_new_version_and_the_old_one_stays():
    proposed = AssumptionSet.current()
    proposed.team_weekly_rate = Decimal("9500")

    revised = assumptions_revise(proposed=proposed, by=None)

    assert revised.version == 2
    assert AssumptionSet.current().team_weekly_rate == Decimal("9500")
    assert AssumptionSet.objects.get(version=1).team_weekly_rate == Decimal("8000")


def test_a_revision_with_bad_brackets_is_refused():
    proposed = AssumptionSet.current()
    proposed.budget_brackets = "50000,25000"

    with pytest.raises(ValidationError, match="increasing"):
        assumptions_revise(proposed=proposed, by=None)
    assert AssumptionSet.objects.count() == 1


def test_saving_in_admin_adds_a_version_even_from_an_old_page(client):
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(admin)
    form = {k: v for k, v in model_to_dict(AssumptionSet.current()).items() if k not in ("id", "created_by")}
    form.update(team_weekly_rate="9000", note="Rates for 2027")

    response = client.post(f"/admin/decisions/assumptionset/{AssumptionSet.current().pk}/change/", form)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert list(AssumptionSet.objects.order_by("version").values_list("version", "team_weekly_rate")) == [
        (1, Decimal("8000.00")),
        (2, Decimal("9000.00")),
    ]
    assert AssumptionSet.current().created_by == admin
    assert client.get(f"/admin/decisions/assumptionset/{AssumptionSet.current().pk}/delete/").status_code == 403
    listing = client.get(response["Location"]).text
    assert "Saved as version 2: new memos use it from now on" in listing
    assert "was changed" not in listing


def test_a_version_page_reads_as_the_start_of_a_new_version(client):
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))
    first = AssumptionSet.current()
    first.note = "Initial assumptions"
    first.save()

    page = client.get(f"/admin/decisions/assumptionset/{first.pk}/change/").text
    listing = client.get("/admin/decisions/assumptionset/").text

    assert "New version from Assumptions v1 (the current one)" in page
    assert "Save and add another" not in page
    assert "What this new version changes" in page
    assert ">Initial assumptions</textarea>" not in page, "the note starts empty"
    assert "current" in listing


def test_consultants_may_read_the_assumptions_but_not_change_them(client, consultant):
    current = AssumptionSet.current()
    client.force_login(consultant)

    assert client.get("/admin/decisions/assumptionset/").status_code == 200
    assert client.get("/admin/decisions/assumptionset/add/").status_code == 403
    page = client.get(f"/admin/decisions/assumptionset/{current.pk}/change/")
    assert 'name="team_weekly_rate"' not in page.text, "read-only for consultants"
    assert (
        client.post(f"/admin/decisions/assumptionset/{current.pk}/change/", {"team_weekly_rate": 1}).status_code == 403
    )


@pytest.mark.parametrize(
    ("currency", "rates", "message"),
    [
        ("GBP", "GBP 0.85, USD 1.08", "Leave out GBP"),  # the EUR default's rates, left as they were
        ("GBP", "USD 1.27", "Give a rate for EUR as well"),
        ("EUR", "GBP 0.85", "Give a rate for USD as well"),
    ],
)
def test_rates_are_for_exactly_the_other_currencies_a_client_may_choose(currency, rates, message):
    proposed = AssumptionSet.current()
    proposed.currency, proposed.exchange_rates = currency, rates

    with pytest.raises(ValidationError, match=message):
        assumptions_revise(proposed=proposed, by=None)


def test_in_pounds_a_budget_in_euros_is_compared_at_the_pounds_rate(client, consultant):
    from decisions.budget import in_currency
    from decisions.money import Range
    from tests.support.factories import BriefFactory

    proposed = AssumptionSet.current()
    proposed.currency, proposed.exchange_rates = "GBP", "EUR 1.18, USD 1.27"
    assumptions = assumptions_revise(proposed=proposed, by=None).to_assumptions()
    brief = BriefFactory(budget_high=90_000, budget_currency="EUR")

    assert in_currency(Range(100, 200, "GBP"), "USD", assumptions) == Range(127, 254, "USD")
    assert in_currency(Range(100, 200, "GBP"), "GBP", assumptions) == Range(100, 200, "GBP")
    client.force_login(consultant)
    assert client.get(f"/admin/scoping/brief/{brief.pk}/change/").status_code == 200


def test_the_shipped_figures_price_a_large_index_as_a_vector_store_would():
    """200,000 documents, about 400 million tokens at a typical length: hundreds a month, not tens of thousands."""
    from decisions.estimate import LineId, Profile, approach_estimate
    from decisions.ladder import Approach, Facts

    facts = Facts(needs_knowledge=True, corpus_documents=200_000)
    estimate = approach_estimate(
        Approach.RAG, facts, 10_000, AssumptionSet.current().to_assumptions(), (6, 10), Profile()
    )
    (index,) = [line for line in estimate.monthly if line.id is LineId.INDEX_HOSTING]

    assert "about 400,000,000 tokens of knowledge indexed" in index.basis
    assert 200 <= index.printed[0] <= 2_000
