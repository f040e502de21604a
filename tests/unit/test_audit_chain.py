"""The audit hash chain: any change, removal or reordering of rows is found."""
from datetime import UTC, datetime

from lms.audit.chain import find_breaks, row_hash

GENESIS = "0" * 64


def make_rows(n: int) -> list[dict]:
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = {"seq": seq, "occurred_at": datetime(2026, 1, 1, 12, 0, seq, 120000, tzinfo=UTC), "actor_id": 1,
                  "actor_label": "a@example.test", "action": "login.succeeded", "object_type": "account",
                  "object_id": "1", "outcome": "success", "client_address": "127.0.0.1",
                  "endpoint": "POST accounts.login", "details": "{}"}
        fields["prev_hash"], fields["row_hash"] = prev, row_hash(prev, fields)
        prev = fields["row_hash"]
        rows.append(fields)
    return rows


def test_an_untouched_chain_has_no_breaks():
    rows = make_rows(5)
    assert find_breaks(rows, GENESIS, 5, rows[-1]["row_hash"]) == []


def test_an_altered_field_is_found():
    rows = make_rows(5)
    rows[2]["outcome"] = "failure"
    breaks = find_breaks(rows, GENESIS, 5, rows[-1]["row_hash"])
    assert [b.seq for b in breaks] == [3]
    assert "altered" in breaks[0].reason


def test_a_removed_row_is_found():
    rows = make_rows(5)
    del rows[1]
    assert find_breaks(rows, GENESIS, 5, rows[-1]["row_hash"])


def test_removing_the_newest_rows_is_found_through_the_head():
    rows = make_rows(5)
    assert find_breaks(rows[:3], GENESIS, 5, rows[-1]["row_hash"])
