"""The consultants' admin: the list, who may do what, the dashboard, export, retention and erasure."""

import csv
import importlib
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from decisions.ladder import Approach, Facts
from scoping.deadlines import business_time_left
from scoping.memos.build import memo_for_client
from scoping.models import Brief, BriefEvent
from scoping.services.accounts import CONSULTANT_PERMISSIONS, consultants_group_ensure
from scoping.services.memo import memo_send, memo_viewed
from scoping.services.review import brief_decline, brief_review_save, brief_start_review
from tests.support.factories import BriefFactory, ConsultantFactory, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Brief.Status
LONDON = ZoneInfo("Europe/London")
CHANGELIST = "/admin/scoping/brief/"


def due_in(brief: Brief, delta: timedelta) -> Brief:
    Brief.objects.filter(pk=brief.pk).update(reply_due_at=timezone.now() + delta)
    brief.refresh_from_db()
    return brief


def row_of(page: str, company: str) -> str:
    start = page.index(company)
    return page[start : page.index("</tr>", start)]


@time_machine.travel(datetime(2026, 11, 25, 11, 0, tzinfo=LONDON), tick=False)  # a Wednesday
def test_the_list_shows_overdue_in_red_and_nearly_due_in_amber_most_urgent_first(client, consultant):
    due_in(BriefFactory(company="Later Ltd"), timedelta(hours=20))
    due_in(BriefFactory(company="Soon Ltd"), timedelta(hours=3))
    due_in(BriefFactory(company="Late Ltd"), timedelta(hours=-5))
    memo_send(brief=due_in(BriefFactory(company="Answered Ltd"), timedelta(hours=-50)), actor=consultant)
    client.force_login(consultant)

    page = client.get(CHANGELIST).text

    assert 'class="due due-overdue">overdue 5 h 0 min' in row_of(page, "Late Ltd")
    assert 'class="due due-soon">3 h 0 min left' in row_of(page, "Soon Ltd")
    assert "due-" not in row_of(page, "Later Ltd")
    assert "due-" not in row_of(page, "Answered Ltd"), "a brief answered is not overdue"
    order = [page.index(name) for name in ("Late Ltd", "Soon Ltd", "Later Ltd", "Answered Ltd")]
    assert order == sorted(order)


def test_business_time_left_skips_the_weekend():
    friday_evening = datetime(2026, 11, 27, 22, 0, tzinfo=LONDON)
    monday_morning = datetime(2026, 11, 30, 1, 0, tzinfo=LONDON)

    left = business_time_left(friday_evening, monday_morning, time_zone="Europe/London", country="GB")

    assert left == timedelta(hours=3)  # two hours of Friday, one of Monday


def test_the_list_leaves_drafts_out_unless_asked(client, consultant):
    BriefFactory(company="Sent Ltd")
    Brief.objects.create(contact_name="D", contact_email="d@example.com", company="Typing Ltd")
    client.force_login(consultant)

    default = client.get(CHANGELIST).text
    drafts = client.get(CHANGELIST, {"status": "draft"}).text

    assert "Sent Ltd" in default
    assert "Typing Ltd" not in default
    assert "Typing Ltd" in drafts
    assert "Sent Ltd" not in drafts


def test_filters_overdue_and_assigned_to_me(client, consultant):
    late = due_in(BriefFactory(company="Late Ltd"), timedelta(hours=-1))
    due_in(BriefFactory(company="Fine Ltd"), timedelta(hours=10))
    brief_start_review(brief=late, actor=consultant)
    client.force_login(consultant)

    overdue = client.get(CHANGELIST, {"due": "overdue"}).text
    mine = client.get(CHANGELIST, {"assigned": "me"}).text

    assert "Late Ltd" in overdue
    assert "Fine Ltd" not in overdue
    assert "Late Ltd" in mine
    assert "Fine Ltd" not in mine


def test_the_approach_filter_uses_the_final_approach(client, consultant):
    overridden = brief_start_review(brief=BriefFactory(company="Overridden Ltd"), actor=consultant)
    overridden.approach_override, overridden.override_reason = Approach.RAG, "Their data changes daily."
    brief_review_save(brief=overridden, actor=consultant, changed=["approach_override", "override_reason"])
    BriefFactory(company="Plain Ltd")
    client.force_login(consultant)

    page = client.get(CHANGELIST, {"approach": "rag"}).text

    assert "Overridden Ltd" in page
    assert "Plain Ltd" not in page
    assert "Retrieval-augmented generation (RAG) (override)" in page


