"""A session stands only with the account's session version, within idle and absolute limits."""
from types import SimpleNamespace

from lms.accounts.sessions import session_is_current

ACCOUNT = SimpleNamespace(session_version=3, is_active=True)
IDLE, ABSOLUTE = 30 * 60, 12 * 3600


def data(login_at=0.0, seen_at=0.0, sv=3):
    return {"login_at": login_at, "seen_at": seen_at, "sv": sv}


def test_a_fresh_session_stands():
    assert session_is_current(ACCOUNT, data(), 60, IDLE, ABSOLUTE)


def test_thirty_one_idle_minutes_end_it():
    assert not session_is_current(ACCOUNT, data(), 31 * 60, IDLE, ABSOLUTE)


def test_twelve_hours_end_it_even_when_active():
    assert not session_is_current(ACCOUNT, data(seen_at=12 * 3600), 12 * 3600 + 1, IDLE, ABSOLUTE)


def test_a_bumped_session_version_ends_it():
    assert not session_is_current(ACCOUNT, data(sv=2), 60, IDLE, ABSOLUTE)


def test_a_disabled_account_ends_it():
    assert not session_is_current(SimpleNamespace(session_version=3, is_active=False), data(), 60, IDLE, ABSOLUTE)


def test_missing_or_garbled_timestamps_end_it():
    assert not session_is_current(ACCOUNT, {"sv": 3}, 60, IDLE, ABSOLUTE)
    assert not session_is_current(ACCOUNT, data(login_at="x"), 60, IDLE, ABSOLUTE)
