"""Scheduling academies and deciding on endorsed volunteers: seats are taken atomically in the database."""
from datetime import date, time

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from lms.academies.models import AcademyClass, ClassSession, ClassStaff
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.agencies.models import Agency
from lms.applications.models import Application
from lms.audit import services as audit
from lms.curriculum import versions
from lms.database import utcnow
from lms.extensions import db
from lms.rules import RuleRefused



def academy_course_slug() -> str:
    """The slug of the 40-hour course that academies teach (a setting, so tests can use a tiny course)."""
    from flask import current_app

    return current_app.config["ACADEMY_COURSE"]


class AcademyError(RuleRefused):
    """A scheduling or admission step the rules refuse."""


def classes_for(account) -> list[AcademyClass]:
    query = select(AcademyClass).options(joinedload(AcademyClass.region)).order_by(AcademyClass.starts_on)
    if account.role_enum is Role.COORDINATOR:
        query = query.where(AcademyClass.region_id == account.region_id)
    return list(db.session.execute(query).scalars())


def can_manage(account, academy: AcademyClass) -> bool:
    return account.role_enum is Role.ADMIN or (
        account.role_enum is Role.COORDINATOR and academy.region_id == account.region_id)


def _check_class(*, starts_on: date, ends_on: date, capacity: int, lead_instructor_id: int | str) -> Account:
    """The checks scheduling and editing share; returns the lead instructor."""
    if ends_on < starts_on:
        raise AcademyError("The last day cannot be before the first day.", "ends_on")
    if not 1 <= capacity <= 60:
        raise AcademyError("Choose a capacity from 1 to 60 seats.", "capacity")
    lead = db.session.get(Account, int(lead_instructor_id)) if str(lead_instructor_id).isdigit() else None
    if lead is None or lead.role_enum is not Role.INSTRUCTOR or lead.disabled_at is not None:
        raise AcademyError("Choose an instructor from the list.", "lead_instructor_id")
    return lead


def schedule_class(coordinator, *, title: str, location: str, starts_on: date, ends_on: date, capacity: int,
                   lead_instructor_id: int | str, staff_ids: list[int | str] = ()) -> AcademyClass:
    """Schedule an academy of the current published version of the 40-hour course in the coordinator's region."""
    lead = _check_class(starts_on=starts_on, ends_on=ends_on, capacity=capacity, lead_instructor_id=lead_instructor_id)
    slug = academy_course_slug()
    version = versions.current_version(slug)
    if version is None:
        raise AcademyError("The 40-hour course is not published yet: an administrator runs `lms content sync`.")
    academy = AcademyClass(course_slug=slug, course_version_id=version.id, region_id=coordinator.region_id,
                           title=title.strip(), location=location.strip(), starts_on=starts_on, ends_on=ends_on,
                           capacity=capacity, seats_taken=0, lead_instructor_id=lead.id)
    db.session.add(academy)
    db.session.flush()
    for member in _teaching_staff(staff_ids, exclude=lead.id):
        db.session.add(ClassStaff(academy=academy, account_id=member.id))
    audit.record("class.scheduled", object_type="class", object_id=academy.id,
                 details={"region_id": academy.region_id, "capacity": capacity, "version_id": version.version_id})
    return academy


