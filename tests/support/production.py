"""For tests that run the app's real processes (gunicorn, the worker) on production settings, on a
PostgreSQL database of their own."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = ("127.0.0.1", 5432)


def _admin() -> psycopg.Connection:
    return psycopg.connect(host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname="postgres", autocommit=True)


@contextmanager
def fresh_database(name: str) -> Iterator[str]:
    """An empty PostgreSQL database, dropped afterwards."""
    with _admin() as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {name}")
    try:
        yield name
    finally:
        with _admin() as db:
            db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def production(database: str, port: int | None = None, **extra: str) -> dict[str, str]:
    """Production settings on ``database``, on PostgreSQL's own port or (given one) a proxy's."""
    inherited = ("DJANGO_", "EMAIL_", "DATABASE_", "SCOPING_", "CONSULTANT_")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(inherited)}
    return {
        **environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "SCOPING_SITE_URL": "http://127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port or POSTGRES[1]}/{database}",
        **extra,
    }


def manage(environ: dict[str, str], *args: str) -> str:
    """Run a management command to its end; its output, or the test fails with its errors."""
    run = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def start(environ: dict[str, str], *command: str, **options) -> subprocess.Popen:
    return subprocess.Popen(list(command), cwd=ROOT, env=environ, **options)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
