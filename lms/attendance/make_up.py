"""Making up missed hours: a volunteer who owes a module's hours takes a seat in another academy's session of it."""
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from lms.academies.models import AcademyClass, ClassSession
from lms.academies.services import can_manage
from lms.applications.models import Application
from lms.attendance.models import AttendanceMark, MakeUp
from lms.attendance.services import AttendanceError, ledger_for
from lms.audit import services as audit
from lms.extensions import db


def home_academy(person_id: int) -> AcademyClass | None:
    """The academy the person is accepted into, if any."""
    return db.session.execute(
        select(AcademyClass).join(Application, Application.class_id == AcademyClass.id)
        .where(Application.person_id == person_id, Application.status == "accepted")).scalar_one_or_none()


def booked(person_id: int) -> list[MakeUp]:
    """The person's make-up seats, soonest first, with their sessions and academies."""
    return list(db.session.execute(
        select(MakeUp).join(ClassSession, ClassSession.id == MakeUp.session_id)
        .options(joinedload(MakeUp.session).joinedload(ClassSession.academy))
        .where(MakeUp.person_id == person_id).order_by(ClassSession.day, ClassSession.starts_at)).scalars())


def options(person_id: int, home: AcademyClass, today: date) -> dict[str, list[ClassSession]]:
    """For each module the person still owes hours in and can no longer get in their own academy (no session of
    it left there that they have not been marked for): the upcoming sessions of it in other academies of the
    same course where they have no seat yet (three queries)."""
    marked = select(AttendanceMark.session_id).where(AttendanceMark.person_id == person_id)
    still_at_home = set(db.session.execute(
        select(ClassSession.module_slug).where(ClassSession.class_id == home.id, ClassSession.day >= today,
                                               ClassSession.id.not_in(marked))).scalars())
    owed = [line.module_slug for line in ledger_for(person_id, home)
            if line.owed > 0 and line.module_slug not in still_at_home]
    if not owed:
        return {}
    taken = select(MakeUp.session_id).where(MakeUp.person_id == person_id)
    sessions = db.session.execute(
        select(ClassSession).join(AcademyClass, AcademyClass.id == ClassSession.class_id)
        .options(joinedload(ClassSession.academy).joinedload(AcademyClass.region))
        .where(AcademyClass.course_slug == home.course_slug, AcademyClass.id != home.id,
               ClassSession.module_slug.in_(owed), ClassSession.day >= today, ClassSession.id.not_in(taken))
        .order_by(ClassSession.day, ClassSession.starts_at)).scalars()
    found: dict[str, list[ClassSession]] = {slug: [] for slug in owed}
    for session in sessions:
        found[session.module_slug].append(session)
    return found


def book(person_id: int, session: ClassSession, actor, today: date) -> MakeUp:
    """Give the person a seat in a session of another academy to make up a module they owe hours in."""
    home = home_academy(person_id)
    if home is None or not can_manage(actor, home):
        raise AttendanceError("Only the coordinator of the volunteer's own academy books make-up sessions.")
    if session.class_id == home.id or session.academy.course_slug != home.course_slug:
        raise AttendanceError("Choose a session of another academy of the same course.", "session_id")
    if session.day < today:
        raise AttendanceError("That session has already taken place.", "session_id")
    owed = {line.module_slug: line.owed for line in ledger_for(person_id, home)}
    if owed.get(session.module_slug, 0) <= 0:
        raise AttendanceError("The volunteer owes no hours in that module.", "session_id")
    if db.session.execute(select(MakeUp.id).where(MakeUp.person_id == person_id,
                                                  MakeUp.session_id == session.id)).first():
        raise AttendanceError("The volunteer already has a seat in that session.", "session_id")
    seat = MakeUp(session_id=session.id, person_id=person_id, home_class_id=home.id, booked_by_id=actor.id)
    db.session.add(seat)
    db.session.flush()
    audit.record("attendance.make_up_booked", object_type="person", object_id=person_id,
                 details={"session_id": session.id, "class_id": session.class_id, "module": session.module_slug,
                          "owed_hours": owed[session.module_slug]})
    return seat
