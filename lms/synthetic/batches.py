"""Bulk inserts for synthetic data: thousands of rows per statement, ids back in the order given."""
from sqlalchemy import insert

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
