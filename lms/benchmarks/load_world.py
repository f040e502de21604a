"""The people and records the load benchmark reads and writes, made through the product's own services on top
of a synthetic state: an administrator, the region's coordinator, an academy of 30 volunteers with a class day
marked, a final role play per volunteer, an open exam attempt each, and certificates to verify."""
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select

PASSWORD = "benchmark horse battery staple"
VOLUNTEERS = 30


@dataclass(frozen=True)
class World:
    emails: dict[str, str]  # role -> email of the account that reads as that role
    volunteer_emails: list[str]
    agency_id: int
    session_id: int  # the class day: the roster with attendance
    run_id: int  # the lead evaluator's role play
    runs: list[int]  # every role play of the session (the lead evaluates them all)
    attempts: list[int]  # each volunteer's open attempt, in the order of volunteer_emails
    codes: list[str]  # verification codes of real, signed certificates


def bench_account(role, *, name: str, email: str, officer_id: str, hashed: str, **scope):
    """A person with an account that signs in with PASSWORD at once (no temporary password, no MFA)."""
    from lms.accounts import services as accounts
    from lms.people import services as people

    person = people.create_person(legal_name=name, email=email, officer_id=officer_id)
    account = accounts.create_account(person, role, password=None, **scope).account
    account.password_hash, account.must_change_password, account.temporary_password_expires_at = hashed, False, None
    return account


def build(agency_id: int) -> World:
    """In an app context, around the synthetic state's largest agency; commits."""
    from lms.academies import services as academies
    from lms.accounts import passwords
    from lms.accounts.roles import Role
    from lms.agencies.models import Agency
    from lms.applications.models import Application
    from lms.assessments import attempts, catalogue as exams
    from lms.attendance import services as attendance
    from lms.certificates import services as certificates
    from lms.curriculum import catalogue, versions
    from lms.database import utcnow
    from lms.extensions import db
    from lms.people import services as people
    from lms.scenarios import services as scoring

    versions.publish_all(catalogue.courses())
    agency = db.session.get(Agency, agency_id)
    hashed = passwords.hash_password(PASSWORD)
    admin = bench_account(Role.ADMIN, name="Bench Administrator", email="admin@bench.test", officer_id="BN-AD",
                          hashed=hashed)
    coordinator = bench_account(Role.COORDINATOR, name="Bench Coordinator", email="coordinator@bench.test",
                                officer_id="BN-CO", hashed=hashed, region_id=agency.region_id)
    lead = bench_account(Role.INSTRUCTOR, name="Bench Instructor", email="instructor@bench.test", officer_id="BN-IN",
                         hashed=hashed)
    clinician = bench_account(Role.MHP, name="Bench Clinician", email="mhp@bench.test", officer_id="BN-MH",
                              hashed=hashed)
    first_day = date.today() - timedelta(days=1)
    academy = academies.schedule_class(coordinator, title="Bench academy", location="Hall", starts_on=first_day,
                                       ends_on=first_day + timedelta(days=4), capacity=VOLUNTEERS,
                                       lead_instructor_id=lead.id, staff_ids=[clinician.id])
    day = academies.add_session(academy, module_slug=catalogue.course(academy.course_slug).modules[0].slug,
                                day=first_day, starts_at=time(8), ends_at=time(12), place="Room 1")
    volunteers = []
    for n in range(VOLUNTEERS):
        account = bench_account(Role.OFFICER, name=f"Bench Volunteer {n}", email=f"volunteer{n}@bench.test",
                                officer_id=f"BN-VO-{n}", hashed=hashed)
        people.hire(account.person, agency, rank="officer", started_on=date(2015, 1, 5),
                    district=agency.districts[0], shift=agency.shifts[n % len(agency.shifts)],
                    patrol_experience_since=date(2015, 1, 5))
        db.session.add(Application(person_id=account.person_id, agency_id=agency.id, course_slug=academy.course_slug,
                                   motivation="Bench volunteer.", status="accepted", class_id=academy.id))
        academies.take_seat(academy.id)
        volunteers.append(account)
    db.session.flush()
    for account in volunteers:
        attendance.mark(day, account.person_id, status="present", minutes_late=0, actor=lead)
    final = scoring.create_session(lead, academy, title="Final scenarios", final=True, min_evaluators=2,
                                   evaluator_ids=[lead.id, clinician.id], lead_evaluator_id=lead.id)
    runs = [scoring.add_run(final, lead, scenario_slug="bridge-suicidal-person", talker_id=account.person_id)
            for account in volunteers]
    exam, now = exams.state_exam(academy.course_slug), utcnow()
    opened = [attempts.start(account.person_id, exam, now).id for account in volunteers]
    course = certificates.course_of(academy)
    codes = [certificates.issue_record(account.person, kind="certification", course=course,
                                       version=academy.course_version.version_id, academy=academy, actor=coordinator,
                                       today=date.today()).code for account in volunteers[:10]]
    db.session.commit()
    return World({"admin": admin.email, "coordinator": coordinator.email, "instructor": lead.email,
                  "officer": volunteers[0].email}, [a.email for a in volunteers], agency.id, day.id, runs[0].id,
                 [run.id for run in runs], opened, codes)


def sign_in_cookie(base_url: str, email: str) -> str:
    """Sign in over HTTP and return the session cookie as a Cookie header value."""
    import http.cookiejar
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    data = urllib.parse.urlencode({"email": email, "password": PASSWORD}).encode()
    with opener.open(f"{base_url}/login", data=data, timeout=30) as response:
        assert response.status == 200, response.status
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def agency_near(officers: int) -> tuple[int, int]:
    """(id, size) of the agency whose size is nearest `officers`: the pages about one agency read an agency of
    about the same size at every scale, so that what grows between scales is the rest of the data."""
    from sqlalchemy import func

    from lms.extensions import db
    from lms.people.models import Employment

    size = func.count(Employment.id)
    return tuple(db.session.execute(select(Employment.agency_id, size).group_by(Employment.agency_id)
                                    .order_by(func.abs(size - officers), Employment.agency_id).limit(1)).one())
