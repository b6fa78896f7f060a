"""The JSON API: who may do what (a table), the brief's account, the list's filters and cursor, the
writes through the admin's services, errors as problem details, the rate limit and what never leaks."""

from datetime import timedelta
from decimal import Decimal

import pytest

from scoping.models import ApiKey, Brief, BriefEvent
from scoping.services.keys import api_key_create, api_key_find, api_key_revoke, key_hash
from scoping.services.questions import Answer, OwnQuestion, questions_answer, questions_ask
from scoping.services.review import brief_review_save, brief_start_review
from tests.rooms.api.auth import bearer
from tests.rooms.api.factories import knowledge_brief, sent_brief
from tests.support.factories import BriefFactory, ConsultantFactory

PROBLEM = "application/problem+json"


def _call(client, method, path, key, body=None):
    headers = bearer(key) if key else {}
    if method == "get":
        return client.get(path, headers=headers)
    return client.post(path, body or {}, content_type="application/json", headers=headers)


@pytest.fixture
def keys(db):
    """Every kind of caller, by name: no key, a made-up key, a revoked key, read-only, read-write."""
    _, read = api_key_create(name="Reader", scope=ApiKey.Scope.READ, created_by=None)
    _, write = api_key_create(name="HubSpot", scope=ApiKey.Scope.WRITE, created_by=None)
    revoked_key, revoked = api_key_create(name="Old", scope=ApiKey.Scope.WRITE, created_by=None)
    api_key_revoke(key=revoked_key)
    return {"none": "", "made_up": "si_00000000_" + "x" * 43, "revoked": revoked, "read": read, "write": write}


OPERATIONS = {
    "list": ("get", "/api/v1/briefs", None),
    "read": ("get", "/api/v1/briefs/{pk}", None),
    "won": ("post", "/api/v1/briefs/{pk}/outcome", {"outcome": "won", "value": "48000", "reason": "Signed"}),
    "note": ("post", "/api/v1/briefs/{pk}/notes", {"text": "Called them: they sign next week."}),
}
# Who may do what: every caller against every operation, with the status it gets.
MATRIX = [
    ("none", "list", 401), ("none", "read", 401), ("none", "won", 401), ("none", "note", 401),
    ("made_up", "list", 401), ("made_up", "read", 401), ("made_up", "won", 401), ("made_up", "note", 401),
    ("revoked", "list", 401), ("revoked", "read", 401), ("revoked", "won", 401), ("revoked", "note", 401),
    ("read", "list", 200), ("read", "read", 200), ("read", "won", 403), ("read", "note", 403),
    ("write", "list", 200), ("write", "read", 200), ("write", "won", 200), ("write", "note", 201),
]  # fmt: skip


@pytest.mark.parametrize(("caller", "operation", "status"), MATRIX)
def test_the_permission_and_key_scope_matrix(client, keys, caller, operation, status):
    brief = sent_brief()
    method, path, body = OPERATIONS[operation]
    response = _call(client, method, path.format(pk=brief.pk), keys[caller], body)

    assert response.status_code == status, response.content
    if status >= 400:
        assert response["Content-Type"] == PROBLEM
        assert response.json()["status"] == status
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
    changed = Brief.objects.get(pk=brief.pk).status == Brief.Status.WON
    assert changed == (caller == "write" and operation == "won")


def test_no_answer_of_the_api_is_kept_by_a_cache_on_the_way(client, read_key):
    _, raw = read_key
    brief = BriefFactory()
    answers = [
        client.get("/api/v1/briefs", headers=bearer(raw)),
        client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)),
        client.get("/api/v1/briefs/999999", headers=bearer(raw)),  # a problem
        client.get("/api/v1/briefs"),  # no key
        client.get("/api/v1/no-such-thing", headers=bearer(raw)),  # an address the API does not have
        client.get("/api/v1/openapi.json"),
        client.get("/api/v1/briefs", headers=bearer(raw), HTTP_HOST="elsewhere.example"),  # refused before the API
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 404, 401, 404, 200, 400]
    for answer in answers:
        assert "no-store" in answer["Cache-Control"]
        assert "private" in answer["Cache-Control"]


