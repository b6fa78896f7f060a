"""Webhooks to Standard Webhooks 1.0, delivered to a real HTTP receiver and verified with the
``standardwebhooks`` library: written with the change, sent by the worker, retried, given up, sent
again, redelivered with the same id after a worker dies, never redirected, and only over HTTPS."""

import contextlib
import socket
from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from scoping.models import Brief, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from scoping.services import webhooks
from scoping.services.acceptance import scope_accept
from scoping.services.memo import memo_send, memo_viewed
from scoping.services.questions import Answer, OwnQuestion, questions_answer, questions_ask
from scoping.services.review import brief_close, brief_decline, brief_start_review
from scoping.services.webhooks import (
    MAX_ATTEMPTS,
    deliver_webhook,
    url_problem,
    webhook_endpoint_save,
    webhook_resend,
    webhook_secret_rotate,
    webhook_sweep,
)
from tests.rooms.api.auth import bearer
from tests.rooms.api.factories import sent_brief
from tests.rooms.api.receiver import Receiver
from tests.support.factories import BriefFactory

Status = WebhookDelivery.Status


@pytest.fixture
def receiver(db):
    running = Receiver().start()
    yield running
    running.stop()


def _endpoint(url: str, events=tuple(WebhookEvent.values)) -> WebhookEndpoint:
    return webhook_endpoint_save(endpoint=WebhookEndpoint(name="CRM", url=url, events=list(events)))


def _verified(endpoint: WebhookEndpoint, received) -> dict:
    return Webhook(endpoint.secret).verify(received.body, received.headers)


def test_a_submitted_brief_reaches_the_receiver_signed(receiver, django_capture_on_commit_callbacks):
    endpoint = _endpoint(receiver.url)

    with django_capture_on_commit_callbacks(execute=True):
        brief = BriefFactory(company="Acme Analytics")

    [received] = receiver.received
    message = _verified(endpoint, received)
    assert message["type"] == "brief.submitted"
    assert message["data"]["reference"] == brief.reference
    assert message["data"]["estimate"]["first_year"]["low"] > 0
    assert brief.token not in received.body.decode()
    delivery = WebhookDelivery.objects.get()
    assert received.headers["webhook-id"] == delivery.webhook_id
    assert (delivery.status, delivery.attempts) == (Status.DELIVERED, 1)
    assert WebhookAttempt.objects.get(delivery=delivery).status_code == 204


def test_a_forged_or_altered_message_does_not_verify(receiver, django_capture_on_commit_callbacks):
    endpoint = _endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory()
    [received] = receiver.received

    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(received.body.replace(b"submitted", b"won"), received.headers)
    other = _endpoint(receiver.url, events=[WebhookEvent.DEAL_WON])
    with pytest.raises(WebhookVerificationError):
        Webhook(other.secret).verify(received.body, received.headers)


def _submitted(brief, consultant):
    return brief


def _assigned(brief, consultant):
    brief_start_review(brief=brief, actor=consultant)


def _declined(brief, consultant):
    brief_decline(brief=brief, actor=consultant, email_client=False)


def _won(brief, consultant):
    brief_close(brief=Brief.objects.get(pk=sent_brief().pk), actor=consultant, won=True, value=10)


def _lost(brief, consultant):
    brief_close(brief=Brief.objects.get(pk=sent_brief().pk), actor=consultant, won=False)


def _viewed(brief, consultant):
    sent = sent_brief()
    memo_viewed(brief=sent)
    memo_viewed(brief=sent)  # only the first reading is news


def _accepted(brief, consultant):
    sent = memo_send(brief=brief, actor=consultant)  # a version stored, as the client reads it
    WebhookDelivery.objects.all().delete()  # the memo's own event is beside the point here
    scope_accept(brief=sent, version=1, name="Ada Client", role="CTO")
    scope_accept(brief=sent, version=1, name="Ada Client", role="CTO")  # accepting again is no news


def _asked(brief, consultant):
    questions_ask(brief=brief, actor=consultant, engine=[], own=[OwnQuestion("Who reads the answers?")])


def _answered(brief, consultant):
    (question,) = questions_ask(brief=brief, actor=consultant, engine=[], own=[OwnQuestion("Who reads them?")])
    questions_answer(brief=brief, answers=[Answer(question.pk, "Our support team.")])


