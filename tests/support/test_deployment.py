"""docker-compose.yml, the Dockerfile and the README describe what really exists.

No Docker engine runs here, so these tests read the files and check each command and variable they
name against the code; CI's smoke test then runs the same command lines natively.
"""

import importlib
import re
import shlex
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
APP_SERVICES = ["migrate", "web", "worker", "mailer", "webhooks"]
# Variables read by gunicorn itself rather than by our settings.
GUNICORN_VARIABLES = {"PORT", "WEB_CONCURRENCY"}


def settings_variables() -> set[str]:
    return set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', (ROOT / "config" / "settings.py").read_text()))


def assert_command_exists(command: list[str]) -> None:
    if command[:2] == ["sh", "-c"]:  # commands one after another
        for part in command[2].split("&&"):
            assert_command_exists(shlex.split(part))
    elif command[:2] == ["python", "manage.py"]:
        assert command[2] in get_commands(), command
    elif command[0] == "gunicorn":
        module, _, attribute = command[1].partition(":")
        assert hasattr(importlib.import_module(module), attribute or "application"), command
    else:
        pytest.fail(f"unexpected command {command}")


@pytest.mark.parametrize("service", APP_SERVICES)
def test_every_compose_command_exists(service):
    assert_command_exists(COMPOSE["services"][service]["command"])


def test_the_dockerfile_command_exists_and_matches_the_web_service():
    cmd = re.search(r"^CMD (\[.*\])$", (ROOT / "Dockerfile").read_text(), re.M)

    assert yaml.safe_load(cmd.group(1)) == COMPOSE["services"]["web"]["command"]


@pytest.mark.parametrize("service", APP_SERVICES)
def test_every_compose_variable_is_one_the_app_reads(service):
    named = set(COMPOSE["services"][service]["environment"])

    assert named - settings_variables() - GUNICORN_VARIABLES == set()


def test_the_services_wait_for_a_healthy_database_and_keep_its_data():
    db = COMPOSE["services"]["db"]

    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert db["volumes"][0].split(":")[0] in COMPOSE["volumes"]
    assert COMPOSE["services"]["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for service in ("web", "worker", "mailer"):
        assert COMPOSE["services"][service]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert COMPOSE["services"]["web"]["healthcheck"]["test"][-1].endswith("/healthz/')")


def test_the_long_running_services_come_back_by_themselves_and_the_worker_reports_its_health():
    for service in ("db", "web", "worker", "mailer"):
        assert COMPOSE["services"][service]["restart"] == "unless-stopped", service
    assert COMPOSE["services"]["worker"]["healthcheck"]["test"][:4] == ["CMD", "python", "manage.py", "worker_check"]
    for service in ("worker", "mailer", "webhooks"):
        assert COMPOSE["services"][service]["command"][:3] == ["python", "manage.py", "run_worker"]
    queues = {COMPOSE["services"][name]["command"][-1] for name in ("worker", "mailer", "webhooks")}
    assert queues == {"default", "mail", "webhooks"}, "email and webhooks have a worker each of their own"


def test_gunicorn_recycles_its_workers_with_jitter():
    command = COMPOSE["services"]["web"]["command"]

    assert int(command[command.index("--max-requests") + 1]) > 0
    assert int(command[command.index("--max-requests-jitter") + 1]) > 0


def test_the_readme_documents_every_variable_the_settings_read():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, re.M))

    assert settings_variables() <= documented
    assert documented <= settings_variables() | GUNICORN_VARIABLES


def test_ci_runs_the_compose_command_lines():
    smoke = (ROOT / ".ci" / "smoke").read_text()

    for service in APP_SERVICES:
        assert f"compose_command {service}" in smoke
    assert shlex.join(COMPOSE["services"]["web"]["command"]).startswith("gunicorn config.wsgi")


def test_only_the_proxy_faces_the_network_with_the_config_ci_runs():
    proxy = COMPOSE["services"]["proxy"]

    assert "ports" not in COMPOSE["services"]["web"], "gunicorn is reached through the proxy only"
    assert proxy["image"] == "caddy:2.6", "the version CI runs natively (Debian's caddy 2.6)"
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert proxy["environment"]["UPSTREAM"] == "web:8000"
    assert COMPOSE["x-app"]["environment"]["SCOPING_TRUSTED_PROXIES"] == "1"
    assert "deploy/Caddyfile" in (ROOT / ".ci" / "smoke").read_text()


def test_backups_run_the_script_ci_restores_from():
    backup = COMPOSE["services"]["backup"]

    assert backup["entrypoint"] == ["sh", "/deploy/backup.sh"]
    assert backup["restart"] == "unless-stopped"
    smoke = (ROOT / ".ci" / "smoke").read_text()
    assert "deploy/backup.sh once" in smoke
    assert "deploy/restore.sh" in smoke