def test_a_key_is_kept_only_as_its_hash_and_shown_once(db):
    key, raw = api_key_create(name="Pipedrive", scope=ApiKey.Scope.READ, created_by=None)

    assert raw.startswith(f"si_{key.prefix}_")
    assert key.hashed == key_hash(raw)
    assert raw not in str(ApiKey.objects.filter(pk=key.pk).values().get())
    assert not key.user.is_active
    assert not key.user.has_usable_password()


def test_a_key_in_use_shows_when_it_was_last_used(client, read_key):
    key, raw = read_key
    assert key.last_used_at is None

    client.get("/api/v1/briefs", headers=bearer(raw))

    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None


def test_a_revoked_key_stops_working_at_once(client, write_key):
    key, raw = write_key
    assert client.get("/api/v1/briefs", headers=bearer(raw)).status_code == 200

    api_key_revoke(key=key)

    assert api_key_find(raw) is None
    assert client.get("/api/v1/briefs", headers=bearer(raw)).status_code == 401


def test_each_key_is_rate_limited_on_its_own(client, settings, db):
    settings.SCOPING_RATE_API = (2, 60)
    _, first = api_key_create(name="Busy", scope=ApiKey.Scope.READ, created_by=None)
    _, second = api_key_create(name="Quiet", scope=ApiKey.Scope.READ, created_by=None)

    answers = [client.get("/api/v1/briefs", headers=bearer(first)).status_code for _ in range(3)]
    limited = client.get("/api/v1/briefs", headers=bearer(first))

    assert answers == [200, 200, 429]
    assert limited["Content-Type"] == PROBLEM
    assert limited["Retry-After"] == "60"
    assert client.get("/api/v1/briefs", headers=bearer(second)).status_code == 200


def test_the_brief_in_full(client, read_key):
    _, raw = read_key
    brief = knowledge_brief(budget_low=40_000, budget_high=90_000, budget_currency="EUR")

    body = client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()

    assert body["reference"] == brief.reference
    assert body["status"] == "submitted"
    assert body["answers"]["needs_knowledge"] is True
    assert body["answers"]["corpus_documents"] == 500
    assert body["reading"] | {"reasons": None, "points_to_watch": None} == {
        "basis": "engine", "approach": "rag", "approach_label": body["reading"]["approach_label"],
        "engine_approach": "rag", "reasons": None, "points_to_watch": None,
    }  # fmt: skip
    estimate = body["estimate"]
    assert estimate["currency"] == "EUR"
    assert 0 < estimate["first_year"]["low"] <= estimate["first_year"]["high"]
    assert estimate["bracket"]["label"]
    assert body["project"]["budget"] == {"low": 40_000, "high": 90_000, "currency": "EUR"}
    assert body["memo"]["state"] == "not_sent"
    assert body["memo"]["accepted_at"] is None
    assert body["deal"] == {"outcome": None, "value": None, "currency": "EUR", "reason": ""}
    assert body["reply_due_at"].startswith(f"{brief.reply_due_at:%Y-%m-%dT%H:%M:%S}")
    assert body["waiting_for_client_since"] is None
    assert estimate["client_costs_beside"] == []


def test_the_clients_own_staff_are_told_beside_the_running_cost_not_in_it(client, read_key):
    _, raw = read_key
    checked = knowledge_brief(human_review=True, monthly_queries=10_000)
    unchecked = knowledge_brief(human_review=False, monthly_queries=10_000)

    estimate, without = (
        client.get(f"/api/v1/briefs/{pk}", headers=bearer(raw)).json()["estimate"] for pk in (checked.pk, unchecked.pk)
    )

    (staff,) = estimate["client_costs_beside"]
    assert staff["label"] == "A person checking each output"
    assert staff["monthly"] == round(10_000 * 2 / 60 * 40), "2 minutes an output at 40 an hour, by default"
    assert staff["basis"] == "2 minutes an output at €40 an hour"
    assert estimate["monthly_running"] == without["monthly_running"], "the running cost does not include it"
    assert estimate["first_year"] == without["first_year"]


