"""Applying for the academy, and the agency's endorsement; every step is audited."""
from datetime import date, time
from functools import cache
from typing import NamedTuple

from flask import current_app
from sqlalchemy import bindparam, select, union_all
from sqlalchemy.orm import aliased, joinedload

from lms.accounts.roles import Role
from lms.applications.eligibility import Posting, Verdict, may_apply
from lms.applications.models import OPEN_STATUSES, STATUS_LABELS, Application
from lms.attendance.ledger import LedgerLine, course_ledger
from lms.audit import services as audit
from lms.curriculum import versions
from lms.database import read_values, utcnow
from lms.extensions import db
from lms.people.models import Person
from lms.rules import RuleRefused

MOTIVATION_MIN, MOTIVATION_MAX = 40, 4000
SUPERVISOR_RANKS = frozenset({"sergeant", "lieutenant", "captain", "chief"})


class ApplicationError(RuleRefused):
    """An application step the rules refuse."""


def verdict_for(account, today: date) -> Verdict:
    postings = [Posting(job.rank, job.started_on, job.ended_on, job.patrol_experience_since)
                for job in account.person.employments]
    return may_apply(account.role, postings, today, current_app.config["ACADEMY_MIN_PATROL_YEARS"])


# Built once, values bound per call (the application page and every new application read it).
OPEN_APPLICATION = select(Application).options(joinedload(Application.academy)).where(
    Application.person_id == bindparam("person_id"), Application.status.in_(OPEN_STATUSES))


def open_application(person_id: int) -> Application | None:
    """The person's open application, with its academy (and the academy's course version) if it has one."""
    return db.session.execute(OPEN_APPLICATION, {"person_id": person_id}).scalar_one_or_none()


def applications_of(person_id: int) -> list[Application]:
    return list(db.session.execute(select(Application).options(joinedload(Application.agency))
                                   .where(Application.person_id == person_id)
                                   .order_by(Application.submitted_at.desc())).scalars())


def apply(account, motivation: str, today: date) -> Application:
    """Volunteer for the academy: experienced officers only, one open application at a time."""
    verdict = verdict_for(account, today)
    if not verdict.eligible:
        raise ApplicationError(verdict.reason)
    if open_application(account.person_id) is not None:
        raise ApplicationError("You already have an open application. You can follow it on this page.")
    motivation = motivation.strip()
    if len(motivation) < MOTIVATION_MIN:
        raise ApplicationError(f"Tell us in a few sentences why you volunteer (at least {MOTIVATION_MIN} characters).",
                               "motivation")
    if len(motivation) > MOTIVATION_MAX:
        raise ApplicationError(f"Keep it under {MOTIVATION_MAX} characters.", "motivation")
    application = Application(person_id=account.person_id, agency_id=account.person.current_employment.agency_id,
                              course_slug=current_app.config["ACADEMY_COURSE"],
                              motivation=motivation, status="submitted")
    db.session.add(application)
    db.session.flush()
    audit.record("application.submitted", object_type="application", object_id=application.id,
                 details={"agency_id": application.agency_id})
    return application


def agency_queue(agency_id: int | None) -> list[Application]:
    """Applications from an agency, the ones waiting for endorsement first."""
    return list(db.session.execute(
        select(Application).options(joinedload(Application.person))
        .where(Application.agency_id == agency_id)
        .order_by((Application.status != "submitted"), Application.submitted_at.desc())
    ).scalars())


def endorsing_agency(account) -> int | None:
    """The agency whose volunteers this account may endorse: a training officer's agency, or the agency where
    an officer currently serves as a supervisor (sergeant or above); None for everyone else."""
    if account.role_enum is Role.TRAINING_OFFICER:
        return account.agency_id
    if account.role_enum is Role.OFFICER and account.person is not None:
        posting = account.open_posting
        if posting is not None and posting.rank in SUPERVISOR_RANKS:
            return posting.agency_id
    return None


def endorse(application: Application, actor, *, endorse: bool, comment: str) -> None:
    """The agency training officer or a supervisor endorses or declines a volunteer of their own agency, with a
    comment; nobody endorses their own application."""
    if endorsing_agency(actor) != application.agency_id:
        raise ApplicationError("You can only endorse applications from your own agency.")
    if application.person_id == actor.person_id:
        raise ApplicationError("Nobody endorses their own application: another supervisor or the training officer "
                               "decides.")
    if application.status != "submitted":
        raise ApplicationError("This application is not waiting for an endorsement.")
    comment = comment.strip()
    if not endorse and not comment:
        raise ApplicationError("Say why you do not endorse this application: the officer will see it.", "comment")
    application.status = "endorsed" if endorse else "not_endorsed"
    application.endorsed_by_id, application.endorsed_at = actor.id, utcnow()
    application.endorsement_comment = comment or None
    audit.record("application.endorsed" if endorse else "application.not_endorsed", object_type="application",
                 object_id=application.id, details={"comment": comment[:200]})


