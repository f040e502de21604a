"""Fixtures: a fresh application and database per test, on SQLite or PostgreSQL, and factories."""
import os
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from lms import create_app
from lms.config import TestConfig
from lms.extensions import db

pytest_plugins = ["tests.factories"]

POSTGRES_URL = os.environ.get("LMS_TEST_DATABASE_URL")
TEST_DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config):
    if os.environ.get("LMS_REQUIRE_POSTGRES") == "1" and not POSTGRES_URL:
        raise pytest.UsageError("LMS_REQUIRE_POSTGRES=1 but LMS_TEST_DATABASE_URL is not set")


def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL (marked postgres_only) are deselected on SQLite runs, not skipped: the
    PostgreSQL run of CI runs them, and a skip would hide a missing database there."""
    if POSTGRES_URL:
        return
    chosen = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(chosen) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = chosen


def pytest_runtest_logreport(report):
    if report.skipped and os.environ.get("LMS_FORBID_SKIPS") == "1":
        _SKIPPED.append(report.nodeid)


_SKIPPED: list[str] = []


def pytest_sessionfinish(session, exitstatus):
    """In CI (LMS_FORBID_SKIPS=1) a skipped test fails the run: nothing may be left untested."""
    if _SKIPPED:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter):
    if _SKIPPED:
        terminalreporter.write_line(
            f"FAILED because LMS_FORBID_SKIPS=1 and {len(_SKIPPED)} tests were skipped: {', '.join(_SKIPPED[:10])}",
            red=True)


def settings_for(database_url: str, **extra) -> dict:
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    settings.update({"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False,
                     # The tiny course of tests/data; the real courses are checked in test_real_content.py.
                     "CONTENT_ROOT": str(TEST_DATA / "courses"), "ASSESSMENTS_ROOT": str(TEST_DATA / "assessments"),
                     "ACADEMY_COURSE": "tiny-course",
                     **extra})
    return settings


def migrate_to_head(database_url: str) -> None:
    app = create_app(settings_for(database_url))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        db.engine.dispose()


def postgres_schema_url(schema: str) -> str:
    """The test database URL with every connection's search_path set to one schema."""
    url = sa.engine.make_url(POSTGRES_URL)
    return url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def recreate_postgres_schema(schema: str, *, drop_only: bool = False) -> None:
    engine = sa.create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        if not drop_only:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """Migrate once per run: a template SQLite file, or a PostgreSQL schema of this test process."""
    if POSTGRES_URL:
        # One schema per test process, so that parallel runs on one database never meet.
        schema = f"lms_test_{os.getpid()}"
        recreate_postgres_schema(schema)
        url = postgres_schema_url(schema)
        migrate_to_head(url)
        yield url
        recreate_postgres_schema(schema, drop_only=True)
        return
    template = tmp_path_factory.mktemp("db") / "template.db"
    migrate_to_head(f"sqlite:///{template}")
    yield template


def _empty_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        tables = connection.execute(sa.text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'alembic_version'"
        )).scalars().all()
        connection.execute(sa.text("SET session_replication_role = replica"))  # past the audit guard
        connection.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        connection.execute(sa.text("SET session_replication_role = DEFAULT"))
        connection.execute(sa.text("INSERT INTO audit_chain_head (id, seq, last_hash) VALUES (1, 0, :genesis)"),
                           {"genesis": "0" * 64})
    engine.dispose()


@pytest.fixture
def database_url(database_template, tmp_path) -> str:
    """A database at the newest migration holding nothing but what the migrations put there."""
    if POSTGRES_URL:
        _empty_postgres(database_template)
        return database_template
    target = tmp_path / "lms.db"
    shutil.copyfile(database_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def app_settings(database_url) -> dict:
    """Override in a test module (or parametrize) to change settings for its app."""
    return settings_for(database_url)


@pytest.fixture
def app(app_settings, tmp_path):
    application = create_app(app_settings, instance_path=str(tmp_path / "instance"))
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def build_app(tmp_path):
    """build_app(settings) -> another application (a second worker, a production config); disposed after."""
    built = []

    def build(settings: dict):
        application = create_app(settings, instance_path=str(tmp_path / f"instance-{len(built)}"))
        built.append(application)
        return application

    yield build
    for application in built:
        with application.app_context():
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def uses_postgres() -> bool:
    return bool(POSTGRES_URL)


@pytest.fixture
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent
