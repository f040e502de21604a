"""Write audit events into the hash chain, and verify the chain."""
import json
import re
from collections.abc import Iterator

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import select, update

from lms.audit.chain import ChainBreak, find_breaks, row_hash
from lms.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from lms.database import utcnow, writing
from lms.extensions import db

SECRET_KEYS = re.compile(r"password|secret|token|totp|otp|recovery|code_hash", re.IGNORECASE)
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def neutralise(text: str, limit: int = 254) -> str:
    """Escape control characters (newlines, ANSI escapes) so a value cannot forge a log line."""
    return CONTROL_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", str(text))[:limit]


def record(
    action: str,
    *,
    object_type: str,
    object_id: object,
    outcome: str = "success",
    actor=None,
    actor_label: str | None = None,
    details: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain in the current transaction (the caller commits)."""
    details = details or {}
    leaked = [key for key in details if SECRET_KEYS.search(key)]
    if leaked:
        raise ValueError(f"audit details may not carry secrets: {leaked}")
    writing(db.session)  # a refused request to a read-only page is audited too
    if actor is None and has_request_context() and current_user and current_user.is_authenticated:
        actor = current_user
    if actor_label is None:
        actor_label = actor.email if actor is not None else ("anonymous" if has_request_context() else "system")
    fields = {
        "occurred_at": utcnow(),
        "actor_id": actor.id if actor is not None else None,
        "actor_label": neutralise(actor_label),
        "action": action,
        "object_type": object_type,
        "object_id": neutralise(str(object_id), 64),
        "outcome": outcome,
        "client_address": _client_address(),
        "endpoint": _endpoint(),
        "details": json.dumps(
            {key: neutralise(value, 500) if isinstance(value, str) else value for key, value in details.items()},
            sort_keys=True,
        ),
    }
    head = AuditChainHead.__table__
    # The UPDATE takes the chain's write lock on both databases before the previous hash is read.
    seq, prev_hash = db.session.execute(
        update(head).where(head.c.id == 1).values(seq=head.c.seq + 1).returning(head.c.seq, head.c.last_hash)
    ).one()
    fields["seq"] = seq
    event = AuditEvent(**fields, prev_hash=prev_hash, row_hash=row_hash(prev_hash, fields))
    db.session.add(event)
    db.session.execute(update(head).where(head.c.id == 1).values(last_hash=event.row_hash))
    db.session.flush()
    return event


def _client_address() -> str:
    if has_request_context():
        return neutralise(request.remote_addr or "unknown", 64)
    return "cli"


def _endpoint() -> str:
    if has_request_context():
        return f"{request.method} {request.endpoint or request.path}"[:128]
    return "cli"


def _rows_in_order() -> Iterator[dict]:
    columns = [getattr(AuditEvent, name) for name in (
        "seq", "occurred_at", "actor_id", "actor_label", "action", "object_type", "object_id",
        "outcome", "client_address", "endpoint", "details", "prev_hash", "row_hash",
    )]
    result = db.session.execute(select(*columns).order_by(AuditEvent.seq).execution_options(yield_per=2000))
    for row in result:
        yield row._asdict()


def verify_chain() -> list[ChainBreak]:
    """Recompute every hash; an empty list means no row was altered, removed or reordered."""
    head = db.session.get(AuditChainHead, 1)
    head_seq, head_hash = (head.seq, head.last_hash) if head else (0, GENESIS_HASH)
    return find_breaks(_rows_in_order(), GENESIS_HASH, head_seq, head_hash)
