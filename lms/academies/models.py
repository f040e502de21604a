"""Academies: scheduled classes of the 40-hour course in a region, their staff and their sessions."""
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Time, UniqueConstraint, exists, or_
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.accounts.models import Account
from lms.agencies.models import Region
from lms.columns import UTCDateTime
from lms.curriculum.models import CourseVersion
from lms.database import utcnow
from lms.extensions import db


class AcademyClass(db.Model):
    """One academy: a class of the 40-hour course, with a capacity and a seat count kept in the database."""

    __tablename__ = "academy_classes"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="dates_in_order"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("seats_taken >= 0 AND seats_taken <= capacity", name="seats_within_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_slug: Mapped[str] = mapped_column(String(64))
    course_version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    location: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer)
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    lead_instructor_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship()
    course_version: Mapped[CourseVersion] = relationship(lazy="joined")  # its course is read with it (lms.curriculum.versions)
    lead_instructor: Mapped[Account] = relationship()
    sessions: Mapped[list["ClassSession"]] = relationship(
        back_populates="academy", order_by="(ClassSession.day, ClassSession.starts_at)")
    staff: Mapped[list["ClassStaff"]] = relationship(back_populates="academy")

    @property
    def seats_left(self) -> int:
        return self.capacity - self.seats_taken

    @hybrid_method
    def taught_by(self, account_id: int) -> bool:
        """The lead instructor and the academy's teaching staff teach in it (take attendance, see its days)."""
        return self.lead_instructor_id == account_id or any(member.account_id == account_id for member in self.staff)

    @taught_by.expression
    def taught_by(cls, account_id):
        return or_(cls.lead_instructor_id == account_id,
                   exists().where(ClassStaff.class_id == cls.id, ClassStaff.account_id == account_id))


class ClassSession(db.Model):
    """A scheduled session: which module, which day, from when to when, and where."""

    __tablename__ = "class_sessions"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="times_in_order"),
        UniqueConstraint("class_id", "day", "starts_at", name="uq_class_sessions_slot"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("academy_classes.id"), index=True)
    module_slug: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200))

    academy: Mapped[AcademyClass] = relationship(back_populates="sessions")

    @property
    def hours(self) -> float:
        return span_hours(self.starts_at, self.ends_at)


class ClassStaff(db.Model):
    """An instructor or mental health professional who teaches in an academy besides its lead."""

    __tablename__ = "class_staff"
    __table_args__ = (UniqueConstraint("class_id", "account_id", name="uq_class_staff_member"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("academy_classes.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))

    academy: Mapped[AcademyClass] = relationship(back_populates="staff")
    account: Mapped[Account] = relationship()


def span_hours(starts_at: time, ends_at: time) -> float:
    """Hours from one time of day to a later one."""
    return ((ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)) / 60
