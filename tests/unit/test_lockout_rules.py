"""Lockout arithmetic: five failures in fifteen minutes lock until released (or a timed unlock)."""
from datetime import UTC, datetime, timedelta

from lms.accounts.lockout import CLEARED, LockoutPolicy, after_failure, is_locked

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
ADMIN = LockoutPolicy(threshold=5, window=timedelta(minutes=15), mode="admin", duration=timedelta(minutes=30))
TIMED = LockoutPolicy(threshold=5, window=timedelta(minutes=15), mode="timed", duration=timedelta(minutes=30))


def fail(times: int, policy=ADMIN, start=T0, step=timedelta(minutes=1)):
    state = CLEARED
    for n in range(times):
        state = after_failure(state, start + n * step, policy)
    return state


def test_four_failures_do_not_lock_and_the_fifth_does():
    assert not is_locked(fail(4), T0 + timedelta(minutes=5), ADMIN)
    assert is_locked(fail(5), T0 + timedelta(minutes=5), ADMIN)


def test_an_admin_lock_never_expires_by_itself():
    assert is_locked(fail(5), T0 + timedelta(days=30), ADMIN)


def test_a_timed_lock_expires_after_its_duration():
    state = fail(5, TIMED)
    assert is_locked(state, state.locked_at + timedelta(minutes=29), TIMED)
    assert not is_locked(state, state.locked_at + timedelta(minutes=31), TIMED)


def test_failures_spread_beyond_the_window_start_a_new_count():
    state = fail(5, step=timedelta(minutes=4))  # 0, 4, 8, 12, 16: the fifth is outside 15 minutes
    assert not is_locked(state, T0 + timedelta(minutes=17), ADMIN)
    assert state.count == 1
