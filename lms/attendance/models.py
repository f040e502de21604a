"""Attendance per session and person, and locked attendance sheets."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.academies.models import ClassSession

from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db


class AttendanceMark(db.Model):
    """Whether a person attended a session (late by how many minutes); changed with optimistic locking."""

    __tablename__ = "attendance_marks"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id", name="uq_attendance_marks_session_person"),
        CheckConstraint("status IN ('present', 'late', 'absent')", name="status"),
        CheckConstraint("minutes_late >= 0", name="minutes_late"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_sessions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    status: Mapped[str] = mapped_column(String(8))
    minutes_late: Mapped[int] = mapped_column(Integer, default=0)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class SheetLock(db.Model):
    """A session's attendance sheet locked by the lead instructor; later changes need a reason."""

    __tablename__ = "attendance_sheet_locks"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_sessions.id"), unique=True)
    locked_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    locked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)


class MakeUp(db.Model):
    """A seat for a volunteer in a session of another academy, to make up a module's missed hours."""

    __tablename__ = "make_ups"
    __table_args__ = (UniqueConstraint("session_id", "person_id", name="uq_make_ups_session_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_sessions.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    home_class_id: Mapped[int] = mapped_column(ForeignKey("academy_classes.id"))
    booked_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    booked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[ClassSession] = relationship()
