"""The three standing users of every test: the client (holder of a brief's private token), a
consultant (staff) and an outsider (signed in, but not staff)."""

import pytest
from hypothesis import settings as hypothesis_settings

from tests.support.factories import BriefFactory, ConsultantFactory, UserFactory

pytest_plugins = ["tests.support.browser"]

# Speed is the benchmarks' business (make bench): a property that takes longer on a busy machine, or
# with the other workers of the suite beside it, is not failed for it.
hypothesis_settings.register_profile("suite", deadline=None, print_blob=True)
hypothesis_settings.load_profile("suite")


@pytest.fixture
def client_brief(db):
    """A submitted brief: its token is the client's only credential."""
    return BriefFactory(company="Acme Analytics", contact_name="Ada Client")


@pytest.fixture
def consultant(db):
    return ConsultantFactory(username="consultant")


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits count in the cache, built pages in another: every test starts with both empty."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """Hashing a password properly takes a third of a second, by design; tests need no such strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def no_fill_time(settings):
    """Tests that send the first step at once, as a script does, are not taken for bots."""
    settings.SCOPING_MIN_FILL_SECONDS = 0