@pytest.mark.parametrize("term", ["acme", "ada@acme.example", "invoices"])
def test_search_by_company_email_and_project_text(client, consultant, term):
    BriefFactory(company="Acme", contact_email="ada@acme.example", project_summary="Read supplier invoices.")
    BriefFactory(company="Other", contact_email="bob@other.example", project_summary="Something else.")
    client.force_login(consultant)

    page = client.get(CHANGELIST, {"q": term}).text

    assert "Acme" in page
    assert "bob@other.example" not in page
    assert ">Other<" not in page


def test_the_number_of_queries_does_not_grow_with_the_page(client, consultant):
    client.force_login(consultant)

    def queries_for(count: int) -> int:
        for _ in range(count):
            brief_start_review(brief=BriefFactory(), actor=consultant)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(CHANGELIST).status_code == 200
        return len(queries)

    few = queries_for(3)
    many = queries_for(30)

    assert few == many > 5, (few, many)


# Who may reach what: the client holds only a token; an outsider is signed in but not staff.
PAGES = {
    "changelist": lambda brief: ("get", CHANGELIST),
    "change": lambda brief: ("get", reverse("admin:scoping_brief_change", args=[brief.pk])),
    "send": lambda brief: ("get", reverse("admin:scoping_brief_send", args=[brief.pk])),
    "start_review": lambda brief: ("post", reverse("admin:scoping_brief_act", args=[brief.pk, "start_review"])),
    "dashboard": lambda brief: ("get", reverse("admin:scoping_brief_dashboard")),
    "erase": lambda brief: ("get", reverse("admin:scoping_brief_erase", args=[brief.pk])),
    "assumptions_add": lambda brief: ("get", "/admin/decisions/assumptionset/add/"),
    "users": lambda brief: ("get", "/admin/auth/user/"),
    "report": lambda brief: ("get", reverse("scoping:report", args=[brief.token])),
}
# Expected: "ok" (200, or a redirect back after a move), "login" (sent to sign in), "denied" (403).
MATRIX = {
    "client": {**dict.fromkeys(PAGES, "login"), "report": "ok"},
    "outsider": {**dict.fromkeys(PAGES, "login"), "report": "ok"},
    "consultant": {**dict.fromkeys(PAGES, "ok"), "erase": "denied", "assumptions_add": "denied", "users": "denied"},
    "superuser": dict.fromkeys(PAGES, "ok"),
}


@pytest.mark.parametrize("who", list(MATRIX))
@pytest.mark.parametrize("target", list(PAGES))  # not "page": that name is Playwright's fixture
def test_permission_matrix(client, who, target):
    brief = BriefFactory()
    user = {
        "client": lambda: None,
        "outsider": lambda: UserFactory(username="outsider"),
        "consultant": lambda: ConsultantFactory(username="c"),
        "superuser": lambda: SuperuserFactory(username="root"),
    }[who]()
    if user:
        client.force_login(user)
    method, url = PAGES[target](brief)

    response = getattr(client, method)(url)

    expected = MATRIX[who][target]
    if expected == "ok":
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/login/" not in response["Location"]
    elif expected == "login":
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    else:
        assert response.status_code == 403


def test_the_consultants_group_holds_only_what_reviewing_needs():
    made = importlib.import_module("scoping.migrations.0005_consultants_group")
    signatures = importlib.import_module("scoping.migrations.0012_consultants_keep_their_signature")
    migrated = {*made.PERMISSIONS, *(("scoping", codename) for codename in signatures.CODENAMES)}
    permissions = {f"{p.content_type.app_label}.{p.codename}" for p in consultants_group_ensure().permissions.all()}

    assert migrated == set(CONSULTANT_PERMISSIONS), "the migrations made the group the code expects"
    assert permissions == {
        "scoping.view_brief",
        "scoping.change_brief",
        "scoping.view_briefevent",
        "decisions.view_assumptionset",
        "scoping.view_consultantprofile",
        "scoping.add_consultantprofile",
        "scoping.change_consultantprofile",
    }


