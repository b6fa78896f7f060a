"""The real mail worker killed with SIGKILL in the middle of sending: nothing is lost. The email it
was sending is sent again by the next worker, with the same Message-ID, and only once the
resend wait has passed (the first attempt may have been delivered); the other email goes once;
worker_check passes afterwards. Real processes, production settings, PostgreSQL and an SMTP
server of our own that holds its final reply."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psycopg
import pytest
from django.db import connection

from tests.support.production import POSTGRES, fresh_database, manage, production, start
from tests.support.smtp_server import SmtpServer

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the real worker on PostgreSQL (CI runs it there)"
)
RESEND_AFTER = 6  # seconds


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds}s for {what}"
        time.sleep(0.1)


def statuses(database: str) -> dict[str, str]:
    with psycopg.connect(host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname=database) as db:
        return dict(db.execute("SELECT message_id, status FROM scoping_outgoingemail").fetchall())


def test_a_worker_killed_mid_send_loses_no_email_and_sends_it_once_more_only_after_the_wait():
    smtp = SmtpServer(hold_first=1, hold_seconds=30)
    with fresh_database(f"scope_mail_{os.getpid()}") as database:
        environ = production(
            database,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
            EMAIL_USE_TLS="0",
            EMAIL_TIMEOUT="5",
            SCOPING_MAIL_RESEND_AFTER=str(RESEND_AFTER),
            SCOPING_MAIL_SWEEP_SECONDS="1",
            CONSULTANT_EMAILS="desk@consultancy.example",
        )
        manage(environ, "migrate", "--no-input", "-v", "0")
        manage(environ, "schedule_jobs")
        manage(environ, "shell", "-v", "0", "-c", "from tests.support.factories import BriefFactory; BriefFactory()")
        worker = (sys.executable, "manage.py", "run_worker", "--queue-name", "default,mail", "--interval", "0.2")

        first = start(environ, *worker, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: len(smtp.received) == 1, 30, "the first email to reach the server")
        first.send_signal(signal.SIGKILL)  # while the server holds its reply
        first.wait(10)
        killed_mid_send = smtp.received[0]
        assert statuses(database)[killed_mid_send.message_id] == "sending"

        second = start(environ, *worker, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: len(smtp.received) == 3, 60, "both emails, one of them twice")
            wait_for(lambda: set(statuses(database).values()) == {"sent"}, 30, "every row marked sent")
            manage(environ, "worker_check", "--timeout", "30")
        finally:
            second.terminate()
            second.wait(10)
            smtp.close()

    ids = smtp.message_ids()
    assert ids.count(killed_mid_send.message_id) == 2, "sent again, as the same message"
    assert len(set(ids)) == 2, "the other email went once"
    resent = next(message for message in smtp.received[1:] if message.message_id == killed_mid_send.message_id)
    assert resent.at - killed_mid_send.at >= RESEND_AFTER - 0.5, "not before the first attempt could have ended"