# Each change a receiver can hear of, and the event it is written as (memo sent: test_memo_sent_...).
CHANGES = [
    (_asked, WebhookEvent.QUESTIONS_ASKED),
    (_answered, WebhookEvent.QUESTIONS_ANSWERED),
    (_accepted, WebhookEvent.SCOPE_ACCEPTED),
    (_assigned, WebhookEvent.BRIEF_ASSIGNED),
    (_declined, WebhookEvent.BRIEF_DECLINED),
    (_won, WebhookEvent.DEAL_WON),
    (_lost, WebhookEvent.DEAL_LOST),
    (_viewed, WebhookEvent.MEMO_VIEWED),
]


@pytest.mark.parametrize(("change", "event"), CHANGES, ids=[event.value for _, event in CHANGES])
def test_each_change_owes_one_delivery_to_each_endpoint_that_wants_it(consultant, change, event):
    brief = BriefFactory()
    wants = _endpoint("https://crm.example/hooks", events=[event])
    _endpoint("https://other.example/hooks", events=[e for e in WebhookEvent.values if e != event])
    _endpoint("https://off.example/hooks", events=[event])
    WebhookEndpoint.objects.filter(name="CRM", url__startswith="https://off").update(active=False)

    change(brief, consultant)

    [delivery] = WebhookDelivery.objects.filter(event=event)
    assert delivery.endpoint == wants
    assert delivery.payload["type"] == event.value


def test_a_submission_owes_brief_submitted(db):
    _endpoint("https://crm.example/hooks", events=[WebhookEvent.BRIEF_SUBMITTED])

    brief = BriefFactory()

    [delivery] = WebhookDelivery.objects.all()
    assert (delivery.event, delivery.brief_id) == (WebhookEvent.BRIEF_SUBMITTED, brief.pk)


def test_memo_sent_is_owed_when_the_memo_goes(consultant):
    from scoping.services.memo import memo_send

    brief = BriefFactory()
    _endpoint("https://crm.example/hooks", events=[WebhookEvent.MEMO_SENT])

    memo_send(brief=brief, actor=consultant)

    [delivery] = WebhookDelivery.objects.all()
    assert delivery.payload["data"]["memo"]["state"] == "sent"
    assert delivery.payload["data"]["reading"]["basis"] == "sent_memo"


def test_a_change_rolled_back_owes_nothing(db):
    _endpoint("https://crm.example/hooks")

    def submit_then_fail():
        with transaction.atomic():
            BriefFactory()
            raise RuntimeError("the change fails after the brief was written")

    with pytest.raises(RuntimeError):
        submit_then_fail()

    assert not WebhookDelivery.objects.exists()


def test_a_refusal_is_retried_later_with_the_same_id(receiver, django_capture_on_commit_callbacks):
    receiver.answers = [500]
    endpoint = _endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.PENDING
    assert delivery.due_at > timezone.now() + timedelta(seconds=50)
    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert attempt.status_code == 500
    assert len(attempt.response_excerpt) == webhooks.EXCERPT_CHARS  # the start of the answer, no more

    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert webhook_sweep() == 1
        first, second = receiver.received
        assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.webhook_id
        _verified(endpoint, second)
    assert WebhookDelivery.objects.get().status == Status.DELIVERED


def test_a_delivery_is_given_up_after_about_a_day_and_can_be_sent_again(receiver, django_capture_on_commit_callbacks):
    receiver.answers = [503] * MAX_ATTEMPTS
    _endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory()
    later = timezone.now()
    for delay in webhooks.RETRY_DELAYS:
        later += timedelta(seconds=delay + 1)
        with time_machine.travel(later, tick=False):
            webhook_sweep()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    assert timedelta(hours=18) < later - delivery.created_at < timedelta(hours=30)
    assert delivery.attempt_log.count() == MAX_ATTEMPTS

    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_resend(delivery=delivery)

    delivery.refresh_from_db()
    assert delivery.status == Status.DELIVERED
    assert {received.headers["webhook-id"] for received in receiver.received} == {delivery.webhook_id}


