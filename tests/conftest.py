"""The world every test can use: alice owns two accounts (one Chinese, one English); bob is her teammate;
carol manages alice's team; mallory is an outsider with an account of her own."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests import factories as f
from tests.migrated import copy_migrated

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


# Tests of what pages render, of the access matrix route by route and of HTTP body limits: on PostgreSQL their reads
# and writes are the selectors and services the API, import, mail and pipeline tests already run there (the gate's
# reads included), so the PostgreSQL run leaves them to the SQLite run (CI's 20 minutes).
PAGE_TESTS = (
    "tests/web_deals/",
    "tests/web_accounts/",
    "tests/web_teams/",
    "tests/web_reviews/",
    "tests/web_comments/",
    "tests/web_pipeline/",
    "tests/web_competition/",
    "tests/process/test_web.py",
    "tests/mail/test_views.py",
    "tests/mail/test_page_words.py",
    "tests/training/test_training_web.py",
    "tests/surveys/test_pages.py",
    "tests/api/test_routes.py",
    "tests/api/test_body_limits.py",
)


def pytest_collection_modifyitems(config, items):
    """The tests marked `slow` run first (the run then does not end on one of them while the other processes
    wait). On PostgreSQL (`make test-pg`) only the tests that use the test database run, and
    not the page tests (PAGE_TESTS) nor those marked `sqlite_run`: the others (the pure analysis and inference, file parsing, the command-line
    tests on their own SQLite file) do the same on both runs, and the SQLite run has them."""
    from django.conf import settings

    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: the slow ones first
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return
    kept, left = [], []
    for item in items:
        uses_db = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        pages = item.nodeid.startswith(PAGE_TESTS) or item.get_closest_marker("sqlite_run") is not None
        (kept if uses_db and not pages else left).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file (one per test process), as the app's own is, not Django's shared
    in-memory database: the browser tests' live server then reads and writes through its own connection, and
    SQLite's busy timeout serialises it with the test's. In memory, the threads share one cache whose table
    locks fail at once ("database table is locked") whenever a page is still being written when the test
    reads."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("db") / "test.sqlite3"
        # migrated already: Django keeps it (django_db_keepdb) and its migrate finds nothing to do
        copy_migrated(name)
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings) -> bool:
    """On SQLite the test database starts as a copy of the migrated file (tests/migrated.py), which Django
    keeps; elsewhere as pytest-django decides (`--reuse-db`)."""
    from django.conf import settings

    sqlite = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    return sqlite or request.config.getvalue("reuse_db")


@pytest.fixture(autouse=True, scope="session")
def per_process_cache():
    """Tests use a cache in memory: each test's database is rolled back, and fixtures clear the cache
    outside any database access. The shared database cache (the default) is tested in
    tests/foundation/test_cache_setting.py."""
    from django.test.utils import override_settings

    with override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        yield


@pytest.fixture(autouse=True)
def empty_cache(per_process_cache):
    """Each test starts with an empty cache: a rolled-back test's rows give their ids (history ids too) to the next
    test's, so a map fingerprint — the newest history ids — can repeat across tests of one process, and an API answer
    cached by an earlier test was served to a later one (the history API's `updated_at` of another test's person)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def tasks_inside_the_request():
    """Tests run background tasks inside the request (django-tasks' immediate backend), so a test of an
    import or a mail upload sees its result at once. The real database queue and `battlemap worker`
    processes are tested in tests/ops/."""
    from django.test.utils import override_settings

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ):
        yield


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    """Tests hash passwords with MD5: the world creates four users per test, and Django's default PBKDF2 (about
    a million rounds) would spend much of the suite hashing. The app itself keeps Django's default hashers."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's default language and leaves the thread as it found it: a page asked in
    English (the test client runs Django's LocaleMiddleware in this thread) would otherwise leave English active
    for whichever test the process runs next."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@dataclass
class World:
    owner: object
    teammate: object
    manager: object
    outsider: object
    team: object
    cn: object  # a Chinese account
    en: object  # an English account
    other: object  # the outsider's account
    cn_boss: object
    cn_deal: object


@pytest.fixture
def world(db) -> World:
    owner = f.user("alice")
    teammate = f.user("bob")
    manager = f.user("carol")
    outsider = f.user("mallory")
    team = f.team("east", members=[owner, teammate], managers=[manager])
    cn = f.account(owner=owner, slug="guodian", name="国电智慧能源集团", team=team, lifecycle="growing")
    en = f.account(owner=owner, slug="northwind", name="Northwind Logistics", lifecycle="prospect")
    other = f.account(owner=outsider, slug="secret", name="Mallory Corp")
    boss = f.person(account=cn, name="王建国", title="总经理")
    f.person(account=cn, name="李明", title="信息中心主任", reports_to=boss)
    f.person(account=en, name="Jane Doe", title="CFO")
    deal = f.deal(account=cn, name="物联网平台", stage="evaluation")
    f.role(deal=deal, person=boss, roles=["decision_maker"], attitude="neutral", influence=5)
    return World(owner, teammate, manager, outsider, team, cn, en, other, boss, deal)


@pytest.fixture
def owner_client(client, world):
    client.force_login(world.owner)
    return client
