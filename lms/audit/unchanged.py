"""Figures kept by each process until the next audited change. Every change the product makes is audited in
the same transaction, and each audited change moves the chain's head: while the head has not moved, what was
computed from the database still holds, on every application server alike. Reading the head is one primary-key
read, where the figures it stands for take several aggregate queries."""
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

from flask import current_app
from sqlalchemy import select

from lms.audit.models import AuditChainHead
from lms.extensions import db

T = TypeVar("T")
KEPT = 1024  # keys per process and store
HEAD = select(AuditChainHead.seq).where(AuditChainHead.id == 1)
_lock = Lock()


def head() -> int:
    """How many events the chain holds (0 before the first)."""
    return db.session.execute(HEAD).scalar() or 0


def kept_until_change(name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or what it gave for `key` if nothing has been audited since. Plain values only, never rows.
    Anything in `compute` that depends on the date or the settings must be in `key`. With
    KEEP_UNTIL_AUDITED_CHANGE off, compute() every time."""
    if not current_app.config["KEEP_UNTIL_AUDITED_CHANGE"]:
        return compute()
    seen = head()
    store: OrderedDict = current_app.extensions.setdefault(f"kept_until_change:{name}", OrderedDict())
    with _lock:
        found = store.get(key)
        if found is not None and found[0] == seen:
            store.move_to_end(key)
            return found[1]
    value = compute()
    with _lock:
        store[key] = (seen, value)
        store.move_to_end(key)
        while len(store) > KEPT:
            store.popitem(last=False)
    return value
