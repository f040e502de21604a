"""The demo state: regions, agencies with districts and shifts, people, and one login per role."""
import secrets
from datetime import date, time

from sqlalchemy import func, select

from lms.accounts import passwords, services as accounts
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.agencies import services as agencies
from lms.extensions import db
from lms.people import services as people
from lms.people.models import Person

DEMO_LOGINS = (
    ("recruit@demo.test", Role.RECRUIT.value),
    ("officer@demo.test", Role.OFFICER.value),
    ("supervisor@demo.test", Role.OFFICER.value + " (sergeant: endorses volunteers)"),
    ("trainingofficer@demo.test", Role.TRAINING_OFFICER.value),
    ("instructor@demo.test", Role.INSTRUCTOR.value),
    ("mhp@demo.test", Role.MHP.value),
    ("coordinator@demo.test", Role.COORDINATOR.value),
    ("admin@demo.test", Role.ADMIN.value),
)

REGIONS = (("NR", "Northern Region"), ("CR", "Central Region"), ("SR", "Southern Region"))
AGENCIES = (
    ("Cedar Hollow Police Department", "police", "CR", ("North", "South", "Downtown")),
    ("Juniper County Sheriff's Office", "sheriff", "CR", ("East County", "West County")),
    ("Red Mesa Police Department", "police", "SR", ("Central",)),
    ("Bear Creek University Police", "campus", "NR", ("Campus",)),
)
SHIFTS = (("Day", time(6), time(14)), ("Swing", time(14), time(22)), ("Night", time(22), time(6)))
OFFICERS = (
    "Alma Reyes", "Ben Okafor", "Carla Nguyen", "Dev Patel", "Erin Whitehorse", "Frank Lindqvist",
    "Grace Tanaka", "Hector Morales", "Ivy Chen", "Jamal Brooks", "Kara Sorensen", "Luis Ortega",
    "Maya Lopez", "Noah Begay", "Olivia Hart", "Priya Raman",
)


class DemoPasswordError(ValueError):
    """The password given for the demo logins is refused by the password rules."""


def random_demo_password() -> str:
    return "demo-" + secrets.token_urlsafe(12)


def _check_password(password: str) -> None:
    problems = passwords.password_problems(password, min_length=12, max_length=256, context_words=[])
    if problems:
        raise DemoPasswordError(" ".join(problems) + " (demo staff logins need at least 12 characters)")


def seed_if_empty(password: str | None) -> str | None:
    """Seed the demo state once, with the given password or a random one, and return that password. On an
    existing demo, give the logins the password only if one is given (None: they keep theirs)."""
    if password is not None:
        _check_password(password)
    if db.session.scalar(select(func.count(Person.id))):
        if password is not None:
            _set_passwords(password)
            db.session.commit()
        return None
    password = password or random_demo_password()
    seed(password)
    db.session.commit()
    return password


def _set_passwords(password: str) -> None:
    emails = [email for email, _ in DEMO_LOGINS]
    hashed = passwords.hash_password(password)
    for account in db.session.execute(select(Account).join(Account.person).where(Person.email.in_(emails))).scalars():
        account.password_hash = hashed


def seed(password: str) -> None:
    regions = {code: agencies.create_region(code=code, name=name) for code, name in REGIONS}
    made = {}
    for name, kind, region_code, districts in AGENCIES:
        agency = agencies.save_agency(None, name=name, kind=kind, region=regions[region_code])
        for district in districts:
            agencies.add_district(agency, district)
        for shift_name, starts, ends in SHIFTS:
            agencies.add_shift(agency, shift_name, starts, ends)
        made[name] = agency
    home = made["Cedar Hollow Police Department"]
    hashed = passwords.hash_password(password)

    def login(email: str, name: str, role: Role, officer_id: str | None, **scope) -> Person:
        person = people.create_person(legal_name=name, email=email, officer_id=officer_id)
        created = accounts.create_account(person, role, password=None, **scope)
        created.account.password_hash = hashed
        created.account.must_change_password = False
        created.account.temporary_password_expires_at = None
        return person

    recruit = login("recruit@demo.test", "Riley Recruit", Role.RECRUIT, None)
    people.hire(recruit, home, rank="recruit", started_on=date(2026, 8, 3), district=home.districts[0],
                shift=home.shifts[0])
    officer = login("officer@demo.test", "Morgan Officer", Role.OFFICER, "UT-104233")
    people.hire(officer, home, rank="officer", started_on=date(2019, 5, 6), district=home.districts[1],
                shift=home.shifts[2], patrol_experience_since=date(2019, 11, 1))
    trainer = login("trainingofficer@demo.test", "Taylor Trainer", Role.TRAINING_OFFICER, "UT-099812",
                    agency_id=home.id)
    people.hire(trainer, home, rank="sergeant", started_on=date(2012, 3, 12), patrol_experience_since=date(2012, 9, 1))
    supervisor = login("supervisor@demo.test", "Dana Supervisor", Role.OFFICER, "UT-091140")
    people.hire(supervisor, home, rank="sergeant", started_on=date(2010, 2, 1), district=home.districts[2],
                shift=home.shifts[1], patrol_experience_since=date(2010, 8, 1))
    login("instructor@demo.test", "Jordan Instructor", Role.INSTRUCTOR, "UT-087765")
    login("mhp@demo.test", "Dr. Sam Clinician", Role.MHP, "MHP-2201")
    login("coordinator@demo.test", "Casey Coordinator", Role.COORDINATOR, "UT-070101",
          region_id=regions["CR"].id)
    login("admin@demo.test", "Avery Administrator", Role.ADMIN, "ST-000001")

    _seed_learning(recruit)

    sheriff = made["Juniper County Sheriff's Office"]
    officers = []
    for index, name in enumerate(OFFICERS):
        agency = home if index % 2 == 0 else sheriff
        person = people.create_person(legal_name=name, email=f"{name.split()[0].lower()}@demo.test",
                                      officer_id=f"UT-{200100 + index}")
        people.hire(person, agency, rank="officer", started_on=date(2014 + index % 8, 1 + index % 12, 1),
                    district=agency.districts[index % len(agency.districts)],
                    shift=agency.shifts[index % len(agency.shifts)],
                    patrol_experience_since=date(2014 + index % 8, 6, 1))
        officers.append(person)
    _seed_academies(officer, officers)
    from lms.demo.certificate_seed import seed_certificates

    from lms.demo.history_seed import seed_history

    coordinator, lead = account("coordinator@demo.test"), account("instructor@demo.test")
    seed_certificates(officers[10:16], coordinator, lead, password, sheriff)
    seed_history(coordinator, lead, account("mhp@demo.test"))