def edit_class(academy: AcademyClass, *, title: str, location: str, starts_on: date, ends_on: date, capacity: int,
               lead_instructor_id: int | str, staff_ids: list[int | str] = (), today: date) -> list[Application]:
    """Change an academy that has not finished: its name, place, dates, seats and staff. Sessions must still fit
    the dates, seats never drop below the volunteers accepted, and new seats go to the waiting list in order.
    Returns the volunteers moved up from the waiting list."""
    if academy.ends_on < today:
        raise AcademyError("This academy has finished: it can no longer be changed.")
    lead = _check_class(starts_on=starts_on, ends_on=ends_on, capacity=capacity, lead_instructor_id=lead_instructor_id)
    if starts_on != academy.starts_on and academy.starts_on <= today:
        raise AcademyError("This academy has started: its first day can no longer change.", "starts_on")
    outside = [s.day for s in academy.sessions if not starts_on <= s.day <= ends_on]
    if outside:
        raise AcademyError(f"{len(outside)} scheduled session(s) fall outside those dates (the first on "
                           f"{min(outside):%Y-%m-%d}): keep the dates around the schedule.", "starts_on")
    # One UPDATE, so a seat taken at the same moment can never end up beyond the new capacity.
    resized = db.session.execute(
        update(AcademyClass).where(AcademyClass.id == academy.id, AcademyClass.seats_taken <= capacity)
        .values(capacity=capacity).execution_options(synchronize_session=False))
    if resized.rowcount != 1:
        raise AcademyError(f"{academy.seats_taken} volunteers are already accepted: the academy needs at least that "
                           "many seats.", "capacity")
    staff = _teaching_staff(staff_ids, exclude=lead.id)
    before = {"title": academy.title, "location": academy.location, "starts_on": academy.starts_on.isoformat(),
              "ends_on": academy.ends_on.isoformat(), "capacity": academy.capacity,
              "lead_instructor_id": academy.lead_instructor_id,
              "staff": sorted(member.account_id for member in academy.staff)}
    academy.title, academy.location = title.strip(), location.strip()
    academy.starts_on, academy.ends_on, academy.lead_instructor_id = starts_on, ends_on, lead.id
    wanted = {member.id for member in staff}
    for member in list(academy.staff):
        if member.account_id not in wanted:
            db.session.delete(member)
    for account_id in wanted - {member.account_id for member in academy.staff}:
        db.session.add(ClassStaff(academy=academy, account_id=account_id))
    db.session.flush()
    db.session.refresh(academy)
    after = {"title": academy.title, "location": academy.location, "starts_on": starts_on.isoformat(),
             "ends_on": ends_on.isoformat(), "capacity": capacity, "lead_instructor_id": lead.id,
             "staff": sorted(wanted)}
    changed = {key: {"before": before[key], "after": after[key]} for key in before if before[key] != after[key]}
    audit.record("class.edited", object_type="class", object_id=academy.id, details=changed)
    moved = []
    while (first := _move_up(academy.id)) is not None:
        moved.append(first)
    return moved


def add_session(academy: AcademyClass, *, module_slug: str, day: date, starts_at: time, ends_at: time,
                place: str) -> ClassSession:
    """Put a module on the class schedule, inside the class's dates."""
    if academy.ends_on < date.today():
        raise AcademyError("This academy has finished: its schedule can no longer change.")
    course = versions.course_of_version(academy.course_version)
    if course.module(module_slug) is None:
        raise AcademyError("Choose a module of this course.", "module_slug")
    if not academy.starts_on <= day <= academy.ends_on:
        raise AcademyError(f"The day must fall within the academy ({academy.starts_on:%Y-%m-%d} to "
                           f"{academy.ends_on:%Y-%m-%d}).", "day")
    if ends_at <= starts_at:
        raise AcademyError("A session must end after it starts.", "ends_at")
    if any(s.day == day and s.starts_at < ends_at and starts_at < s.ends_at for s in academy.sessions):
        raise AcademyError("Another session of this class overlaps that time.", "starts_at")
    session = ClassSession(academy=academy, module_slug=module_slug, day=day, starts_at=starts_at, ends_at=ends_at,
                           place=place.strip())
    db.session.add(session)
    db.session.flush()
    audit.record("class.session_added", object_type="class", object_id=academy.id,
                 details={"module": module_slug, "day": day.isoformat()})
    return session


def take_seat(academy_id: int) -> bool:
    """Take one seat if one is free; one UPDATE, so two coordinators can never both take the last seat."""
    result = db.session.execute(
        update(AcademyClass).where(AcademyClass.id == academy_id, AcademyClass.seats_taken < AcademyClass.capacity)
        .values(seats_taken=AcademyClass.seats_taken + 1).execution_options(synchronize_session=False))
    return result.rowcount == 1


def _free_seat(academy_id: int) -> None:
    db.session.execute(update(AcademyClass).where(AcademyClass.id == academy_id, AcademyClass.seats_taken > 0)
                       .values(seats_taken=AcademyClass.seats_taken - 1).execution_options(synchronize_session=False))


def region_queue(coordinator) -> list[Application]:
    """Endorsed and waitlisted volunteers from agencies of the coordinator's region."""
    return list(db.session.execute(
        select(Application).join(Agency, Agency.id == Application.agency_id)
        .options(joinedload(Application.person), joinedload(Application.agency))
        .where(Agency.region_id == coordinator.region_id, Application.status.in_(("endorsed", "waitlisted")))
        .order_by(Application.status, Application.waitlisted_at, Application.endorsed_at)
    ).scalars())


