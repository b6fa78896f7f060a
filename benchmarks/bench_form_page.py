"""The public brief form under gunicorn against a bare Django view, served side by side by the same
gunicorn (production settings, the same workers and middleware), in alternating rounds.

Target (issue 21): the form's GET serves at least a quarter of the requests per second the bare view
does. Before: 0.11-0.12 (every field drawn through includes on every request).
"""

import http.client
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from tests.support.production import free_port, manage, start

RATIO_TARGET = 0.25
WORKERS = 2
CLIENTS = 4
ROUND_SECONDS = 2.0
ROUNDS = 3


def _requests_per_second(port: int, path: str) -> float:
    """Requests answered in a round by CLIENTS threads, each asking again as soon as it has its answer."""
    done = [0] * CLIENTS
    stop = time.perf_counter() + ROUND_SECONDS

    def client(slot: int) -> None:
        while time.perf_counter() < stop:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            connection.close()
            assert response.status == 200, (path, response.status)
            done[slot] += 1

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / ROUND_SECONDS


def _wait_until_up(port: int) -> None:
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/bare/")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def _environment(folder: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.bare_site",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "SCOPING_SITE_URL": "http://127.0.0.1",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3"),
    }


def main() -> int:
    folder = tempfile.mkdtemp(prefix="bench-form-")
    environ = _environment(folder)
    for command in (["migrate", "-v", "0"], ["createcachetable"], ["collectstatic", "--no-input", "-v", "0"]):
        manage(environ, *command)
    port = free_port()
    gunicorn = (sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(WORKERS))
    server = start(environ, *gunicorn, stderr=subprocess.DEVNULL)
    try:
        _wait_until_up(port)
        for path in ("/bare/", "/brief/new/"):  # each worker warm
            _requests_per_second(port, path)
        bare, form = [], []
        for _ in range(ROUNDS):
            bare.append(_requests_per_second(port, "/bare/"))
            form.append(_requests_per_second(port, "/brief/new/"))
    finally:
        server.terminate()
        server.wait()
    ratio = statistics.median(form) / statistics.median(bare)
    verdict = "ok" if ratio >= RATIO_TARGET else "MISSED"
    served = f"{statistics.median(form):.0f} req/s, a bare Django view {statistics.median(bare):.0f} req/s"
    print(f"brief form under gunicorn ({WORKERS} workers, {CLIENTS} clients): {served}: ", end="")
    print(f"ratio {ratio:.2f} (target >= {RATIO_TARGET}: {verdict})")
    return 0 if ratio >= RATIO_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
