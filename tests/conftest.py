"""What every test stands on: the three standing users (the client, holder of a brief's private token;
a consultant, staff; an outsider, signed in but not staff), empty caches and quick password hashing
before each test, hypothesis's profile, on SQLite a test database in a file of the run's own, and a
way back to the latest migrations for a test that takes the database back in time."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, the tests' database is a file of this run's own (of each worker's own, under
    pytest-xdist), not one in memory: the browser tests' live server answers a page's requests in
    threads of its own, at once. In memory, they either share one connection or reach one shared
    cache, and a request fails ("database table is locked") where, on a file, each thread's
    connection waits its turn (the settings' timeout). PostgreSQL's test databases are pytest-django's."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


@pytest.fixture
def migrated_back():
    """The database taken back in time by a test, and brought forward to the latest migrations after
    it: the tests after it (the same worker's) find the schema the code expects."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
