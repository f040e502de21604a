"""Content read from disk once per process and application, then kept in memory."""
from collections.abc import Callable
from threading import RLock

from flask import current_app

_lock = RLock()  # re-entrant: loading one kind of content may load another


def loaded_once(name: str, load: Callable[[], object]):
    """The value stored under `name` for this application, loading it (once, even across threads) if needed."""
    state = current_app.extensions.get(name)
    if state is None:
        with _lock:
            state = current_app.extensions.get(name)
            if state is None:
                state = current_app.extensions[name] = load()
    return state


def kept(name: str, key: object, make: Callable[[], object]):
    """make() the first time this application asks for `key` in the store `name`, the same value after that:
    for what never changes while the application runs (fixed addresses, rendered rubric anchors)."""
    store: dict = current_app.extensions.setdefault(name, {})
    found = store.get(key)
    if found is None:
        found = store[key] = make()
    return found
