import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from decisions.ladder import Approach, Task
from scoping.demo_briefs import DEMO_BRIEFS
from scoping.memos.build import memo_with_review
from scoping.models import Brief, ClientQuestion, ScopeAcceptance
from scoping.services.demo import DEMO_PASSWORD, DEMO_USERNAME

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_seed_demo_is_idempotent_and_covers_every_approach(client, capsys):
    call_command("seed_demo")
    call_command("seed_demo")

    submitted = Brief.objects.exclude(status=Brief.Status.DRAFT)
    assert submitted.count() == len(DEMO_BRIEFS) >= 12
    assert set(submitted.values_list("engine_approach", flat=True)) == {a.value for a in Approach}
    assert submitted.filter(reply_due_at__lt=timezone.now()).count() >= 2, "some replies are overdue, to work on"
    assert Brief.objects.filter(status=Brief.Status.DRAFT).count() == 1, "an abandoned draft to follow up"
    assert f"username: {DEMO_USERNAME}  password: {DEMO_PASSWORD}" in capsys.readouterr().out
    # The loop with the client has something to show: a scope accepted, questions waiting for answers.
    assert ScopeAcceptance.objects.filter(brief__status=Brief.Status.MEMO_SENT).count() == 1
    assert ClientQuestion.objects.filter(answered_at__isnull=True).exists()


@override_settings(DEBUG=True)
def test_the_demo_consultant_can_sign_in_and_see_the_briefs(client):
    call_command("seed_demo")

    signed_in = client.post("/admin/login/", {"username": DEMO_USERNAME, "password": DEMO_PASSWORD})
    listing = client.get("/admin/scoping/brief/")

    assert signed_in.status_code == 302
    assert listing.status_code == 200
    assert "Helpdeskly" in listing.text


def test_seed_demo_refuses_to_run_in_production():
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo")

    assert not Brief.objects.exists()


def test_worker_check_succeeds_when_tasks_run(capsys):
    call_command("worker_check", "--timeout", "5")

    assert "A worker ran task" in capsys.readouterr().out


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_worker_check_fails_clearly_when_no_worker_runs():
    with pytest.raises(CommandError, match=r"is `manage\.py run_worker` running"):
        call_command("worker_check", "--timeout", "0.5")


@override_settings(DEBUG=True)
def test_the_demo_shows_each_rule_of_the_engine_at_work():
    call_command("seed_demo")
    briefs = Brief.objects.exclude(status=Brief.Status.DRAFT)

    seen = set()
    for brief in briefs:
        memo = memo_with_review(brief)
        seen |= {finding.rule_id for finding in (*memo.recommendation.reasons, *memo.points_to_watch)}

    expected = {"ask-citations-without-knowledge", "measured-sufficient", "rag-knowledge-shortfall",
                "watch-over-budget", "warn-small-eval-set", "ft-justified", "both-production-pattern",
                "watch-long-context", "prompting-inputs", "watch-size-line", "warn-too-few-labels"}  # fmt: skip
    assert expected <= seen, expected - seen
    assert {brief.task for brief in briefs} == set(Task), "a demo brief for each main job"


@override_settings(DEBUG=True, SCOPING_SITE_URL="")
def test_seed_demo_prints_the_login_for_the_address_it_is_given_or_without_a_port(capsys):
    call_command("seed_demo", site="http://127.0.0.1:8011")
    given = capsys.readouterr().out
    call_command("seed_demo")
    unknown = capsys.readouterr().out

    assert "Demo consultant login at http://127.0.0.1:8011/admin/ --" in given
    assert "Demo consultant login at /admin/ on the address the server runs on --" in unknown
    assert ":8000" not in given + unknown


@pytest.mark.django_db(transaction=True)  # each email goes when its brief commits, as under `make run`
@override_settings(DEBUG=True)
def test_seed_demo_prints_no_email_and_its_emails_link_to_the_address_given(capsys, settings):
    """The console mailer would print every sample brief's email, a PDF among them, above the login."""
    from django.core import mail

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

    call_command("seed_demo", site="http://127.0.0.1:8031")

    printed = capsys.readouterr().out
    assert "Subject:" not in printed
    assert printed.rstrip().endswith("password: scope-demo-consultant")
    sent = " ".join(message.body for message in mail.outbox)
    assert "http://127.0.0.1:8031/brief/" in sent
    assert ":8000" not in sent


def test_make_run_seeds_and_serves_on_one_address():
    make = shutil.which("make")
    root = Path(__file__).resolve().parents[2]
    plan = subprocess.run(
        [make, "-n", "run", "ADDRESS=127.0.0.1:8011"], cwd=root, capture_output=True, text=True, check=True
    ).stdout

    assert "seed_demo --site http://127.0.0.1:8011" in plan
    assert "runserver 127.0.0.1:8011" in plan
