"""Production settings fail loudly instead of falling back to development values."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "scope.example.com",
    "SCOPING_SITE_URL": "https://scope.example.com",
}


def manage(*args, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_", "SCOPING_SITE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_passes_the_deploy_checks():
    run = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert run.returncode == 0, run.stderr
    assert "no issues" in run.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "SCOPING_SITE_URL"])
def test_production_refuses_to_start_without(missing):
    run = manage("check", **{k: v for k, v in PRODUCTION.items() if k != missing})

    assert run.returncode != 0
    assert f"Set the environment variable {missing}" in run.stderr


def test_production_never_runs_in_debug_or_prints_mail():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.MAILERS['default']['BACKEND'], s.TASKS['default']['BACKEND'])"
    )
    run = manage("shell", "-v", "0", "-c", code, **PRODUCTION)

    assert run.stdout.split() == [
        "False",
        "django.core.mail.backends.smtp.EmailBackend",
        "django_tasks_db.DatabaseBackend",
    ]


@pytest.mark.parametrize(
    ("reader", "value", "expected"),
    [
        (env_bool, "yes", True),
        (env_bool, "Off", False),
        (env_int, "42", 42),
        (env_list, " a.example, ,b.example ", ["a.example", "b.example"]),
    ],
)
def test_env_readers_parse(monkeypatch, reader, value, expected):
    monkeypatch.setenv("SOME_SETTING", value)

    assert reader("SOME_SETTING", None) == expected


@pytest.mark.parametrize(("reader", "value"), [(env_bool, "maybe"), (env_int, "ten")])
def test_env_readers_reject_nonsense_by_name(monkeypatch, reader, value):
    monkeypatch.setenv("SOME_SETTING", value)

    with pytest.raises(ImproperlyConfigured, match=f"SOME_SETTING .*{value}"):
        reader("SOME_SETTING", None)