def test_while_the_client_owes_us_answers_the_reply_has_no_deadline(client, read_key, consultant):
    _, raw = read_key
    brief = knowledge_brief()
    (question,) = questions_ask(brief=brief, actor=consultant, engine=[], own=[OwnQuestion("Who reads it?")])

    waiting = client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()
    questions_answer(brief=brief, answers=[Answer(question.pk, "Support.")])
    answered = client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()

    assert waiting["reply_due_at"] is None
    assert waiting["waiting_for_client_since"].startswith(f"{question.asked_at:%Y-%m-%dT%H:%M:%S}")
    assert answered["waiting_for_client_since"] is None
    assert answered["reply_due_at"] > waiting["waiting_for_client_since"], "due one business day after the answers"


def test_an_accepted_scope_is_in_the_brief_until_a_revision_asks_again(client, read_key, consultant):
    from scoping.services.acceptance import scope_accept
    from scoping.services.memo import memo_revise, memo_send

    _, raw = read_key
    brief = memo_send(brief=BriefFactory(), actor=consultant)
    acceptance = scope_accept(brief=brief, version=1, name="Ada Client", role="CTO")

    def accepted_at():
        return client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()["memo"]["accepted_at"]

    assert accepted_at() == acceptance.accepted_at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    memo_send(
        brief=memo_revise(brief=Brief.objects.get(pk=brief.pk), actor=consultant),
        actor=consultant,
        changes="New volume.",
    )
    assert accepted_at() is None  # version 2 is not accepted yet


def test_nothing_leaks_the_clients_link_or_the_consultants_unsent_work(client, read_key, consultant):
    _, raw = read_key
    brief = BriefFactory(consultant_note="SECRET-NOTE for the memo")
    before = client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()
    brief.internal_notes = "SECRET-INTERNAL thoughts"
    brief.budget_adjustment_percent = 50
    brief_review_save(brief=brief, actor=consultant, changed=["internal_notes", "budget_adjustment_percent"])
    after = client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()

    pages = [
        client.get("/api/v1/briefs", headers=bearer(raw)).content,
        client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).content,
    ]

    for page in pages:
        assert brief.token.encode() not in page
        assert b"SECRET-" not in page
    # The adjustment is the consultant's until the memo is sent: the estimate stays the engine's alone.
    assert after["estimate"] == before["estimate"]


def test_drafts_are_not_briefs_yet(client, read_key):
    _, raw = read_key
    draft = BriefFactory()
    Brief.objects.filter(pk=draft.pk).update(status=Brief.Status.DRAFT)

    assert client.get(f"/api/v1/briefs/{draft.pk}", headers=bearer(raw)).status_code == 404
    assert client.get("/api/v1/briefs", headers=bearer(raw)).json()["items"] == []


def test_the_list_filters_and_pages_by_cursor(client, read_key, consultant):
    _, raw = read_key
    briefs = [BriefFactory(), knowledge_brief(), BriefFactory()]
    brief_start_review(brief=briefs[2], actor=consultant)

    def ids(query):
        body = client.get(f"/api/v1/briefs?{query}", headers=bearer(raw)).json()
        return [item["id"] for item in body["items"]], body["next_cursor"]

    first, cursor = ids("limit=2")
    rest, end = ids(f"limit=2&cursor={cursor}")
    assert first + rest == [brief.pk for brief in briefs]
    assert end is None
    assert ids("approach=rag")[0] == [briefs[1].pk]
    assert ids("status=in_review")[0] == [briefs[2].pk]
    assert ids("assignee=consultant")[0] == [briefs[2].pk]
    since = (Brief.objects.get(pk=briefs[2].pk).updated_at - timedelta(microseconds=1)).isoformat()
    assert ids(f"changed_since={since.replace('+', '%2B')}")[0] == [briefs[2].pk]


