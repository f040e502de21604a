"""The declarative base, timestamps and per-connection database settings."""
from datetime import UTC, datetime

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA busy_timeout=5000",
)


class Base(DeclarativeBase):
    """Base of every model: one metadata with a constraint naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def session_scope() -> int:
    """Scope database sessions to the request when there is one, else to the app context.

    A request that runs inside a longer app context (a test, a CLI command serving requests) still
    gets a fresh session, so it never sees objects left in an identity map by earlier work.
    """
    from flask import globals as flask_globals

    request_context = flask_globals._cv_request.get(None)
    if request_context is not None:
        return id(request_context)
    return id(flask_globals._cv_app.get())


def utcnow() -> datetime:
    """Return the current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record) -> None:
    """Make every SQLite connection enforce foreign keys and write durably."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()
