"""Bulk inserts for synthetic data: thousands of rows per statement, ids back in the order given."""
from sqlalchemy import insert, text

from lms.extensions import db

BATCH = 5_000


def in_batches(model, rows: list[dict], returning=None) -> list:
    ids = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start:start + BATCH]
        if returning is None:
            db.session.execute(insert(model), chunk)
        else:
            ids += db.session.execute(insert(model).returning(returning, sort_by_parameter_order=True), chunk).scalars()
    return ids


def refresh_statistics() -> None:
    """ANALYZE after a bulk load, so the query planner knows the new sizes (PostgreSQL's autovacuum would do it
    in time; without it, it plans for empty tables). Run it after the commit."""
    db.session.execute(text("ANALYZE"))
    db.session.commit()