def test_a_cursor_not_ours_is_a_bad_request(client, read_key):
    _, raw = read_key
    response = client.get("/api/v1/briefs?cursor=not-a-cursor", headers=bearer(raw))

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"].endswith("/bad-cursor")


def test_won_through_the_api_is_won_as_in_the_admin(client, write_key):
    """Recorded for the team: the brief stays with the consultant who sent its memo."""
    key, raw = write_key
    sender = ConsultantFactory()
    brief = sent_brief()
    Brief.objects.filter(pk=brief.pk).update(assigned_to=sender)  # as memo_send leaves it

    response = client.post(
        f"/api/v1/briefs/{brief.pk}/outcome",
        {"outcome": "won", "value": "48000.50", "reason": "Signed after the call"},
        content_type="application/json",
        headers=bearer(raw),
    )

    assert response.status_code == 200
    assert response.json()["deal"] == {
        "outcome": "won",
        "value": "48000.50",
        "currency": "EUR",
        "reason": "Signed after the call",
    }
    brief.refresh_from_db()
    assert (brief.status, brief.deal_value, brief.assigned_to) == (Brief.Status.WON, Decimal("48000.50"), sender)
    event = BriefEvent.objects.filter(brief=brief).last()
    assert (event.action, event.actor) == ("won", key.user)


def test_an_outcome_sent_again_is_answered_as_the_first_time_and_written_once(client, write_key):
    _, raw = write_key
    brief = sent_brief()

    def close(**body):
        return client.post(
            f"/api/v1/briefs/{brief.pk}/outcome", body, content_type="application/json", headers=bearer(raw)
        )

    first, again = close(outcome="won", value="48000", reason="Signed"), close(outcome="won", value="48000.00",
                                                                              reason="Signed")  # fmt: skip
    other = close(outcome="won", value="50000", reason="Signed")

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    assert BriefEvent.objects.filter(brief=brief, action="won").count() == 1
    assert other.status_code == 409, "another value is not a retry: the deal is closed already"
    assert Brief.objects.get(pk=brief.pk).deal_value == Decimal("48000")


def test_a_lost_deal_with_a_value_is_refused_not_stripped(client, write_key):
    _, raw = write_key
    brief = sent_brief()

    response = client.post(
        f"/api/v1/briefs/{brief.pk}/outcome",
        {"outcome": "lost", "value": "5"},
        content_type="application/json",
        headers=bearer(raw),
    )

    assert response.status_code == 422
    assert "A lost deal has no value" in response.json()["errors"][0]["msg"]
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.MEMO_SENT


def test_a_move_the_status_does_not_allow_is_a_conflict(client, write_key):
    _, raw = write_key
    brief = BriefFactory()  # submitted: no memo sent yet

    response = client.post(
        f"/api/v1/briefs/{brief.pk}/outcome", {"outcome": "lost"}, content_type="application/json", headers=bearer(raw)
    )

    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert response.json()["detail"] == "Could not mark the brief lost: the brief is waiting for its review."
    assert Brief.objects.get(pk=brief.pk).status == Brief.Status.SUBMITTED


