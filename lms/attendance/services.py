"""Taking attendance for a session, locking the sheet, and each person's hours ledger."""
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import NamedTuple

from sqlalchemy import bindparam, literal_column, select, true, union_all
from sqlalchemy.orm import joinedload

from lms.academies.models import AcademyClass, ClassSession
from lms.academies.services import course_of
from lms.applications.models import Application
from lms.attendance.ledger import LedgerLine, course_ledger
from lms.attendance.models import AttendanceMark, MakeUp, SheetLock
from lms.audit import services as audit
from lms.curriculum import versions
from lms.curriculum.content import Course
from lms.curriculum.models import CourseVersion
from lms.database import read_values, utcnow
from lms.extensions import db
from lms.people.models import Person
from lms.rules import RuleRefused

STATUSES = ("present", "late", "absent")


class AttendanceError(RuleRefused):
    """An attendance change the rules refuse."""


def sessions_taught_by(account) -> list[ClassSession]:
    """Sessions of academies the account leads or teaches in."""
    return list(db.session.execute(
        select(ClassSession).join(AcademyClass).options(joinedload(ClassSession.academy))
        .where(AcademyClass.taught_by(account.id))
        .order_by(ClassSession.day, ClassSession.starts_at)
    ).scalars())


def teaches(session: ClassSession, account) -> bool:
    """The lead instructor and the academy's teaching staff take attendance."""
    return session.academy.taught_by(account.id)


# The class day page's statements, built once with their values bound per call: building a statement costs
# SQLAlchemy about as much Python as running it, and an instructor reloads this page after every mark.
SESSION_WITH_ACADEMY = (select(ClassSession, SheetLock).options(joinedload(ClassSession.academy))
                        .outerjoin(SheetLock, SheetLock.session_id == ClassSession.id)
                        .where(ClassSession.id == bindparam("session_id")))
ROSTER = (select(Person).join(Application, Application.person_id == Person.id)
          .where(Application.class_id == bindparam("academy_id"), Application.status == "accepted")
          .order_by(Person.legal_name))


@dataclass(frozen=True)
class SheetLine:
    """One person on a class day's sheet, with their mark for the day if there is one."""
    person_id: int
    name: str
    make_up: bool  # booked from another academy to make up hours
    status: str | None
    minutes_late: int | None
    version: int | None


class ClassDay(NamedTuple):
    """A class day as its page shows it, read as plain values in one query with its sheet: loading the session,
    its academy, the course version and the lock as objects cost SQLAlchemy more than the query itself, and
    reading the sheet apart cost a second round trip."""

    id: int
    class_id: int
    module_slug: str
    day: date
    starts_at: time
    ends_at: time
    place: str
    locked_at: datetime | None
    lead_instructor_id: int
    teaches: bool  # the account asked about teaches in the academy (AcademyClass.taught_by)
    course: Course  # as published in the version the academy teaches
    lines: tuple[SheetLine, ...]  # the roster, then those making up hours in the session, each with their mark


# The people on the sheet: the academy's accepted volunteers (the academy found from the session by an indexed
# read, once) and those booked into the session to make up hours: two indexed reads joined by UNION ALL.
_academy_of_session = select(ClassSession.class_id).where(ClassSession.id == bindparam("session_id")).scalar_subquery()
_on_sheet = union_all(
    select(Application.person_id.label("person_id"), literal_column("0").label("make_up"))
    .where(Application.class_id == _academy_of_session, Application.status == "accepted"),
    select(MakeUp.person_id, literal_column("1")).where(MakeUp.session_id == bindparam("session_id"))).subquery()
_sheet = (select(Person.id.label("person_id"), Person.legal_name, _on_sheet.c.make_up,
                 AttendanceMark.status.label("mark_status"), AttendanceMark.minutes_late, AttendanceMark.version)
          .join(_on_sheet, _on_sheet.c.person_id == Person.id)
          .outerjoin(AttendanceMark, (AttendanceMark.person_id == Person.id)
                     & (AttendanceMark.session_id == bindparam("session_id")))).subquery("sheet")
ON_SHEET = select(_on_sheet.c.person_id).where(_on_sheet.c.person_id == bindparam("person_id"))
# The day's columns on every line of its sheet (once, with empty sheet columns, when nobody is on it).
CLASS_DAY = (
    select(ClassSession.id, ClassSession.class_id, ClassSession.module_slug, ClassSession.day, ClassSession.starts_at,
           ClassSession.ends_at, ClassSession.place, SheetLock.locked_at, AcademyClass.lead_instructor_id,
           AcademyClass.taught_by(bindparam("account_id")),
           CourseVersion.course_slug, CourseVersion.content_hash,
           _sheet.c.person_id, _sheet.c.legal_name, _sheet.c.make_up, _sheet.c.mark_status, _sheet.c.minutes_late,
           _sheet.c.version)
    .join(AcademyClass, AcademyClass.id == ClassSession.class_id)
    .join(CourseVersion, CourseVersion.id == AcademyClass.course_version_id)
    .outerjoin(SheetLock, SheetLock.session_id == ClassSession.id)
    .outerjoin(_sheet, true())
    .where(ClassSession.id == bindparam("session_id"))
    .order_by(_sheet.c.make_up, _sheet.c.legal_name))
_DAY_COLUMNS = 12


