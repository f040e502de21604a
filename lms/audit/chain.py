"""Pure hash-chain arithmetic for audit rows: no Flask, no database."""
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

CHAINED_FIELDS = (
    "seq", "occurred_at", "actor_id", "actor_label", "action", "object_type",
    "object_id", "outcome", "client_address", "endpoint", "details",
)


def row_hash(prev_hash: str, fields: dict) -> str:
    """Hash a row's fields together with the previous row's hash."""
    canonical = {name: _canonical(fields[name]) for name in CHAINED_FIELDS}
    payload = prev_hash + json.dumps(canonical, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _canonical(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain stops holding, and why."""

    seq: int
    reason: str


def find_breaks(rows: Iterable[dict], genesis: str, head_seq: int, head_hash: str) -> list[ChainBreak]:
    """Check rows (ordered by seq) link up and match the recorded head; list every break."""
    breaks: list[ChainBreak] = []
    expected_prev, expected_seq = genesis, 1
    for row in rows:
        if row["seq"] != expected_seq:
            breaks.append(ChainBreak(row["seq"], f"expected row {expected_seq}: rows are missing"))
            expected_seq = row["seq"]
        if row["prev_hash"] != expected_prev:
            breaks.append(ChainBreak(row["seq"], "does not link to the previous row"))
        if row_hash(row["prev_hash"], row) != row["row_hash"]:
            breaks.append(ChainBreak(row["seq"], "contents were altered after it was written"))
        expected_prev, expected_seq = row["row_hash"], expected_seq + 1
    if expected_seq - 1 != head_seq or expected_prev != head_hash:
        breaks.append(ChainBreak(expected_seq - 1, "the newest rows were removed or the head was altered"))
    return breaks
