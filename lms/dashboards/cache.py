"""A small time-to-live cache per application process, for figures that are costly to aggregate and change
slowly (monthly and quarterly counts). It holds plain values only, never database rows."""
import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app

T = TypeVar("T")
_lock = threading.Lock()


def cached(key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or what it gave for `key` less than DASHBOARD_CACHE_SECONDS ago (0: always compute)."""
    seconds = current_app.config["DASHBOARD_CACHE_SECONDS"]
    if seconds <= 0:
        return compute()
    store: dict = current_app.extensions.setdefault("dashboard_cache", {})
    now = time.monotonic()
    with _lock:
        found = store.get(key)
    if found is not None and now - found[0] < seconds:
        return found[1]
    value = compute()  # outside the lock: two workers' threads may both compute once, never wait on each other
    with _lock:
        store[key] = (now, value)
    return value
