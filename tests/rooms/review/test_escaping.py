"""Client text is text on every consultants' page: markup a client types never becomes a tag
(a <form> or <meta refresh> in a name once hijacked the send page's button and CSRF token)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from scoping.models import Brief
from scoping.services.intake import brief_start
from scoping.services.review import brief_decline, brief_review_save, brief_start_review
from tests.support.factories import BriefFactory, SuperuserFactory

pytestmark = pytest.mark.django_db


def hostile(field: str) -> str:
    """Markup that would act if a page printed it raw, tagged with the field it came from."""
    return f'<form action="/admin/logout/" data-hostile="{field}"><meta http-equiv="refresh" data-hostile="{field}">'


CLIENT_TEXT = [
    "contact_name",
    "company",
    "contact_role",
    "project_title",
    "project_summary",
    "fine_tune_hope",
    "tried_notes",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "referrer",
]
REVIEW_TEXT = ["override_reason", "consultant_note", "internal_notes"]
RAW_TAG = re.compile(r"<(form|meta)[^>]*data-hostile")


@pytest.fixture
def briefs(consultant):
    """An overdue brief in review with hostile text everywhere, declined and abandoned ones too."""
    brief = BriefFactory()
    Brief.objects.filter(pk=brief.pk).update(
        **{name: hostile(name) for name in CLIENT_TEXT}, reply_due_at=timezone.now() - timedelta(hours=2)
    )
    brief = brief_start_review(brief=Brief.objects.get(pk=brief.pk), actor=consultant)
    brief.approach_override = "rag"
    for name in REVIEW_TEXT:
        setattr(brief, name, hostile(name))
    brief_review_save(brief=brief, actor=consultant, changed=["approach_override", *REVIEW_TEXT])

    declined = BriefFactory(contact_name=hostile("declined name"))
    brief_decline(brief=declined, actor=consultant, email_client=False, message=hostile("decline message"))

    draft = brief_start(
        answers={"contact_name": hostile("draft"), "contact_email": "a@b.example", "company": "x"}, source={}
    )
    Brief.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=2))
    return brief, declined


def admin_pages(brief: Brief, declined: Brief) -> list[str]:
    changelist = reverse("admin:scoping_brief_changelist")
    return [
        reverse("admin:index"),
        changelist,
        changelist + "?due=overdue",
        changelist + "?status=declined",
        changelist + "?status=draft",
        changelist + "?q=data-hostile",
        reverse("admin:scoping_brief_change", args=[brief.pk]),
        reverse("admin:scoping_brief_change", args=[declined.pk]),
        reverse("admin:scoping_brief_history", args=[brief.pk]),
        reverse("admin:scoping_brief_send", args=[brief.pk]),
        reverse("admin:scoping_brief_decline", args=[brief.pk]),
        reverse("admin:scoping_brief_erase", args=[brief.pk]),
        reverse("admin:scoping_brief_dashboard"),
    ]


def test_no_admin_page_turns_client_text_into_markup(client, briefs):
    client.force_login(SuperuserFactory())
    for url in admin_pages(*briefs):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not RAW_TAG.search(html), f"{url}: {RAW_TAG.search(html).group(0)}"


def test_the_send_page_shows_the_email_text_as_the_client_will_read_it(client, consultant, briefs):
    brief, _ = briefs
    client.force_login(consultant)
    html = client.get(reverse("admin:scoping_brief_send", args=[brief.pk])).content.decode()
    assert "Hello &lt;form" in html, "greeted by the first word of the name, escaped"
    assert html.count("<form") == 2, "the send form and the admin's own logout form, nothing else"
