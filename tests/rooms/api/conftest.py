"""Keys for the API's tests: one read-only, one read-write, each through the service the admin uses."""

import pytest

from scoping.models import ApiKey
from scoping.services.keys import api_key_create


@pytest.fixture
def read_key(db):
    return api_key_create(name="Reader", scope=ApiKey.Scope.READ, created_by=None)


@pytest.fixture
def write_key(db):
    return api_key_create(name="HubSpot", scope=ApiKey.Scope.WRITE, created_by=None)
