"""Figures kept by each process until the next audited change. Every change the product makes is audited in
the same transaction, and each audited change moves the chain's head: while the head has not moved, what was
computed from the database still holds, on every application server alike. Reading the head is one primary-key
read, where the figures it stands for take several aggregate queries."""
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app
from sqlalchemy import select

from lms.audit.models import AuditChainHead
from lms.extensions import db
from lms.recently_used import RecentlyUsed

T = TypeVar("T")
KEPT = 1024  # keys per process and store
HEAD = select(AuditChainHead.seq).where(AuditChainHead.id == 1)


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
    store = RecentlyUsed(f"kept_until_change:{name}", KEPT)
    found = store.get(key)
    if found is not None and found[0] == seen:
        return found[1]
    value = compute()
    store.put(key, (seen, value))
    return value
