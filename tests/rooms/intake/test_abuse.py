"""Bots get nowhere: honeypot, minimum fill time, rate limits, hostile text escaped everywhere."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from scoping.intake.antispam import HONEYPOT_FIELD, STAMP_LIFETIME
from scoping.models import Brief
from scoping.ratelimit import allow
from scoping.services.intake import brief_finalize
from tests.rooms.intake.answers import ABOUT, BEHAVIOUR, KNOWLEDGE, PROJECT, STATUS, fill, stamp, start, step_url

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert('x')</script> \"quoted\" & 'single' Ünïcødé 北京 🚀"


def new_brief(client, **data):
    return client.post(reverse("scoping:brief_new"), {**ABOUT, **data})


def test_a_filled_honeypot_creates_nothing_and_keeps_the_answers(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0

    response = new_brief(client, started=stamp(client), **{HONEYPOT_FIELD: "http://spam.example"})

    assert response.status_code == 200
    assert not Brief.objects.exists()
    page = response.content.decode()
    assert "Leave this empty" in page
    assert 'role="alert"' in page
    assert 'value="Grace Hopper"' in page


def test_autofill_filling_the_first_step_at_once_is_never_refused(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 20
    with time_machine.travel("2026-11-25 10:00:00", tick=False) as traveller:
        shown = stamp(client)
        traveller.shift(0.4)  # a password manager's speed
        response = new_brief(client, started=shown)

    assert response.status_code == 302
    assert Brief.objects.count() == 1


def test_a_brief_sent_sooner_than_a_person_could_is_refused_then_accepted(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 20
    with time_machine.travel("2026-11-25 10:00:00", tick=False) as traveller:
        draft = fill(client, start(client))  # every step posted by a script, at once
        traveller.shift(5)
        quick = client.post(reverse("scoping:brief_send", args=[draft.token]))
        traveller.shift(60)
        later = client.post(reverse("scoping:brief_send", args=[draft.token]))

    assert quick.status_code == 200
    assert "quicker than we expected from a person" in quick.text
    assert later.status_code == 302
    assert Brief.objects.get().status == Brief.Status.SUBMITTED


@pytest.mark.parametrize("kind", ["missing", "a bare number", "forged", "replayed from another browser"])
def test_a_missing_forged_or_replayed_fill_time_is_refused_and_replaced(client, kind):
    sent = {
        "missing": lambda: "",
        "a bare number": lambda: "1700000000.0",
        "forged": lambda: stamp(client).replace(":", ":x", 1),
        "replayed from another browser": lambda: stamp(Client()),  # a genuine stamp, shown to someone else
    }[kind]()

    response = new_brief(client, started=sent)

    assert response.status_code == 200
    assert "Please check your answers and press Continue again" in response.text
    assert not Brief.objects.exists()
    carried = re.search(r'name="started" value="([^"]*)"', response.content.decode()).group(1)
    assert carried
    assert carried != sent


def test_new_drafts_are_rate_limited_per_address_with_a_friendly_page(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_NEW_BRIEFS = (2, 3600)

    statuses = [new_brief(client, started=stamp(client)).status_code for _ in range(2)]
    limited = new_brief(client, started=stamp(client), contact_name="Still Here")
    elsewhere = client.post(reverse("scoping:brief_new"), {**ABOUT, "started": stamp(client)}, REMOTE_ADDR="10.9.8.7")

    assert statuses == [302, 302]
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    page = limited.content.decode()
    assert "paused new ones" in page
    assert 'value="Still Here"' in page
    assert elsewhere.status_code == 302
    assert Brief.objects.count() == 3


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_saw(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_NEW_BRIEFS = (1, 3600)
    settings.SCOPING_TRUSTED_PROXIES = 1

    def from_client(address):
        data = {**ABOUT, "started": stamp(client)}
        return new_brief_via(client, data, HTTP_X_FORWARDED_FOR=f"1.1.1.1, {address}").status_code

    assert [from_client("203.0.113.5"), from_client("203.0.113.5"), from_client("198.51.100.7")] == [302, 429, 302]


def test_an_ipv6_network_counts_as_one_address(client, settings):
    """A subscriber is given a whole /64: stepping through its addresses does not start the count afresh."""
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_NEW_BRIEFS = (2, 3600)

    def from_address(address):
        data = {**ABOUT, "started": stamp(client)}
        return client.post(reverse("scoping:brief_new"), data, REMOTE_ADDR=address).status_code

    same_network = [from_address(f"2001:db8:1:2::{n:x}") for n in range(1, 5)]

    assert same_network == [302, 302, 429, 429]
    assert from_address("2001:db8:1:3::1") == 302, "the next network is someone else"
    written_both_ways = [from_address("::ffff:192.0.2.8"), from_address("192.0.2.8"), from_address("::ffff:192.0.2.8")]
    assert written_both_ways == [302, 302, 429], "an IPv4 address written as IPv6 counts as itself"
    assert from_address("64:ff9b::203.0.113.1") == 302, "NAT64: IPv4 clients behind it are counted apart"
    assert from_address("64:ff9b::203.0.113.2") == 302


def new_brief_via(client, data, **headers):
    return client.post(reverse("scoping:brief_new"), data, **headers)


def test_submissions_are_rate_limited_per_address(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_SUBMISSIONS = (1, 3600)
    first, second = fill(client, start(client)), fill(client, start(client))

    client.post(reverse("scoping:brief_send", args=[first.token]))
    response = client.post(reverse("scoping:brief_send", args=[second.token]))

    assert response.status_code == 429
    assert "paused new ones" in response.content.decode()
    assert Brief.objects.get(pk=second.pk).status == Brief.Status.DRAFT


def test_emailing_the_private_link_is_rate_limited_too(client, settings, django_capture_on_commit_callbacks):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_NEW_BRIEFS = (1, 3600)  # one new draft and one link email an hour
    brief = fill(client, start(client), up_to="project")
    later = {**PROJECT, "action": "later"}

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(step_url(brief, "project"), later)
        refused = client.post(step_url(brief, "project"), later)

    assert sent["Location"].endswith("/saved/")
    assert refused["Location"].endswith("/saved/?emailed=0")
    assert len(mail.outbox) == 1
    assert "did not send another" in client.get(refused["Location"]).content.decode()


def test_the_service_refuses_to_submit_an_unfinished_draft(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    brief = fill(client, start(client), up_to="knowledge")

    with pytest.raises(ValidationError, match="not finished"):
        brief_finalize(brief=brief)


def test_hostile_text_comes_back_escaped_on_review_confirmation_and_email(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.CONSULTANT_EMAILS = ["desk@consultancy.example"]
    brief = start(client, contact_name=HOSTILE[:120], company=HOSTILE, contact_role=HOSTILE)
    hostile_long = HOSTILE + " " + "ø" * 4900
    brief = fill(
        client,
        brief,
        project={**PROJECT, "project_title": HOSTILE, "project_summary": hostile_long},
        behaviour={**BEHAVIOUR, "fine_tune_goal": "behavior", "shown-fine_tune_goal": "1", "fine_tune_hope": HOSTILE},
        where_you_are={**STATUS, "tried_notes": HOSTILE},
        knowledge=KNOWLEDGE,
    )  # fmt: skip
    assert brief.project_summary == hostile_long, "long Unicode text is kept whole"

    review = client.get(reverse("scoping:brief_send", args=[brief.token])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scoping:brief_send", args=[brief.token]))
    confirmation = client.get(reverse("scoping:brief", args=[brief.token])).content.decode()
    emails_html = [message.alternatives[0][0] for message in mail.outbox]

    escaped = (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &quot;quoted&quot; &amp; &#x27;single&#x27; Ünïcødé 北京 🚀"
    )
    for page in (review, confirmation, *emails_html):
        assert "<script>alert" not in page
    assert review.count(escaped) >= 5  # name, company, role, title, hope, notes (summary wraps lines)
    assert escaped in confirmation
    assert all(escaped in html for html in emails_html)
    assert all("\n" not in message.subject for message in mail.outbox)


def test_single_line_answers_lose_their_line_breaks(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0

    brief = start(client, company="Navy\r\nLabs\tInc")

    assert brief.company == "Navy Labs Inc"


def test_a_rate_window_holds_on_the_database_cache_whatever_its_expiry_does(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "rate_test"}}
    call_command("createcachetable", verbosity=0)
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")

    with time_machine.travel("2026-11-25 10:00:00", tick=False) as traveller:
        first = [allow(request, "test", (3, 3600)) for _ in range(4)]
        traveller.shift(timedelta(minutes=5, seconds=1))  # the database cache's default expiry
        still = allow(request, "test", (3, 3600))
        traveller.shift(timedelta(hours=1))
        next_window = allow(request, "test", (3, 3600))

    assert first == [True, True, True, False]
    assert still is False
    assert next_window is True


def test_a_stamp_kept_for_days_no_longer_passes(client):
    with time_machine.travel("2026-11-20 10:00:00", tick=False) as traveller:
        shown = stamp(client)
        traveller.shift(timedelta(seconds=STAMP_LIFETIME + 1))
        response = new_brief(client, started=shown)

    assert "open for a long time" in response.text
    assert not Brief.objects.exists()


def test_the_link_email_repeats_nothing_the_sender_typed(client, settings, django_capture_on_commit_callbacks):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    data = {
        **ABOUT,
        "company": "URGENT verify your account at evil.example",
        "contact_name": "J. Urgent: win a prize at evil.example",  # an initial: elsewhere, greeted by the whole name
        "started": stamp(client),
        "action": "later",
    }

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scoping:brief_new"), data)

    (message,) = mail.outbox
    assert "evil.example" not in message.subject
    assert "evil.example" not in message.body
    assert "evil.example" not in message.alternatives[0][0]
    assert message.body.startswith("Hello,\n"), "greeted by a plain first name or none"


@pytest.mark.parametrize(
    ("name", "greeting"), [("https://evil.example/claim Bob", "Hello,"), ("Zoë Smith", "Hello Zoë,")]
)
def test_the_link_email_greets_by_a_plain_first_name_only(client, settings, django_capture_on_commit_callbacks, name,
                                                          greeting):  # fmt: skip
    settings.SCOPING_MIN_FILL_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("scoping:brief_new"), {**ABOUT, "contact_name": name, "started": stamp(client),
                                                   "action": "later"})  # fmt: skip

    (message,) = mail.outbox
    assert message.body.startswith(f"{greeting}\n")
    assert f"<p>{greeting}</p>" in message.alternatives[0][0]


def test_acknowledgments_to_one_address_are_limited_whatever_the_sender_address(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_SUBMISSIONS = (1, 3600)
    first, second = (fill(client, start(client, contact_email="victim@example.org")) for _ in range(2))

    client.post(reverse("scoping:brief_send", args=[first.token]), REMOTE_ADDR="10.0.0.1")
    response = client.post(reverse("scoping:brief_send", args=[second.token]), REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 429
    assert Brief.objects.get(pk=second.pk).status == Brief.Status.DRAFT


def test_link_emails_to_one_address_are_limited_whatever_the_sender_address(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    settings.SCOPING_RATE_NEW_BRIEFS = (1, 3600)
    later = {**ABOUT, "contact_email": "victim@example.org", "action": "later"}

    first = client.post(reverse("scoping:brief_new"), {**later, "started": stamp(client)}, REMOTE_ADDR="10.0.0.1")
    second = client.post(reverse("scoping:brief_new"), {**later, "started": stamp(client)}, REMOTE_ADDR="10.0.0.2")

    assert first["Location"].endswith("/saved/")
    assert second["Location"].endswith("/saved/?emailed=0")


def test_a_later_brief_records_its_own_source(client, settings):
    settings.SCOPING_MIN_FILL_SECONDS = 0
    client.get("/?utm_source=newsletter")
    first = start(client)
    client.get("/?utm_source=linkedin")

    second = start(client)

    assert (first.utm_source, second.utm_source) == ("newsletter", "linkedin")


def test_a_bidirectional_override_is_refused_with_what_was_typed_kept(client, no_fill_time):
    """U+202E in a name would turn the rest of a sentence around in pages, emails and the memo."""
    from tests.rooms.intake.answers import ABOUT, stamp

    typed = {**ABOUT, "company": "Acme \u202eLtd", "started": stamp(client)}
    page = client.post("/brief/new/", typed).content.decode()

    assert "We took out some invisible control characters" in page
    assert 'value="Acme Ltd"' in page, "the rest of what was typed is kept, to check and send again"
