"""Print the API's OpenAPI schema as the app serves it at /api/v1/openapi.json: `make openapi`
writes it to docs/openapi.json, and a test fails when the two differ."""

import json

from django.core.management.base import BaseCommand

from scoping.api.api import api


def schema_text() -> str:
    """The schema as stored: sorted keys, two-space indents, a final newline (stable diffs)."""
    return json.dumps(api.get_openapi_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Print the API's OpenAPI schema (make openapi stores it in docs/openapi.json)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(schema_text(), ending="")
