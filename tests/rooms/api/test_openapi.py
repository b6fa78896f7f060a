"""The API's schema: OpenAPI 3.1, served by the app, the same as docs/openapi.json (`make openapi`
writes it), and every operation tried by schemathesis with generated requests: no server error, every
answer as the schema says."""

import json
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from scoping.management.commands.openapi import schema_text
from scoping.models import ApiKey
from scoping.services.keys import api_key_create
from tests.rooms.api.factories import sent_brief
from tests.support.factories import BriefFactory

STORED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def test_the_served_schema_is_the_one_in_the_repository(client):
    served = client.get("/api/v1/openapi.json")

    assert served.status_code == 200
    assert served.json()["openapi"].startswith("3.1")
    assert served.json() == json.loads(STORED.read_text()), "run `make openapi` and commit docs/openapi.json"
    assert schema_text() == STORED.read_text()


def test_errors_are_declared_as_problem_details():
    schema = json.loads(STORED.read_text())
    for operations in schema["paths"].values():
        for operation in operations.values():
            for code, response in operation["responses"].items():
                if int(code) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], (code, operation["operationId"])


# The live schema, as the app serves it (the test above holds it to the stored one).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def api_data(db):
    """A brief of each kind the write operations care about, and a read-write key. Requests go
    straight to the WSGI app, so, as Django's test client does, the test's transaction keeps its
    connection (the end of a request would close it: it is not in autocommit)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    BriefFactory()
    sent_brief()
    _, raw = api_key_create(name="Schemathesis", scope=ApiKey.Scope.WRITE, created_by=None)
    yield raw
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema(case, api_data):
    # A cursor is opaque: one made up to the schema's pattern is rightly refused (400), not a schema fault.
    made_up_cursor = bool(case.query and "cursor" in case.query)
    # An object in the query: the WSGI transport (werkzeug) sends its Python repr, a string the schema
    # allows, while the check judges the request as `requests` would send it (the object's keys), so
    # it cannot tell whether the app should have refused what it really got.
    object_in_query = any(isinstance(value, dict) for value in (case.query or {}).values())
    excluded = [positive_data_acceptance] if made_up_cursor else []
    case.call_and_validate(
        headers={"Authorization": f"Bearer {api_data}"},
        excluded_checks=[*excluded, negative_data_rejection] if object_in_query else excluded,
    )