@time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=LONDON), tick=False)
def test_the_dashboard_tells_whether_the_promise_is_kept(client, consultant):
    on_time = due_in(BriefFactory(company="On Time Ltd"), timedelta(hours=5))
    memo_send(brief=on_time, actor=consultant)
    due_in(BriefFactory(company="Late Ltd"), timedelta(hours=-2))  # overdue, no reply
    declined = due_in(BriefFactory(company="Declined Ltd"), timedelta(hours=-30))
    brief_decline(brief=declined, actor=consultant, email_client=False)  # replied, but after the deadline
    overridden = BriefFactory(company="Overridden Ltd")
    Brief.objects.filter(pk=overridden.pk).update(approach_override="rag", override_reason="weekly changes")
    memo_send(brief=overridden, actor=consultant)
    due_in(BriefFactory(company="Due Today Ltd"), timedelta(hours=3))
    draft = Brief.objects.create(contact_name="Sam", contact_email="sam@half.example", company="Halfway", steps_done=2)
    Brief.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=2))
    client.force_login(consultant)

    page = client.get(reverse("admin:scoping_brief_dashboard")).text

    assert "<strong>50%</strong> (2 of 4)" in page  # on time: the two memos; late: the overdue and the decline
    assert "Overdue (1)" in page
    assert "Late Ltd" in page
    assert "Due today (1)" in page
    assert "Due Today Ltd" in page
    assert "<strong>50%</strong> of the memos sent" in page
    assert "sam@half.example" in page
    assert "hours" in page


def test_export_gives_answers_and_recommendations_safe_for_spreadsheets(client, consultant):
    brief = BriefFactory(
        company='=HYPERLINK("http://evil")',
        contact_name="Zoë Müller",
        project_title="Triage",
        monthly_queries=500,
        contact_role=" =1+1",
        human_review=True,
    )
    memo_send(brief=brief, actor=consultant)
    client.force_login(consultant)
    ids = list(Brief.objects.values_list("pk", flat=True))

    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": ids})

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode()), "a byte-order mark: Excel keeps the accents"
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    record = dict(zip(header, row, strict=True))
    assert record["Reference"] == brief.reference
    assert record["Company"] == '\'=HYPERLINK("http://evil")'
    assert record["Role"] == "' =1+1", "a formula behind a space is neutralised too"
    assert record["Name"] == "Zoë Müller"
    assert record["Expected queries a month"] == "500"
    assert record["Each customer's data must stay separate"] == "no"
    assert record["Prompting status"] == "Not tried yet"
    assert record["Final approach"] == "Prompting"
    assert record["Status"] == "Memo sent"
    assert record["Assigned consultant"] == consultant.username
    assert record["Memo sent at"]
    assert record["First-year budget"].startswith("€")
    assert record["Main reason"]
    sent = memo_for_client(Brief.objects.get(pk=brief.pk)).estimate
    assert int(record["Client's staff checking outputs, a month (not included above)"]) == sent.beside[0].printed[0] > 0
    assert int(record["Running a month"]) == sent.monthly_total, "the running cost without it"
    assert "not_tried" not in row
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", record["Memo sent at"]), "local time, to the minute"


def test_erasure_deletes_the_brief_and_keeps_a_record(client, settings):
    admin_user = SuperuserFactory(username="root")
    brief = brief_start_review(brief=BriefFactory(contact_email="gone@client.example"), actor=admin_user)
    reference = brief.reference
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:scoping_brief_erase", args=[brief.pk]), {"reason": "Email from the client, 25 Nov"}
    )

    assert response["Location"] == CHANGELIST
    assert not Brief.objects.filter(pk=brief.pk).exists()
    (record,) = BriefEvent.objects.all()
    assert (record.brief, record.reference, record.action, record.actor) == (None, reference, "erased", admin_user)
    assert record.detail == "Email from the client, 25 Nov"
    records = client.get(reverse("admin:scoping_erasurerecord_changelist")).text
    assert reference in records, "superusers can read the record"
    assert "gone@client.example" not in records


