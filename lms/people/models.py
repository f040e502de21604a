"""People as the state knows them, and their employment history with agencies."""
from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.agencies.models import Agency, District, Shift
from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db

RANKS = ("recruit", "officer", "corporal", "sergeant", "lieutenant", "captain", "chief")
RANK_LABELS = {rank: rank.capitalize() for rank in RANKS}


class Person(db.Model):
    """A recruit, officer or staff member; certificates belong to the person, never to an agency."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(160))
    officer_id: Mapped[str] = mapped_column(String(32), unique=True)
    officer_id_provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    employments: Mapped[list["Employment"]] = relationship(
        back_populates="person", order_by="Employment.started_on.desc(), Employment.id.desc()"
    )

    @property
    def current_employment(self) -> "Employment | None":
        return next((job for job in self.employments if job.ended_on is None), None)


class Employment(db.Model):
    """One posting of a person with an agency; a hire, reassignment or transfer adds a row, none is erased."""

    __tablename__ = "employments"
    __table_args__ = (
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="dates_in_order"),
        # At most one open posting per person.
        Index(
            "uq_employments_open_per_person",
            "person_id",
            unique=True,
            sqlite_where=text("ended_on IS NULL"),
            postgresql_where=text("ended_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    rank: Mapped[str] = mapped_column(String(24))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(24))
    district_id: Mapped[int | None] = mapped_column(ForeignKey("districts.id"))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"))
    patrol_experience_since: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    person: Mapped[Person] = relationship(back_populates="employments")
    agency: Mapped[Agency] = relationship()
    district: Mapped[District | None] = relationship()
    shift: Mapped[Shift | None] = relationship()
