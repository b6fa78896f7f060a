from django.apps import AppConfig
from django.core import checks
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_tables(using: str, **kwargs: object) -> None:
    """A database cache's table is not a model: `migrate` makes it too, so one command sets up a
    database (createcachetable skips what exists and does nothing for other caches)."""
    call_command("createcachetable", database=using, verbosity=0)


class ScopingConfig(AppConfig):
    name = "scoping"
    verbose_name = "Scoping"

    def ready(self) -> None:
        from scoping.deadlines import check_holiday_calendar

        post_migrate.connect(create_cache_tables, sender=self)
        checks.register(check_holiday_calendar)