def test_410_gone_disables_the_endpoint(receiver, django_capture_on_commit_callbacks):
    receiver.answers = [410]
    endpoint = _endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory()
        BriefFactory()

    endpoint.refresh_from_db()
    assert not endpoint.active
    assert "410" in endpoint.disabled_reason
    assert len(receiver.received) == 1  # the second was not sent to an endpoint that said it is gone
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {Status.FAILED}
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory()
    assert WebhookDelivery.objects.count() == 2  # nothing more is owed to it


def test_a_redirect_is_not_followed(receiver, django_capture_on_commit_callbacks):
    receiver.answers = [302]
    _endpoint(receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory()

    assert [received.path for received in receiver.received] == ["/hooks/scope"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == Status.PENDING
    assert "redirects are not followed" in delivery.last_error


def test_a_worker_killed_mid_delivery_redelivers_the_same_id(receiver, settings, monkeypatch):
    settings.SCOPING_WEBHOOK_RESEND_AFTER = 60
    endpoint = _endpoint(receiver.url)
    BriefFactory()  # its delivery is written; the worker picks it up below
    delivery = WebhookDelivery.objects.get()

    def killed(*args, **kwargs):
        raise SystemExit("the worker is killed once the receiver has the message")

    with monkeypatch.context() as patched:
        patched.setattr(webhooks, "_attempt_log", killed)
        with pytest.raises(SystemExit):
            deliver_webhook.call(delivery.pk)
    assert WebhookDelivery.objects.get().status == Status.SENDING
    assert webhook_sweep() == 0  # too soon: the attempt may still be under way

    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert webhook_sweep() == 1
        first, second = receiver.received
        assert first.headers["webhook-id"] == second.headers["webhook-id"] == delivery.webhook_id
        assert _verified(endpoint, first) == _verified(endpoint, second)
    assert WebhookDelivery.objects.get().status == Status.DELIVERED


def test_a_rotated_secret_signs_beside_the_old_one_for_a_while(receiver, django_capture_on_commit_callbacks):
    endpoint = _endpoint(receiver.url)
    old = endpoint.secret
    endpoint = webhook_secret_rotate(endpoint=endpoint)
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory()

    [received] = receiver.received
    assert endpoint.secret != old
    assert len(received.headers["webhook-signature"].split(" ")) == 2
    Webhook(old).verify(received.body, received.headers)
    Webhook(endpoint.secret).verify(received.body, received.headers)
    later = timezone.now() + timedelta(days=1, minutes=1)
    assert endpoint.secrets(later) == [endpoint.secret]


@pytest.mark.parametrize(
    ("url", "loopback_allowed", "allowed"),
    [
        ("https://crm.example/hooks", False, True),
        ("https://127.0.0.1/hooks", False, False),  # this machine, in production
        ("https://127.0.0.1/hooks", True, True),
        ("https://169.254.169.254/latest/meta-data", False, False),  # a cloud's metadata service
        ("https://10.0.0.5:8443/", False, False),
        ("https://[::1]:8132/", False, False),
        ("https://localhost:5432/", False, False),
        ("https://user:secret@crm.example/hooks", False, False),
        ("http://crm.example/hooks", True, False),
        ("http://127.0.0.1:8080/hooks", True, True),
        ("http://localhost:8080/hooks", True, True),
        ("http://[::1]:8080/hooks", True, True),
        ("http://127.0.0.1:8080/hooks", False, False),
        ("http://10.0.0.1/hooks", True, False),
        ("ftp://crm.example/hooks", True, False),
        ("https:///hooks", True, False),
        ("https://[64:ff9b::a00:1]/hooks", False, False),  # NAT64 to 10.0.0.1
        ("https://[64:ff9b::a9fe:a9fe]/hooks", False, False),  # NAT64 to the metadata service
        ("https://[64:ff9b::808:808]/hooks", False, True),  # NAT64 to a public address
        ("https://[::ffff:127.0.0.1]/hooks", False, False),
        ("https://[::127.0.0.1]/hooks", False, False),  # IPv4-compatible
        ("https://[::ffff:0:a00:1]/hooks", False, False),  # IPv4-translated
        ("https://[fec0::1]/hooks", False, False),  # site-local
        ("https://224.0.0.1/hooks", False, False),  # multicast
        ("https://[2606:4700::1111]/hooks", False, True),
        ("https://crm.example:99999/hooks", False, False),  # no such port
    ],
)
def test_only_https_to_public_addresses_or_loopback_in_development(settings, url, loopback_allowed, allowed):
    settings.SCOPING_WEBHOOK_HTTP_LOOPBACK = loopback_allowed

    assert (url_problem(url) is None) == allowed


def test_a_url_no_longer_allowed_is_not_sent_to(receiver, settings, django_capture_on_commit_callbacks):
    _endpoint(receiver.url)
    settings.SCOPING_WEBHOOK_HTTP_LOOPBACK = False  # production, with an endpoint from development
    with django_capture_on_commit_callbacks(execute=True):
        BriefFactory()

    assert receiver.received == []
    assert WebhookDelivery.objects.get().status == Status.FAILED


def test_erasing_a_brief_erases_what_is_owed_about_it(consultant):
    from scoping.services.review import brief_erase

    _endpoint("https://crm.example/hooks")
    brief = BriefFactory()
    assert WebhookDelivery.objects.filter(brief=brief).exists()

    brief_erase(brief=brief, actor=consultant, reason="The client asked")

    assert not WebhookDelivery.objects.exists()


def test_worker_check_names_deliveries_the_worker_left_waiting(db):
    from scoping.services.webhooks import webhook_trouble

    _endpoint("https://crm.example/hooks")
    BriefFactory()  # owed; its hand-over to the worker is never run here
    assert webhook_trouble() == []

    later = timezone.now() + timedelta(minutes=11)
    assert [line.split(":")[0] for line in webhook_trouble(later)] == ["brief.submitted to CRM"]


def test_a_payload_is_the_brief_as_the_api_gives_it(client, read_key, consultant):
    from scoping.api.schemas import BriefDetail

    _endpoint("https://crm.example/hooks", events=[WebhookEvent.BRIEF_ASSIGNED])
    brief = BriefFactory()
    brief_start_review(brief=brief, actor=consultant)
    _, raw = read_key

    data = WebhookDelivery.objects.get().payload["data"]

    assert BriefDetail.model_validate(data).assignee.username == "consultant"
    served = client.get(f"/api/v1/briefs/{brief.pk}", headers=bearer(raw)).json()
    assert BriefDetail.model_validate(data) == BriefDetail.model_validate(served)


def test_a_brief_given_to_a_colleague_is_assigned_news(consultant):
    from scoping.services.review import brief_review_save
    from tests.support.factories import ConsultantFactory

    _endpoint("https://crm.example/hooks", events=[WebhookEvent.BRIEF_ASSIGNED])
    brief = BriefFactory()
    brief.assigned_to = ConsultantFactory(username="colleague")

    brief_review_save(brief=brief, actor=consultant, changed=["assigned_to"])

    [delivery] = WebhookDelivery.objects.all()
    assert delivery.payload["data"]["assignee"]["username"] == "colleague"


def test_deliveries_done_with_are_deleted_after_a_month(db):
    from scoping.services.webhooks import webhook_deliveries_purge

    _endpoint("https://crm.example/hooks")
    BriefFactory()
    BriefFactory()
    done, waiting = WebhookDelivery.objects.order_by("pk")
    WebhookDelivery.objects.filter(pk=done.pk).update(status=Status.DELIVERED)

    assert webhook_deliveries_purge(timezone.now() + timedelta(days=29)) == 0
    assert webhook_deliveries_purge(timezone.now() + timedelta(days=31)) == 1
    assert list(WebhookDelivery.objects.all()) == [waiting]  # still owed: kept


def test_a_name_that_resolves_inside_the_network_is_not_sent_to(settings):
    settings.SCOPING_WEBHOOK_HTTP_LOOPBACK = False

    assert webhooks.delivery_addresses("https://localhost:9/hooks") == []  # a name for this machine
    assert webhooks.delivery_addresses("https://127.0.0.1:9/hooks") == []
    with pytest.raises(webhooks._NoAnswer):  # not resolvable now: tried again later, like a silent receiver
        webhooks.delivery_addresses("https://unresolvable.invalid/hooks")


def test_a_delivery_connects_to_the_address_it_checked_and_never_resolves_the_name_again(receiver, settings):
    # The name is resolved once, checked, and the connection goes to that address: a name that
    # resolves elsewhere a moment later (DNS rebinding) cannot lead the request inside the network.
    # Here the name resolves nowhere at all, so only the checked address can have been used.
    port = receiver.server.server_address[1]

    status, _ = webhooks._post(f"http://crm.invalid:{port}/hooks/scope", b"{}", {}, ["127.0.0.1"])

    assert status == 204
    assert receiver.received[0].headers["Host"] == f"crm.invalid:{port}"  # the name, as the receiver expects


def test_an_ipv6_address_without_a_port_is_reached_on_the_schemes_port(monkeypatch):
    opened = []

    def refuse(address, *args):
        opened.append(address)
        raise ConnectionRefusedError

    monkeypatch.setattr(webhooks.socket, "create_connection", refuse)

    with pytest.raises(webhooks._NoAnswer):
        webhooks._post("https://[2606:4700::abcd]/hooks", b"{}", {}, ["2606:4700::abcd"])

    assert opened == [("2606:4700::abcd", 443)]


def test_a_name_with_many_addresses_is_tried_at_a_few(settings, monkeypatch):
    settings.SCOPING_WEBHOOK_HTTP_LOOPBACK = False
    many = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (f"8.8.8.{n}", 443)) for n in range(1, 40)]
    monkeypatch.setattr(webhooks.socket, "getaddrinfo", lambda *args, **kwargs: many)

    assert webhooks.delivery_addresses("https://crm.example/hooks") == ["8.8.8.1", "8.8.8.2", "8.8.8.3"]
    many.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.1", 443)))
    assert webhooks.delivery_addresses("https://crm.example/hooks") == []  # one inside: none


