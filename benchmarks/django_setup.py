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


def typical_brief():  # -> scoping.models.Brief, imported only once Django is set up
    """The brief the page and memo benchmarks measure: a support assistant over 40,000 articles that
    change daily, with a strict format, 250,000 queries a month."""
    from decisions.ladder import Facts
    from scoping.services.intake import brief_submit

    return brief_submit(
        contact_name="Tomás Ruiz",
        contact_email="tomas@example.com",
        company="Helpdeskly",
        project_title="Support assistant over our knowledge base",
        project_summary="Answer customer questions from help articles that change daily.",
        monthly_queries=250_000,
        notify=False,
        facts=Facts(
            needs_knowledge=True,
            corpus_documents=40_000,
            update_frequency="daily",
            strict_output_format=True,
            has_eval_set=True,
        ),
    )