def withdraw(application: Application, person: Person) -> None:
    """Withdraw an open application; an accepted volunteer's seat goes to the first on the waiting list."""
    if application.person_id != person.id or not application.is_open:
        raise ApplicationError("This application cannot be withdrawn.")
    was_accepted = application.status == "accepted"
    application.status = "withdrawn"
    if was_accepted:
        from lms.academies.services import release_seat

        release_seat(application)
    audit.record("application.withdrawn", object_type="application", object_id=application.id)


def academy_hours(application: Application | None):
    """The hours ledger of an accepted volunteer's academy, or None."""
    if application is None or application.status != "accepted" or application.class_id is None:
        return None
    from lms.attendance.services import ledger_for

    return ledger_for(application.person_id, application.academy)


class Upcoming(NamedTuple):
    """An accepted volunteer's next session: when and where."""

    day: date
    starts_at: time
    ends_at: time
    place: str


class Standing(NamedTuple):
    """An open application as the officer's dashboard shows it, read as plain values."""

    status: str
    next_session: Upcoming | None
    hours: list[LedgerLine] | None  # once accepted: the ledger against the course as the academy's version has it

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def standing_of(person_id: int, today: date) -> Standing | None:
    """The person's open application and, once they are accepted into an academy, its course, their next
    session from today on (in their academy or booked to make up hours) and their hours ledger. One query of
    plain values, the application on every row of the person's marks in the course: the officer's dashboard
    runs it on every visit, and loading the application, academy and course version as objects cost
    SQLAlchemy more than the query itself."""
    rows = read_values(db.session, _standing(), {"person_id": person_id, "today": today}).all()
    if not rows:
        return None
    status, class_id, course_slug, content_hash, *upcoming = rows[0][:_STANDING_COLUMNS]
    if status != "accepted" or class_id is None:
        return Standing(status, None, None)
    course = versions.course_of_content(course_slug, content_hash)
    marks = [row[_STANDING_COLUMNS:] for row in rows if row[_STANDING_COLUMNS] is not None]
    return Standing(status, Upcoming(*upcoming) if upcoming[0] is not None else None, course_ledger(course, marks))


_STANDING_COLUMNS = 8


@cache
def _standing():
    """The open application's status, its academy's course version, and the next session's columns, found by a
    subquery of two indexed reads, the academy's sessions and the make-up bookings (an OR of the two made
    PostgreSQL scan every session of every academy); then the person's marks in every academy of the course
    (their own and those where they made up hours), one per row, while the application is accepted."""
    from lms.academies.models import AcademyClass, ClassSession
    from lms.attendance.models import AttendanceMark, MakeUp
    from lms.attendance.services import MARKS
    from lms.curriculum.models import CourseVersion

    upcoming = ClassSession.day >= bindparam("today")
    columns = ClassSession.id, ClassSession.day, ClassSession.starts_at
    either = union_all(
        select(*columns).where(ClassSession.class_id == Application.class_id, upcoming).correlate(Application),
        select(*columns).join(MakeUp, MakeUp.session_id == ClassSession.id)
        .where(MakeUp.person_id == Application.person_id, upcoming).correlate(Application)).subquery()
    next_id = select(either.c.id).order_by(either.c.day, either.c.starts_at).limit(1).scalar_subquery()
    following = aliased(ClassSession)
    marks = MARKS.where(AttendanceMark.person_id == bindparam("person_id")).subquery("marks")
    return (select(Application.status, Application.class_id, CourseVersion.course_slug, CourseVersion.content_hash,
                   following.day, following.starts_at, following.ends_at, following.place,
                   marks.c.module_slug, marks.c.starts_at, marks.c.ends_at, marks.c.mark_status, marks.c.minutes_late)
            .outerjoin(AcademyClass, AcademyClass.id == Application.class_id)
            .outerjoin(CourseVersion, CourseVersion.id == AcademyClass.course_version_id)
            .outerjoin(following, following.id == next_id)
            .outerjoin(marks, (marks.c.course_slug == AcademyClass.course_slug) & (Application.status == "accepted"))
            .where(Application.person_id == bindparam("person_id"), Application.status.in_(OPEN_STATUSES)))