@pytest.mark.parametrize("closing", ["", "Connection: close\r\n"])  # with it, http.client lets go of the socket
def test_a_receiver_trickling_its_answer_is_cut_off_at_twice_the_timeout(settings, closing):
    """Each read has its timeout; the whole attempt has twice that, whatever the receiver does."""
    import threading
    import time

    settings.SCOPING_WEBHOOK_TIMEOUT = 1
    server = socket.create_server(("127.0.0.1", 0))

    def trickle():
        connection, _ = server.accept()
        connection.recv(65536)
        with contextlib.suppress(OSError):
            connection.sendall(f"HTTP/1.1 200 OK\r\n{closing}Content-Length: 1000\r\n\r\n".encode())
            for _ in range(60):
                connection.sendall(b"x")
                time.sleep(0.5)
        connection.close()

    threading.Thread(target=trickle, daemon=True).start()
    started = time.monotonic()
    status, excerpt = webhooks._post(f"http://127.0.0.1:{server.getsockname()[1]}/hooks", b"{}", {}, ["127.0.0.1"])

    assert time.monotonic() - started < 3.5, "30 seconds of trickle, cut off at 2"
    assert status == 200  # the receiver's answer, with what came of its body by then
    assert excerpt.startswith("x")
    server.close()


def test_addresses_that_never_answer_spend_the_attempts_time_and_no_more(settings):
    """Two addresses that drop every connection (a full backlog) take the whole attempt's time: the
    third, which would answer, is not tried past it (each used to get the whole timeout)."""
    import time

    settings.SCOPING_WEBHOOK_TIMEOUT = 1
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    holes, queued = [], []
    for host in ("127.0.0.2", "127.0.0.3"):
        holes.append(socket.create_server((host, port), backlog=0))
        for _ in range(3):  # fill its backlog: the next connection waits for an answer that never comes
            queued.append(socket.socket())
            queued[-1].setblocking(False)
            with contextlib.suppress(BlockingIOError):
                queued[-1].connect((host, port))
    started = time.monotonic()
    try:
        with pytest.raises(webhooks._NoAnswer, match="time was up"):
            webhooks._post(f"http://127.0.0.1:{port}/hooks", b"{}", {}, ["127.0.0.2", "127.0.0.3", "127.0.0.1"])

        assert time.monotonic() - started < 3.5, "the attempt ends at two seconds"
    finally:
        for sock in (server, *holes, *queued):
            sock.close()
