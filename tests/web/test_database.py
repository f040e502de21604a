"""The database: SQLite durability settings, foreign keys, and migrations that match the models."""
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy.exc import IntegrityError

from lms.extensions import db
from tests.conftest import POSTGRES_URL, postgres_schema_url, recreate_postgres_schema, settings_for


def test_every_sqlite_connection_is_durable_and_enforces_foreign_keys(tmp_path, build_app):
    """Runs on SQLite on both test runs: these settings are SQLite's."""
    app = build_app(settings_for(f"sqlite:///{tmp_path / 'pragmas.db'}"))
    with app.app_context():
        connection = db.session.connection()
        read = lambda pragma: connection.exec_driver_sql(f"PRAGMA {pragma}").scalar()  # noqa: E731
        assert read("foreign_keys") == 1
        assert read("journal_mode") == "wal"
        assert read("synchronous") == 2  # FULL
        assert read("busy_timeout") == 5000


def test_a_dangling_foreign_key_is_refused(app):
    with app.app_context():
        with pytest.raises(IntegrityError):
            db.session.execute(sa.text(
                "INSERT INTO districts (agency_id, name) VALUES (999999, 'Nowhere')"))
            db.session.flush()
        db.session.rollback()


@pytest.fixture
def empty_database_url(tmp_path):
    if POSTGRES_URL:
        schema = "lms_migration_check"
        recreate_postgres_schema(schema)
        yield postgres_schema_url(schema)
        recreate_postgres_schema(schema, drop_only=True)
    else:
        yield f"sqlite:///{tmp_path / 'empty.db'}"


def _drift(app) -> list:
    with app.app_context():
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, db.metadata)


def test_migrations_build_exactly_the_models_schema_and_round_trip(empty_database_url, build_app):
    app = build_app(settings_for(empty_database_url))
    directory = app.extensions["migrate"].directory
    with app.app_context():
        upgrade(directory=directory)
    assert _drift(app) == []
    with app.app_context():
        downgrade(directory=directory, revision="base")
        tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
        upgrade(directory=directory)
        head = db.session.execute(sa.text("SELECT seq, last_hash FROM audit_chain_head")).one()
        assert head == (0, "0" * 64)
        db.session.remove()
        db.engine.dispose()
    assert _drift(app) == []
