"""Volunteer applications to the 40-hour academy, with each step's decision and reason kept."""
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.agencies.models import Agency
from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person

if TYPE_CHECKING:
    from lms.academies.models import AcademyClass

STATUSES = ("submitted", "endorsed", "not_endorsed", "waitlisted", "accepted", "declined", "withdrawn")
OPEN_STATUSES = ("submitted", "endorsed", "waitlisted", "accepted")
STATUS_LABELS = {
    "submitted": "Waiting for your agency's endorsement",
    "endorsed": "Endorsed by your agency; waiting for the regional coordinator",
    "not_endorsed": "Not endorsed by your agency",
    "waitlisted": "On the waiting list for an academy",
    "accepted": "Accepted into an academy",
    "declined": "Declined by the regional coordinator",
    "withdrawn": "Withdrawn",
}
_open_sql = text("status IN ('submitted', 'endorsed', 'waitlisted', 'accepted')")


class Application(db.Model):
    """A volunteer's application: why they volunteer, their agency's endorsement, the coordinator's decision."""

    __tablename__ = "applications"
    __table_args__ = (
        CheckConstraint("status IN ('submitted', 'endorsed', 'not_endorsed', 'waitlisted', 'accepted', "
                        "'declined', 'withdrawn')", name="status"),
        Index("uq_applications_open_per_person", "person_id", unique=True,
              sqlite_where=_open_sql, postgresql_where=_open_sql),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    course_slug: Mapped[str] = mapped_column(String(64))
    motivation: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    endorsed_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    endorsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    endorsement_comment: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_comment: Mapped[str | None] = mapped_column(Text)
    class_id: Mapped[int | None] = mapped_column(ForeignKey("academy_classes.id"), index=True)
    waitlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person: Mapped[Person] = relationship()
    agency: Mapped[Agency] = relationship()
    academy: Mapped["AcademyClass | None"] = relationship("AcademyClass", viewonly=True)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