def account(email: str) -> Account:
    """A demo login's account, by its email."""
    return db.session.execute(select(Account).join(Account.person).where(Person.email == email)).scalar_one()


def _seed_learning(recruit: Person) -> None:
    """Publish both courses and put the demo recruit part-way through the baseline course."""
    from lms.curriculum import catalogue, versions
    from lms.learning import services as learning

    versions.publish_all(catalogue.courses())
    enrolment = learning.enrol_self(recruit, "mh-awareness")
    first = catalogue.course("mh-awareness").modules[0]
    for lesson in first.lessons:
        learning.mark_read(enrolment, first.slug, lesson.slug)


def _seed_academies(officer: Person, others: list[Person]) -> None:
    """A running and an upcoming academy in the Central Region, applications in every state, some attendance."""
    from datetime import timedelta

    from lms.academies import services as academies
    from lms.applications.models import Application
    from lms.attendance import make_up, services as attendance
    from lms.database import utcnow

    coordinator, lead, trainer = (account("coordinator@demo.test"), account("instructor@demo.test"),
                                  account("trainingofficer@demo.test"))
    today = date.today()
    running = academies.schedule_class(coordinator, title="Central Region academy (this week)",
                                       location="Cedar Hollow public safety building", starts_on=today - timedelta(days=1),
                                       ends_on=today + timedelta(days=3), capacity=24, lead_instructor_id=lead.id,
                                       staff_ids=[account("mhp@demo.test").id])
    upcoming = academies.schedule_class(coordinator, title="Central Region academy (next quarter)",
                                        location="Juniper County training center", starts_on=today + timedelta(days=45),
                                        ends_on=today + timedelta(days=49), capacity=20, lead_instructor_id=lead.id)
    plan = [("orientation", 0, 8, 9), ("signs-and-symptoms", 0, 9, 12), ("psychotropic-medications", 0, 13, 14),
            ("co-occurring-substance-use", 0, 14, 15), ("verbal-de-escalation", 1, 8, 12)]
    sessions = [academies.add_session(running, module_slug=slug, day=running.starts_on + timedelta(days=day),
                                      starts_at=time(start), ends_at=time(end), place="Room 104")
                for slug, day, start, end in plan]
    academies.add_session(upcoming, module_slug="orientation", day=upcoming.starts_on, starts_at=time(8),
                          ends_at=time(9), place="Classroom A")
    make_up_session = academies.add_session(upcoming, module_slug="psychotropic-medications", day=upcoming.starts_on,
                                            starts_at=time(13), ends_at=time(14), place="Classroom A")

    def application(person: Person, status: str, **fields) -> Application:
        job = person.current_employment
        item = Application(person_id=person.id, agency_id=job.agency_id, course_slug="cit-advanced",
                           motivation=f"{person.legal_name.split()[0]} volunteers: years of night shifts taught me "
                                      "how much a calm, skilled response matters to people in crisis.",
                           status=status, **fields)
        db.session.add(item)
        return item

    accepted = [officer, *others[:3]]
    for person in accepted:
        application(person, "accepted", class_id=running.id, endorsed_by_id=trainer.id, endorsed_at=utcnow(),
                    endorsement_comment="Recommended.", decided_by_id=coordinator.id, decided_at=utcnow())
        academies.take_seat(running.id)
    application(others[3], "submitted")
    application(others[4], "endorsed", endorsed_by_id=trainer.id, endorsed_at=utcnow(),
                endorsement_comment="Calm and well liked on the night shift.")
    application(others[5], "waitlisted", class_id=upcoming.id, waitlisted_at=utcnow(), endorsed_by_id=trainer.id,
                endorsed_at=utcnow())
    application(others[6], "not_endorsed", endorsed_by_id=trainer.id, endorsed_at=utcnow(),
                endorsement_comment="Please apply again after your field training review next spring.")
    application(others[7], "declined", endorsed_by_id=trainer.id, endorsed_at=utcnow(), decided_by_id=coordinator.id,
                decided_at=utcnow(), decision_comment="This class is for the Central Region; your new agency's region runs its own.")
    db.session.flush()
    for session in sessions[:4]:  # the first day is taken, the second is not yet
        for person in accepted:
            late = person is accepted[-1] and session is sessions[1]
            absent = person is accepted[-1] and session is sessions[2]
            attendance.mark(session, person.id, status="absent" if absent else "late" if late else "present",
                            minutes_late=25 if late else 0, actor=lead)
    # The volunteer who missed the medications hour makes it up in next quarter's academy.
    make_up.book(accepted[-1].id, make_up_session, coordinator, today)
    db.session.flush()
    from lms.demo.assessment_seed import seed_assessments

    seed_assessments(running, account("recruit@demo.test").person, accepted, lead, account("mhp@demo.test"),
                     coordinator)
