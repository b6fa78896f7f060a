"""Finding a brief by the reference every email quotes, and one history in plain words."""

import pytest
from django.urls import reverse

from scoping.services.review import brief_start_review
from tests.support.factories import BriefFactory

pytestmark = pytest.mark.django_db
LIST = reverse("admin:scoping_brief_changelist")


@pytest.mark.parametrize("typed", ["{ref}", "{ref_lower}", "{bare}", "  {ref}  "])
def test_a_reference_finds_its_brief_with_or_without_its_prefix(client, consultant, typed):
    wanted, other = BriefFactory(company="Wanted Ltd"), BriefFactory(company="Other Ltd")
    ref = wanted.reference
    client.force_login(consultant)

    page = client.get(LIST, {"q": typed.format(ref=ref, ref_lower=ref.lower(), bare=ref.removeprefix("SC-"))}).text

    assert "Wanted Ltd" in page
    assert "Other Ltd" not in page
    assert ref in page, "the list shows the reference"
    assert other.reference in client.get(LIST).text


def test_a_reference_with_the_wrong_day_finds_nothing(client, consultant):
    brief = BriefFactory(company="Dated Ltd")
    client.force_login(consultant)

    page = client.get(LIST, {"q": f"SC-19990101-{brief.pk:04d}"}).text

    assert "Dated Ltd" not in page


def test_djangos_history_button_shows_the_briefs_own_history(client, consultant):
    brief = brief_start_review(brief=BriefFactory(), actor=consultant)
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_history", args=[brief.pk])).text

    assert f"Who did what to {brief.reference}" in page
    assert "started the review" in page
    assert "start_review" not in page, "words, not codes"
    assert "the client" in page  # the submission
