from django.core.management.base import BaseCommand

from scoping.services.intake import engine_restamp


class Command(BaseCommand):
    help = (
        "After a deploy that changed the decision rules: open briefs whose memo is not yet frozen take the "
        "rules' approach now as their approach of record, each change written in the brief's history."
    )

    def handle(self, *args: object, **options: object) -> None:
        changed = engine_restamp()
        self.stdout.write(f"{changed} open brief(s) now carry the decision rules' current approach.")
