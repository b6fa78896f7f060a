"""Django for a benchmark: a throwaway SQLite database (unless DATABASE_URL names one), migrated."""

import os
import tempfile


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='bench-')}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
