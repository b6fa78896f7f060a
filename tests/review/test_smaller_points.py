"""The smaller points of the team's workspace: the override's reason saved as a sentence, the
review pages' breadcrumbs drawn as the admin draws its own."""

import pytest
from django.urls import reverse

from scoping.models import Brief
from tests.factories import BriefFactory
from tests.review.test_lifecycle import admin_change

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("because your documents change daily", "Because your documents change daily."),
        ("Your data stays in the EU.", "Your data stays in the EU."),
        ("  is it worth it?  ", "Is it worth it?"),
        ('as they said "no lock-in."', 'As they said "no lock-in."'),
    ],
)
def test_the_override_reason_is_saved_as_a_sentence(client, consultant, typed, printed):
    brief = BriefFactory()
    client.force_login(consultant)

    admin_change(client, brief, approach_override="rag", override_reason=typed)

    assert Brief.objects.get(pk=brief.pk).override_reason == printed


def test_the_review_pages_breadcrumbs_are_the_admins_own(client, consultant):
    brief = BriefFactory()
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_send", args=[brief.pk])).text

    assert '<ol class="breadcrumbs">' in page
    assert '<li aria-current="page">Send the memo for' in page