def test_an_erasure_record_keeps_no_address_and_only_superusers_see_it(client, consultant):
    admin_user = SuperuserFactory(username="root")
    brief = BriefFactory()
    client.force_login(admin_user)

    refused = client.post(reverse("admin:scoping_brief_erase", args=[brief.pk]), {"reason": "from jo@client.example"})

    assert "Leave the address out" in refused.text
    assert Brief.objects.filter(pk=brief.pk).exists()
    client.force_login(consultant)
    assert client.get(reverse("admin:scoping_erasurerecord_changelist")).status_code == 403


def test_erasure_needs_a_reason(client):
    admin_user = SuperuserFactory(username="root")
    brief = BriefFactory()
    client.force_login(admin_user)

    response = client.post(reverse("admin:scoping_brief_erase", args=[brief.pk]), {"reason": "  "})

    assert response.status_code == 200
    assert Brief.objects.filter(pk=brief.pk).exists()


def test_a_consultant_lists_searches_and_filters_briefs(client, consultant):
    BriefFactory(company="Helpdeskly", facts=Facts(needs_knowledge=True, multi_tenant=True))
    BriefFactory(company="Quiet Prompt Ltd")
    client.force_login(consultant)

    listing = client.get("/admin/scoping/brief/")
    searched = client.get("/admin/scoping/brief/", {"q": "helpdeskly"})
    filtered = client.get("/admin/scoping/brief/", {"approach": "prompting"})

    assert listing.status_code == 200
    assert "Helpdeskly" in listing.text
    assert "Quiet Prompt Ltd" in listing.text
    assert "Helpdeskly" in searched.text
    assert "Quiet Prompt Ltd" not in searched.text
    assert "Quiet Prompt Ltd" in filtered.text
    assert "Helpdeskly" not in filtered.text


def test_a_consultant_opens_a_brief(client, consultant, client_brief):
    client.force_login(consultant)

    response = client.get(f"/admin/scoping/brief/{client_brief.pk}/change/")

    assert response.status_code == 200
    assert client_brief.token in response.text


def test_the_changelist_does_not_query_per_row(client, consultant):
    client.force_login(consultant)
    BriefFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/scoping/brief/")
    BriefFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/scoping/brief/")

    assert len(many) == len(few)


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_non_staff_reach_no_brief(client, client_brief, outsider, who):
    if who == "outsider":
        client.force_login(outsider)

    for url in ("/admin/scoping/brief/", f"/admin/scoping/brief/{client_brief.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/admin/login/")


def test_a_consultant_previews_a_memo_from_admin(client, consultant, client_brief):
    client.force_login(consultant)

    page = client.get(f"/admin/scoping/brief/{client_brief.pk}/change/")

    assert f"/brief/{client_brief.token}/memo.pdf" in page.text
    assert f"/brief/{client_brief.token}/report/" in page.text


def test_the_approach_column_sorts_by_the_final_approach(client, consultant):
    overridden = brief_start_review(
        brief=BriefFactory(company="Override Co", facts=Facts(needs_knowledge=True, multi_tenant=True)),
        actor=consultant,
    )
    overridden.approach_override, overridden.override_reason = Approach.FINE_TUNING, "A fixed format for every answer."
    brief_review_save(brief=overridden, actor=consultant, changed=["approach_override", "override_reason"])
    BriefFactory(company="Plain Co", facts=Facts())
    client.force_login(consultant)

    page = client.get(CHANGELIST, {"o": "7"}).text  # approach, ascending (after the checkbox, the seventh column)

    assert page.index("Override Co") < page.index("Plain Co"), "fine-tuning (override) sorts before prompting"
    backwards = client.get(CHANGELIST, {"o": "-7"}).text
    assert backwards.index("Plain Co") < backwards.index("Override Co"), "and after it, descending"


def test_the_dashboard_shows_the_share_of_memos_read_within_two_business_days(client, consultant):
    with time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False) as clock:
        read, unread = BriefFactory(), BriefFactory()
        for brief in (read, unread):
            memo_send(brief=brief, actor=consultant)
        clock.shift(timedelta(days=1))
        memo_viewed(brief=read)
        clock.shift(timedelta(days=7))
        client.force_login(consultant)

        page = client.get(reverse("admin:scoping_brief_dashboard")).text

    assert "Memos read within 2 business days" in page
    assert "<strong>50%</strong> (1 of 2)" in page