def test_a_note_is_in_the_history_by_the_key(client, write_key):
    key, raw = write_key
    brief = BriefFactory()

    response = client.post(
        f"/api/v1/briefs/{brief.pk}/notes",
        {"text": "Call booked"},
        content_type="application/json",
        headers=bearer(raw),
    )

    assert response.status_code == 201
    event = BriefEvent.objects.get(pk=response.json()["id"])
    assert (event.brief_id, event.action, event.detail, event.actor) == (brief.pk, "commented", "Call booked", key.user)
    assert event.actor.get_full_name() == "API key: HubSpot"  # as the history names who did it


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"text": ""}, "text"),
        ({"text": "nul\x00byte"}, "text"),
        ({"text": "Invoice \u202egnp.exe ok"}, "text"),  # a bidirectional override turns the rest around
        ({"text": "\u200b"}, "text"),  # nothing to see
        ({"text": "x" * 2001}, "text"),
        ({}, "text"),
    ],
)
def test_an_invalid_note_is_unprocessable_problem_details(client, write_key, body, where):
    _, raw = write_key
    brief = BriefFactory()

    response = client.post(
        f"/api/v1/briefs/{brief.pk}/notes", body, content_type="application/json", headers=bearer(raw)
    )

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert any(where in error["loc"] for error in response.json()["errors"])
    assert not BriefEvent.objects.filter(brief=brief, action="commented").exists()


def test_an_unknown_brief_is_not_found_problem_details(client, read_key):
    _, raw = read_key
    response = client.get("/api/v1/briefs/999999", headers=bearer(raw))

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/nowhere", 404),
        ("/api/v1/briefs?assignee=a%00b", 400),
        ("/api/v1/briefs?assignee=%ff", 400),
    ],
)
def test_what_the_site_refuses_before_the_api_is_problem_details_too(client, read_key, path, status):
    _, raw = read_key
    response = client.get(path, headers=bearer(raw))

    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM


def test_a_method_the_api_does_not_take_is_problem_details(client, read_key):
    _, raw = read_key
    response = client.delete("/api/v1/briefs", headers=bearer(raw))

    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert "GET" in response["Allow"]


def test_a_revision_being_prepared_is_not_the_approach_integrations_are_told(client, read_key, consultant):
    from decisions.ladder import Approach
    from scoping.services.memo import memo_revise, memo_send

    _, raw = read_key
    brief = BriefFactory()
    sent = memo_send(brief=brief, actor=consultant)
    revising = memo_revise(brief=sent, actor=consultant)
    revising.approach_override, revising.override_reason = Approach.RAG_FINE_TUNING, "A revision not yet sent."
    brief_review_save(brief=revising, actor=consultant, changed=["approach_override", "override_reason"])

    body = client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()
    listed = client.get("/api/v1/briefs?approach=rag_fine_tuning", headers=bearer(raw)).json()

    assert body["approach"] == body["reading"]["approach"] == "prompting"  # as sent
    assert brief.reference not in {item["reference"] for item in listed["items"]}


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/api/v1/briefs?changed_since=0001-01-01T00:00:00%2B23:59", None, 422),  # past the calendar's start
        ("/api/v1/briefs?assignee=consultant&assignee=nobody", None, 422),  # which one? neither quietly wins
        ("/api/v1/briefs/{pk}/outcome", {"outcome": "lost", "currency": "USD"}, 422),  # a field we do not know
        ("/api/v1/briefs/{pk}/outcome", {"outcome": "lost", "reason": "\u200b\u3164"}, 422),  # nothing to see
        ("/api/v1/briefs/{pk}/notes", {"text": "x" * 3_000_000}, 413),  # more than the site takes
    ],
)
def test_edges_of_the_input_are_problem_details_never_a_server_error(client, write_key, path, body, status):
    _, raw = write_key
    brief = sent_brief()
    url = path.format(pk=brief.pk)
    if body is None:
        response = client.get(url, headers=bearer(raw))
    else:
        response = client.post(url, body, content_type="application/json", headers=bearer(raw))

    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM


def test_a_reading_of_the_memo_is_a_change_an_integration_polls_for(client, read_key):
    from scoping.services.memo import memo_viewed

    _, raw = read_key
    brief = sent_brief()
    since = client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()["updated_at"]

    memo_viewed(brief=brief)

    changed = client.get(f"/api/v1/briefs?changed_since={since.replace('+', '%2B')}", headers=bearer(raw)).json()
    assert brief.reference in {item["reference"] for item in changed["items"]}
