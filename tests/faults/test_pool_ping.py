"""The pool pings a connection before use only when it has been idle past the window, and replaces one whose
ping fails without the caller noticing."""
import time

import pytest
import sqlalchemy as sa

from lms.pool_ping import ping_after_idle


@pytest.fixture
def engine(tmp_path):
    made = sa.create_engine(f"sqlite:///{tmp_path / 'pool.db'}", pool_size=1, max_overflow=0)
    yield made
    made.dispose()


@pytest.fixture
def pings(engine, monkeypatch):
    seen = []
    real = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda connection: seen.append(connection) or real(connection))
    return seen


def _use(engine) -> object:
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT 1")).scalar() == 1
        return connection.connection.dbapi_connection


def test_a_connection_used_a_moment_ago_is_not_pinged(engine, pings):
    ping_after_idle(engine, window=60)
    first = _use(engine)
    assert _use(engine) is first and _use(engine) is first
    assert pings == []


def test_a_connection_idle_past_the_window_is_pinged_before_use(engine, pings):
    ping_after_idle(engine, window=0.05)
    first = _use(engine)
    time.sleep(0.1)
    assert _use(engine) is first
    assert pings == [first]


def test_a_connection_that_fails_its_ping_is_replaced_before_the_caller_sees_it(engine, monkeypatch):
    ping_after_idle(engine, window=0)
    first = _use(engine)

    def dead(connection):
        if connection is first:
            raise sa.exc.OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    monkeypatch.setattr(engine.dialect, "do_ping", dead)
    replaced = _use(engine)  # no error reaches the caller
    assert replaced is not first