def decide(application: Application, coordinator, *, decision: str, academy: AcademyClass | None,
           comment: str) -> None:
    """Accept into an academy of the region (if a seat is free), waitlist for one, or decline with a reason."""
    if application.agency.region_id != coordinator.region_id:
        raise AcademyError("This volunteer's agency is not in your region.")
    if application.status not in ("endorsed", "waitlisted"):
        raise AcademyError("Only endorsed or waitlisted applications can be decided.")
    comment = comment.strip()
    if decision in ("accept", "waitlist"):
        if academy is None or academy.region_id != coordinator.region_id:
            raise AcademyError("Choose an academy of your region.", "class_id")
        if academy.ends_on < date.today():
            raise AcademyError("That academy has finished.", "class_id")
    if decision == "accept":
        if not take_seat(academy.id):
            raise AcademyError(f"{academy.title} is full. Put the volunteer on its waiting list instead.", "class_id")
        application.status, application.class_id, application.waitlisted_at = "accepted", academy.id, None
    elif decision == "waitlist":
        application.status, application.class_id, application.waitlisted_at = "waitlisted", academy.id, utcnow()
    elif decision == "decline":
        if not comment:
            raise AcademyError("Say why you decline: the officer will see it.", "comment")
        application.status, application.class_id = "declined", None
    else:
        raise AcademyError("Choose accept, waiting list or decline.", "decision")
    application.decided_by_id, application.decided_at, application.decision_comment = (
        coordinator.id, utcnow(), comment or None)
    audit.record(f"application.{decision}ed" if decision != "waitlist" else "application.waitlisted",
                 object_type="application", object_id=application.id,
                 details={"class_id": application.class_id, "comment": comment[:200]})


def release_seat(application: Application) -> Application | None:
    """Free an accepted volunteer's seat and move the first on that academy's waiting list up into it."""
    _free_seat(application.class_id)
    return _move_up(application.class_id)


def _move_up(academy_id: int) -> Application | None:
    """Give a free seat, if there is one, to the first volunteer on the academy's waiting list."""
    first = db.session.execute(
        select(Application).where(Application.class_id == academy_id, Application.status == "waitlisted")
        .order_by(Application.waitlisted_at, Application.id).limit(1)
    ).scalar_one_or_none()
    if first is None or not take_seat(academy_id):
        return None
    first.status, first.waitlisted_at = "accepted", None
    db.session.flush()
    audit.record("application.moved_up", object_type="application", object_id=first.id,
                 actor_label="system", details={"class_id": academy_id})
    return first


def accepted_volunteer(academy_id: int, person_id: int) -> Application | None:
    """The person's accepted application to this academy, if they hold a seat in it."""
    return db.session.execute(select(Application).where(
        Application.class_id == academy_id, Application.person_id == person_id,
        Application.status == "accepted")).scalar_one_or_none()


def roster(academy_id: int) -> tuple[list[Application], list[Application]]:
    """The accepted volunteers and the waiting list (in order) of an academy."""
    rows = list(db.session.execute(
        select(Application).options(joinedload(Application.person), joinedload(Application.agency))
        .where(Application.class_id == academy_id, Application.status.in_(("accepted", "waitlisted")))
        .order_by(Application.waitlisted_at, Application.id)
    ).scalars())
    return [a for a in rows if a.status == "accepted"], [a for a in rows if a.status == "waitlisted"]


def course_of(academy: AcademyClass):
    """The course as published in the version this academy teaches."""
    return versions.course_of_version(academy.course_version)


def instructors() -> list[Account]:
    return list(db.session.execute(select(Account).where(Account.role == Role.INSTRUCTOR.value,
                                                         Account.disabled_at.is_(None))).scalars())


def teaching_staff() -> list[Account]:
    """Instructors and mental health professionals who may teach in an academy."""
    return list(db.session.execute(select(Account).where(
        Account.role.in_((Role.INSTRUCTOR.value, Role.MHP.value)), Account.disabled_at.is_(None))).scalars())


def _teaching_staff(ids, exclude: int) -> list[Account]:
    wanted = {int(i) for i in ids if str(i).isdigit()} - {exclude}
    found = [a for a in teaching_staff() if a.id in wanted]
    if len(found) != len(wanted):
        raise AcademyError("Choose instructors and mental health professionals from the list.", "staff_ids")
    return found


def upcoming_by_region() -> list[AcademyClass]:
    """Academies that have not finished, with their region, for the public catalogue."""
    return list(db.session.execute(
        select(AcademyClass).options(joinedload(AcademyClass.region)).where(AcademyClass.ends_on >= date.today())
        .order_by(AcademyClass.starts_on)).scalars())
