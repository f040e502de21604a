"""Enrolling in the baseline course and reading its lessons; the academy is by application only."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from lms.audit import services as audit
from lms.curriculum import catalogue, versions
from lms.curriculum.content import Course
from lms.database import utcnow
from lms.extensions import db
from lms.learning.models import Enrolment, LessonRead
from lms.learning.progress import course_progress
from lms.people.models import Person
from lms.rules import RuleRefused


class EnrolmentError(RuleRefused):
    """An enrolment or progress step the rules refuse."""


def enrol_self(person: Person, course_slug: str) -> Enrolment:
    """Enrol a learner in a self-enrolment course, on its current published version."""
    course = catalogue.course(course_slug)
    if course is None:
        raise EnrolmentError("There is no such course.")
    if course.kind == "advanced":
        raise EnrolmentError("The 40-hour CIT academy is by application only: experienced patrol officers "
                             "volunteer and are endorsed by their agency. Start with the baseline course.")
    existing = db.session.execute(select(Enrolment.id).where(
        Enrolment.person_id == person.id, Enrolment.course_slug == course_slug, Enrolment.status == "active")).first()
    if existing:
        raise EnrolmentError("You are already enrolled in this course.")
    version = versions.current_version(course_slug)
    if version is None:
        raise EnrolmentError("This course is not open for enrolment yet.")
    enrolment = Enrolment(person_id=person.id, course_slug=course_slug, course_version_id=version.id, status="active")
    db.session.add(enrolment)
    db.session.flush()
    audit.record("enrolment.created", object_type="enrolment", object_id=enrolment.id,
                 details={"course": course_slug, "version_id": version.version_id, "person_id": person.id})
    return enrolment


def course_of(enrolment: Enrolment) -> Course:
    """The course exactly as it was when the learner enrolled."""
    return versions.course_of_version(enrolment.course_version)


def read_set(enrolment: Enrolment) -> set[tuple[str, str]]:
    return {(row.module_slug, row.lesson_slug) for row in enrolment.lessons_read}


def mark_read(enrolment: Enrolment, module_slug: str, lesson_slug: str) -> None:
    """Record a lesson as read (once); complete the enrolment when every module is done."""
    if enrolment.status != "active":
        raise EnrolmentError("This enrolment is no longer active.")
    course = course_of(enrolment)
    module = course.module(module_slug)
    if module is None or not any(lesson.slug == lesson_slug for lesson in module.lessons):
        raise EnrolmentError("There is no such lesson in your version of the course.")
    read = read_set(enrolment)
    if (module_slug, lesson_slug) in read:
        return
    db.session.add(LessonRead(enrolment=enrolment, module_slug=module_slug, lesson_slug=lesson_slug))
    read.add((module_slug, lesson_slug))
    audit.record("lesson.read", object_type="enrolment", object_id=enrolment.id,
                 details={"module": module_slug, "lesson": lesson_slug})
    settle(enrolment, read)
    db.session.flush()


def settle(enrolment: Enrolment, read: set[tuple[str, str]] | None = None) -> bool:
    """Mark an active enrolment completed once every module is complete (lessons read, checks passed)."""
    from lms.assessments.attempts import passed_exams

    if enrolment.status != "active":
        return False
    read = read_set(enrolment) if read is None else read
    if not course_progress(course_of(enrolment), read, passed_exams(enrolment.person_id)).complete:
        return False
    enrolment.status, enrolment.completed_at = "completed", utcnow()
    audit.record("enrolment.completed", object_type="enrolment", object_id=enrolment.id)
    from lms.certificates.services import issue_completion

    issue_completion(enrolment.person, course_of(enrolment), enrolment.course_version.version_id,
                     enrolment.completed_at.date())
    return True


def check_due(enrolment: Enrolment, module) -> str | None:
    """The slug of the module's knowledge check when all its lessons are read and it is not passed yet."""
    from lms.assessments.attempts import passed_exams
    from lms.assessments.content import check_slug

    if not module.knowledge_check:
        return None
    read = read_set(enrolment)
    slug = check_slug(module.knowledge_check)
    if all((module.slug, lesson.slug) in read for lesson in module.lessons) and slug not in passed_exams(
            enrolment.person_id):
        return slug
    return None


def enrolments_of(person_id: int) -> list[Enrolment]:
    """A person's enrolments with what they have read, in a fixed number of queries."""
    return list(db.session.execute(
        select(Enrolment).options(joinedload(Enrolment.course_version), selectinload(Enrolment.lessons_read))
        .where(Enrolment.person_id == person_id).order_by(Enrolment.enrolled_at.desc())
    ).unique().scalars())


def enrolment_of(person_id: int, enrolment_id: int) -> Enrolment | None:
    """One of the person's own enrolments; anybody else's is not found."""
    return db.session.execute(
        select(Enrolment).options(joinedload(Enrolment.course_version), selectinload(Enrolment.lessons_read))
        .where(Enrolment.id == enrolment_id, Enrolment.person_id == person_id)
    ).unique().scalar_one_or_none()


def assign(person: Person, course_slug: str, due_on, actor) -> Enrolment:
    """A training officer assigns a self-paced course to someone on their roster, with a due date."""
    from datetime import date

    job = person.current_employment
    if job is None or job.agency_id != actor.agency_id:
        raise EnrolmentError(f"{person.legal_name} is not on your agency's roster.")
    if due_on < date.today():
        raise EnrolmentError("The due date cannot be in the past.", "due_on")
    enrolment = db.session.execute(select(Enrolment).where(
        Enrolment.person_id == person.id, Enrolment.course_slug == course_slug,
        Enrolment.status.in_(("active", "completed")))).scalars().first()
    if enrolment is None:
        enrolment = enrol_self(person, course_slug)
    enrolment.due_on, enrolment.assigned_by_id = due_on, actor.id
    audit.record("enrolment.assigned", object_type="enrolment", object_id=enrolment.id,
                 details={"person_id": person.id, "due_on": due_on.isoformat()})
    return enrolment


def agency_standing(agency_id: int, course_slug: str) -> list[tuple[Person, Enrolment | None]]:
    """Everyone on an agency's roster with their enrolment in a course, if any (one query)."""
    from sqlalchemy import and_

    from lms.people.models import Employment

    rows = db.session.execute(
        select(Person, Enrolment).join(Employment, and_(Employment.person_id == Person.id, Employment.ended_on.is_(None)))
        .outerjoin(Enrolment, and_(Enrolment.person_id == Person.id, Enrolment.course_slug == course_slug,
                                   Enrolment.status != "withdrawn"))
        .options(selectinload(Enrolment.lessons_read))
        .where(Employment.agency_id == agency_id).order_by(Person.legal_name)
    ).all()
    return [(person, enrolment) for person, enrolment in rows]
