"""The task worker for production: django-tasks-db's ``db_worker``, kept alive through outages of
the database. Its loop lets an error from the database end the process (and with it every email
still to send) the first time it polls a database that is down; this command waits and starts the
loop again instead, longer each time (with jitter, so several workers do not return at once), until
the database answers."""

from __future__ import annotations

import logging
import random
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger(__name__)

FIRST_WAIT = 1.0  # seconds
LONGEST_WAIT = 30.0


class Command(db_worker.Command):
    help = "Run the task worker (db_worker's options), waiting out database outages instead of exiting."

    def handle(self, *args: object, **options: object) -> None:
        wait = FIRST_WAIT
        while True:
            started = time.monotonic()
            try:
                return super().handle(*args, **options)
            except (InterfaceError, OperationalError) as error:
                if time.monotonic() - started > LONGEST_WAIT:
                    wait = FIRST_WAIT  # it had been running well: a new outage starts short again
                logger.warning("The database is unavailable (%s); the worker tries again in %.0f s.", error, wait)
                connections.close_all()
                time.sleep(wait + random.uniform(0, wait / 2))  # noqa: S311 (jitter, not a secret)
                wait = min(wait * 2, LONGEST_WAIT)
