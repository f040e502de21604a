"""Certificate test helpers: a tiny-course academy whose first volunteer has met every completion rule (hours,
written exam, a released final role play) and whose second has met none; posting an officer to a district and
shift; certifying an officer straight from the record."""
from datetime import date, time, timedelta

from lms.academies import services as academies
from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.assessments import attempts, catalogue as exams
from lms.attendance import services as attendance
from lms.database import utcnow
from lms.certificates import services as certificates
from lms.curriculum import catalogue, versions
from lms.extensions import db
from lms.people.models import Employment, Person
from lms.scenarios import services as scoring

GOOD = {"safety": "5", "listening": "5", "suicide-question": "n/a"}


def complete_record(person_id: int, academy: AcademyClass, lead: Account, clinician: Account) -> None:
    """Attend every module, pass the written exam and a released final role play (inside an app context)."""
    first = academy.sessions[0]
    basics = next((s for s in academy.sessions if s.module_slug == "basics"), None) or academies.add_session(
        academy, module_slug="basics", day=first.day, starts_at=time(13), ends_at=time(14), place="Room 1")
    for session in (first, basics):
        attendance.mark(session, person_id, status="present", minutes_late=0, actor=lead)
    now = utcnow()
    attempt = attempts.start(person_id, exams.state_exam(academy.course_slug), now)
    attempts.save_answers(attempt, {item.position: item.question.kind.form_values(
        item.question, list(item.layout), item.question.kind.right_answer(item.question))
        for item in attempts.paper(attempt)}, now)
    attempts.submit(attempt, now + timedelta(minutes=1))
    session = scoring.create_session(lead, academy, title="Final", final=True, min_evaluators=2,
                                     evaluator_ids=[lead.id, clinician.id], lead_evaluator_id=lead.id)
    run = scoring.add_run(session, lead, scenario_slug="tiny-scenario", talker_id=person_id)
    for evaluator in (lead, clinician):
        scoring.submit(run, evaluator, scores=GOOD, comments={}, notes="", now=now)
    scoring.release(session, lead, now)


def ready_academy(app, make_academy, make_account, coordinator=None):
    """(class id, coordinator, [ready person id, unready person id])."""
    from lms.accounts.roles import Role

    coordinator = coordinator or make_account(Role.COORDINATOR)
    class_id, _, lead, people = make_academy(people=2, coordinator=coordinator)
    clinician = make_account(Role.MHP)
    with app.app_context():
        academy = db.session.get(AcademyClass, class_id)
        complete_record(people[0], academy, db.session.get(Account, lead.id), db.session.get(Account, clinician.id))
        db.session.commit()
    return class_id, coordinator, people


def post(app, person_id: int, district: str, shift: str) -> None:
    """Post the person's current job to a district and shift of its agency."""
    with app.app_context():
        job = db.session.execute(db.select(Employment).where(Employment.person_id == person_id,
                                                             Employment.ended_on.is_(None))).scalar_one()
        job.district = next(d for d in job.agency.districts if d.name == district)
        job.shift = next(s for s in job.agency.shifts if s.name == shift)
        db.session.commit()


def certify(app, person_id: int, issued_on: date) -> None:
    """Issue a tiny-course certification straight from the record (no academy)."""
    with app.app_context():
        versions.publish_all(catalogue.courses())
        certificates.issue_record(db.session.get(Person, person_id), kind="certification",
                                  course=catalogue.course("tiny-course"), version="1.0", academy=None, actor=None,
                                  today=issued_on)
        db.session.commit()
