"""Lockout rules as pure functions: count failures in a window, lock at the threshold."""
from dataclasses import dataclass, replace
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LockoutPolicy:
    threshold: int
    window: timedelta
    mode: str  # "admin" (until released) or "timed"
    duration: timedelta


@dataclass(frozen=True)
class FailureState:
    count: int
    first_failed_at: datetime | None
    locked_at: datetime | None


def is_locked(state: FailureState, now: datetime, policy: LockoutPolicy) -> bool:
    if state.locked_at is None:
        return False
    if policy.mode == "timed":
        return now < state.locked_at + policy.duration
    return True


def after_failure(state: FailureState, now: datetime, policy: LockoutPolicy) -> FailureState:
    """Count one more failure; failures older than the window start a new count."""
    if state.first_failed_at is None or now - state.first_failed_at > policy.window:
        state = replace(state, count=0, first_failed_at=now)
    state = replace(state, count=state.count + 1)
    if state.count >= policy.threshold and state.locked_at is None:
        state = replace(state, locked_at=now)
    return state


CLEARED = FailureState(count=0, first_failed_at=None, locked_at=None)
