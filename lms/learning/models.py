"""Enrolments (pinned to the course version they started on) and the lessons each learner has read."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.columns import UTCDateTime
from lms.curriculum.models import CourseVersion
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person

ENROLMENT_STATUSES = ("active", "completed", "withdrawn")


class Enrolment(db.Model):
    """A person taking one course, on the version that was current when they enrolled."""

    __tablename__ = "enrolments"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'completed', 'withdrawn')", name="status"),
        # One active enrolment per person and course.
        Index("uq_enrolments_active_per_course", "person_id", "course_slug", unique=True,
              sqlite_where=text("status = 'active'"), postgresql_where=text("status = 'active'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    course_slug: Mapped[str] = mapped_column(String(64))
    course_version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_on: Mapped[date | None] = mapped_column(Date)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person: Mapped[Person] = relationship()
    course_version: Mapped[CourseVersion] = relationship(lazy="joined")  # its course is read with it (lms.curriculum.versions)
    lessons_read: Mapped[list["LessonRead"]] = relationship(back_populates="enrolment")


class LessonRead(db.Model):
    """A lesson a learner marked as read (once)."""

    __tablename__ = "lessons_read"
    __table_args__ = (UniqueConstraint("enrolment_id", "module_slug", "lesson_slug", name="uq_lessons_read_lesson"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolments.id"), index=True)
    module_slug: Mapped[str] = mapped_column(String(64))
    lesson_slug: Mapped[str] = mapped_column(String(64))
    read_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    enrolment: Mapped[Enrolment] = relationship(back_populates="lessons_read")
