"""The declarative base, timestamps and per-connection database settings."""
from datetime import UTC, datetime

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session

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


def reads_only(session) -> None:  # session: the scoped session (db.session)
    """This request only reads. On PostgreSQL its statements run without a transaction: no BEGIN and ROLLBACK
    round trips, and under READ COMMITTED each statement sees what it would have seen inside one. SQLite needs
    nothing (it begins no transaction for a read, and has no round trips). A flush that would write is refused
    on both (see _refuse_flushes and _refuse_statements), so a page marked read-only cannot quietly write outside a transaction."""
    current = session()
    current.info["reads_only"] = True
    if session.get_bind().dialect.name != "sqlite" and not current.in_transaction():
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def writing(session) -> None:  # session: the scoped session (db.session)
    """About to write. A read-only request that must write after all (the audit entry of a refused request)
    first leaves read-only mode: its reads end (nothing to undo: no write was allowed) and what follows runs in
    a real transaction again, locks and all."""
    current = session()
    if current.info.pop("reads_only", False):
        current.rollback()


def _refused_write() -> RuntimeError:
    return RuntimeError("A page marked read-only tried to write to the database.")


@event.listens_for(Session, "before_flush")
def _refuse_flushes(session, flush_context, instances) -> None:
    if session.info.get("reads_only") and (session.new or session.deleted or session.dirty):
        raise _refused_write()


@event.listens_for(Session, "do_orm_execute")
def _refuse_statements(state) -> None:
    if state.session.info.get("reads_only") and (state.is_insert or state.is_update or state.is_delete):
        raise _refused_write()


def read_values(session, statement, parameters: dict):  # session: the scoped session (db.session)
    """Run a statement of plain columns on the session's connection, past the ORM's per-statement setup: that
    setup cost about 60 µs per statement on PostgreSQL, a fifth of such a query, and these statements load no
    objects. Same connection and transaction as the session's; what the session holds unwritten is flushed
    first, as the ORM would."""
    current = session()
    if current.new or current.dirty or current.deleted:
        current.flush()
    return current.connection().execute(statement, parameters)
