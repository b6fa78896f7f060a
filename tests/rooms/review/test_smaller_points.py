"""The smaller points of the team's workspace: the override's reason saved as a sentence, the
review pages' breadcrumbs drawn as the admin draws its own, a sign-in lock that says how it lifts
and an admin action that lifts it."""

import re
from urllib.parse import unquote

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from scoping.models import Brief
from tests.rooms.review.staff import admin_change, app_code, sign_in
from tests.support.factories import BriefFactory, SuperuserFactory

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


def test_a_lock_says_how_it_lifts_and_a_superuser_lifts_it(client, consultant):
    for _ in range(5):
        locked = sign_in(client, "consultant", "wrong")
    assert "lift the lock" in locked.text
    assert "A new password alone does not lift it." in locked.text
    assert "reset it" not in locked.text

    boss = Client()
    boss.force_login(SuperuserFactory(username="boss"))
    attempts = reverse("admin:axes_accessattempt_changelist")
    assert "Lift the lock" in boss.get(attempts).text
    done = boss.post(
        attempts,
        {"action": "lift_lock", "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True))},
        follow=True,
    )

    assert "Lifted: consultant may sign in again now" in done.text
    assert sign_in(client, "consultant").status_code == 302


def test_recovery_codes_are_offered_as_a_download_and_to_copy(client, consultant, settings):
    settings.SCOPING_STAFF_SECOND_FACTOR = True
    sign_in(client, "consultant")
    client.get(reverse("second_factor_setup"))
    page = client.post(reverse("second_factor_setup"), {"code": app_code(consultant)}).text

    codes = re.findall(r"<li><code>(\w+)</code></li>", page)
    link = re.search(r'download="recovery-codes.txt" href="data:text/plain;charset=utf-8,([^"]+)"', page)
    assert link is not None
    assert unquote(link.group(1)).splitlines()[1:] == codes
    assert "\n".join(codes) in page, "in a box to copy"


def test_the_code_page_shows_nothing_of_the_workspace_before_the_second_factor(client, consultant, settings):
    settings.SCOPING_STAFF_SECOND_FACTOR = True
    sign_in(client, "consultant")

    page = client.get(reverse("second_factor_setup")).text

    assert 'id="nav-sidebar"' not in page
    assert reverse("admin:scoping_brief_changelist") not in page


def test_the_summary_follows_the_approach_and_reason_as_typed_marked_unsaved(client, consultant):
    brief = BriefFactory(company="Northwind")
    client.force_login(consultant)
    url = reverse("admin:scoping_brief_estimate", args=[brief.pk])

    typed = client.get(url, {"approach_override": "rag", "override_reason": "your manuals change weekly"}).text
    as_saved = client.get(url, {"approach_override": "", "override_reason": ""}).text

    assert 'id="memo-summary" hx-swap-oob="true"' in typed
    assert "Unsaved: as it will read once you save." in typed
    assert "Your manuals change weekly." in typed
    assert "Unsaved" not in as_saved
    page = client.get(reverse("admin:scoping_brief_change", args=[brief.pk])).text
    assert 'id="memo-summary" aria-live="polite"' in page
    assert "[name=override_reason]" in page, "the reason's field asks for the live summary too"