def class_day(session_id: int, account_id: int) -> ClassDay | None:
    """The class day and its sheet, in one query."""
    rows = read_values(db.session, CLASS_DAY, {"session_id": session_id, "account_id": account_id}).all()
    if not rows:
        return None
    *values, course_slug, content_hash = rows[0][:_DAY_COLUMNS]
    lines = tuple(SheetLine(person_id, name, bool(make_up), status, late, version)
                  for person_id, name, make_up, status, late, version in (row[_DAY_COLUMNS:] for row in rows)
                  if person_id is not None)
    return ClassDay(*values, versions.course_of_content(course_slug, content_hash), lines)


def class_session(session_id: int) -> tuple[ClassSession, SheetLock | None] | None:
    """A session with its academy (and the academy's course version), and its sheet's lock if it is locked."""
    found = db.session.execute(SESSION_WITH_ACADEMY, {"session_id": session_id}).one_or_none()
    return None if found is None else (found[0], found[1])


def roster_people(academy_id: int) -> list[Person]:
    return list(db.session.execute(ROSTER, {"academy_id": academy_id}).scalars())


def on_sheet(session_id: int, person_id: int) -> bool:
    """Whether the person is on the session's sheet: on its academy's roster or booked to make up hours in it."""
    return read_values(db.session, ON_SHEET, {"session_id": session_id, "person_id": person_id}).first() is not None


def mark(session: ClassSession, person_id: int, *, status: str, minutes_late: int, actor, reason: str = "",
         expected_version: int | None = None) -> AttendanceMark:
    """Record one person's attendance without touching anyone else's; after locking, a reason is required."""
    if not teaches(session, actor):
        raise AttendanceError("Only the academy's instructors take attendance.")
    if status not in STATUSES:
        raise AttendanceError("Choose present, late or absent.", "status")
    if not on_sheet(session.id, person_id):
        raise AttendanceError("That person is not on this academy's roster or booked to make up hours here.")
    minutes_late = minutes_late if status == "late" else 0
    session_minutes = round(session.hours * 60)
    if status == "late" and not 1 <= minutes_late <= session_minutes:
        raise AttendanceError(f"Enter the minutes late, from 1 to {session_minutes}.", "minutes_late")
    locked = db.session.execute(select(SheetLock.id).where(SheetLock.session_id == session.id)).first()
    reason = reason.strip()
    if locked and not reason:
        raise AttendanceError("This sheet is locked: give a reason for the change.", "reason")
    existing = db.session.execute(select(AttendanceMark).where(
        AttendanceMark.session_id == session.id, AttendanceMark.person_id == person_id)).scalar_one_or_none()
    if existing is not None and expected_version is not None and existing.version != expected_version:
        raise AttendanceError("Someone changed this mark after you opened the page: reload and check it.")
    if existing is None:
        existing = AttendanceMark(session_id=session.id, person_id=person_id, recorded_by_id=actor.id)
        db.session.add(existing)
    existing.status, existing.minutes_late = status, minutes_late
    existing.recorded_by_id, existing.recorded_at = actor.id, utcnow()
    db.session.flush()
    audit.record("attendance.marked", object_type="session", object_id=session.id,
                 details={"person_id": person_id, "status": status, "minutes_late": minutes_late,
                          "after_lock": bool(locked), "reason": reason[:200]})
    return existing


def lock_sheet(session: ClassSession, actor) -> None:
    if session.academy.lead_instructor_id != actor.id:
        raise AttendanceError("Only the academy's lead instructor locks the attendance sheet.")
    if db.session.execute(select(SheetLock.id).where(SheetLock.session_id == session.id)).first():
        raise AttendanceError("This sheet is already locked.")
    db.session.add(SheetLock(session_id=session.id, locked_by_id=actor.id))
    db.session.flush()
    audit.record("attendance.locked", object_type="session", object_id=session.id)


# A person's marks with their session's module and times and the course of its academy, in every academy: the
# hours ledger counts each session of the course attended, in one's own academy or to make up hours elsewhere.
# Built once, values bound per call.
MARKS = (
    select(AttendanceMark.person_id, AcademyClass.course_slug, ClassSession.module_slug, ClassSession.starts_at,
           ClassSession.ends_at, AttendanceMark.status.label("mark_status"), AttendanceMark.minutes_late)
    .join(AttendanceMark, AttendanceMark.session_id == ClassSession.id)
    .join(AcademyClass, AcademyClass.id == ClassSession.class_id))
MARKS_IN_COURSE = MARKS.where(AcademyClass.course_slug == bindparam("course_slug"),
                              AttendanceMark.person_id.in_(bindparam("person_ids", expanding=True)))


def ledger_for(person_id: int, academy: AcademyClass) -> list[LedgerLine]:
    """A person's credited and owed hours per module of the academy's course version, counting every session
    of the course they attended: in their own academy and in any other where they made up hours."""
    return ledgers_for([person_id], academy)[person_id]


def ledgers_for(person_ids: list[int], academy: AcademyClass) -> dict[int, list[LedgerLine]]:
    """ledger_for for many people at once, in one query (a class's certificates and exports read all of them)."""
    return ledgers_in(person_ids, course_of(academy))


def ledgers_in(person_ids: list[int], course: Course) -> dict[int, list[LedgerLine]]:
    """The ledgers against a course as published (the version an academy teaches)."""
    marks: dict[int, list[tuple]] = {person_id: [] for person_id in person_ids}
    for person_id, _course, *mark in read_values(
            db.session, MARKS_IN_COURSE, {"course_slug": course.slug, "person_ids": list(person_ids)}):
        marks[person_id].append(mark)
    return {person_id: course_ledger(course, own) for person_id, own in marks.items()}
