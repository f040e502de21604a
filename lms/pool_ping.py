"""Ping a pooled database connection before use only when it has sat idle for a while.

SQLAlchemy's `pool_pre_ping` pings on every checkout: one more round trip to PostgreSQL for every request.
Like HikariCP's alive-bypass window, a connection checked back in less than `window` seconds ago has just
worked and is handed out as it is; an older one is pinged first and, when the ping fails (the database
restarted, a proxy dropped it), replaced by a fresh connection before the request sees it. A connection that
dies inside the window fails its request cleanly (503) and the pool drops every connection of that age.
"""
import time

from flask import Flask
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

IDLE_SINCE = "lms_idle_since"


def ping_after_idle(engine: Engine, window: float) -> None:
    """Install the idle check on an engine's pool (window in seconds; 0 pings at every checkout)."""

    @event.listens_for(engine.pool, "checkin")
    def _checked_in(dbapi_connection, record) -> None:
        if record is not None:
            record.info[IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _checked_out(dbapi_connection, record, proxy) -> None:
        idle_since = record.info.pop(IDLE_SINCE, None)
        if idle_since is None or time.monotonic() - idle_since < window:
            return  # a new connection, or one that answered a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # noqa: BLE001 - whatever the driver raises, this connection is done
            try:
                dbapi_connection.close()  # closed here, whatever state the driver left it in
            except Exception:  # noqa: BLE001 - already broken: nothing more to release
                pass
            raise exc.DisconnectionError("the pooled connection did not answer a ping") from error


def init_app(app: Flask) -> None:
    window = app.config.get("DATABASE_PING_AFTER_IDLE_SECONDS")
    if window is None:
        return
    from lms.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            ping_after_idle(engine, float(window))
