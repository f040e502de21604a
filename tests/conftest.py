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
GUARDED_TABLES = ("audit_events",)


def pytest_configure(config):
    if os.environ.get("LMS_REQUIRE_POSTGRES") == "1" and not POSTGRES_URL:
        raise pytest.UsageError("LMS_REQUIRE_POSTGRES=1 but LMS_TEST_DATABASE_URL is not set")


def test_settings(database_url: str, **extra) -> dict:
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    settings.update(SQLALCHEMY_DATABASE_URI=database_url, WTF_CSRF_ENABLED=False, **extra)
    return settings


def migrate_to_head(database_url: str) -> None:
    app = create_app(test_settings(database_url))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """Migrate once per run: a template SQLite file, or the PostgreSQL test database itself."""
    if POSTGRES_URL:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
        migrate_to_head(POSTGRES_URL)
        return POSTGRES_URL
    template = tmp_path_factory.mktemp("db") / "template.db"
    migrate_to_head(f"sqlite:///{template}")
    return template


def _empty_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        tables = connection.execute(sa.text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
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
        _empty_postgres(POSTGRES_URL)
        return POSTGRES_URL
    target = tmp_path / "lms.db"
    shutil.copyfile(database_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def app_settings(database_url) -> dict:
    """Override in a test module (or parametrize) to change settings for its app."""
    return test_settings(database_url)


@pytest.fixture
def app(app_settings, tmp_path):
    application = create_app(app_settings)
    application.instance_path = str(tmp_path / "instance")
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


def uses_postgres() -> bool:
    return bool(POSTGRES_URL)


@pytest.fixture
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent
