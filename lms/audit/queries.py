"""Filtered reads of the audit trail for the review page and the CSV export."""
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select

from lms.audit.models import AuditEvent
from lms.extensions import db

EXPORT_COLUMNS = ("seq", "occurred_at", "actor_label", "action", "object_type", "object_id", "outcome",
                  "client_address", "endpoint", "details")


@dataclass(frozen=True)
class AuditFilters:
    """What the reviewer asked for; blank or None means any."""

    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    outcome: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def as_args(self) -> dict[str, str]:
        """The filters in use, as text: for links to other pages and for the audit record."""
        return {name: str(value) for name, value in asdict(self).items() if value not in ("", None)}


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: Select, filters: AuditFilters) -> Select:
    if filters.actor:
        query = query.where(AuditEvent.actor_label.ilike(_like(filters.actor), escape="\\"))
    for name in ("action", "object_type", "object_id", "outcome"):
        value = getattr(filters, name)
        if value:
            query = query.where(getattr(AuditEvent, name) == value)
    if filters.date_from:
        query = query.where(AuditEvent.occurred_at >= _start_of(filters.date_from))
    if filters.date_to:  # the whole of the last day, in UTC
        query = query.where(AuditEvent.occurred_at < _start_of(filters.date_to + timedelta(days=1)))
    return query


def events(filters: AuditFilters) -> Select:
    """Matching events, newest first."""
    return _filtered(select(AuditEvent), filters).order_by(AuditEvent.seq.desc())


def export_rows(filters: AuditFilters, batch: int = 1000):
    """Matching events in chain order as plain rows, fetched in batches so the trail never sits in memory."""
    columns = [getattr(AuditEvent, name) for name in EXPORT_COLUMNS]
    query = _filtered(select(*columns), filters).order_by(AuditEvent.seq)
    yield from db.session.execute(query.execution_options(yield_per=batch))


def distinct_values(column_name: str) -> list[str]:
    """Every value one column holds, sorted, for a filter's select."""
    column = getattr(AuditEvent, column_name)
    return list(db.session.execute(select(column).distinct().order_by(column)).scalars())
