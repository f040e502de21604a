"""Factories that return callables (indico style): regions, agencies, people, accounts, sign-in.

Each factory works in its own short application context and returns a detached object whose
columns and the relationships named in `_loaded` are already loaded; tests that read the database
afterwards open `with app.app_context():` themselves, so they always see what requests wrote.
"""
import itertools
from datetime import date, time

import pyotp
import pytest

from lms.accounts import mfa, services as accounts
from lms.accounts.authentication import totp_key
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.agencies import services as agencies
from lms.agencies.models import Agency, Region
from lms.database import utcnow
from lms.extensions import db
from lms.people import services as people
from lms.people.models import Person

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def _loaded(obj, *relationships):
    """Refresh an object and load the named relationships so it stays usable once detached."""
    db.session.refresh(obj)
    for name in relationships:
        value = getattr(obj, name)
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                db.session.refresh(item)
    return obj


def _person_loaded(person):
    _loaded(person, "employments")
    for job in person.employments:
        _ = job.agency, job.district, job.shift
    return person


@pytest.fixture
def make_region(app):
    def make(name: str | None = None, code: str | None = None) -> Region:
        with app.app_context():
            n = next(_counter)
            region = agencies.create_region(code=code or f"R{n}", name=name or f"Region {n}")
            db.session.commit()
            return _loaded(region)
    return make


@pytest.fixture
def make_agency(app, make_region):
    def make(name: str | None = None, region=None, kind: str = "police", districts=("North", "South"),
             shifts=(("Day", time(6), time(14)), ("Night", time(22), time(6)))) -> Agency:
        region = region or make_region()
        with app.app_context():
            agency = agencies.save_agency(None, name=name or f"Agency {next(_counter)} Police Department",
                                          kind=kind, region=db.session.get(Region, region.id))
            for district in districts:
                agencies.add_district(agency, district)
            for shift_name, starts, ends in shifts:
                agencies.add_shift(agency, shift_name, starts, ends)
            db.session.commit()
            return _loaded(agency, "region", "districts", "shifts")
    return make


@pytest.fixture
def make_person(app):
    def make(name: str | None = None, email: str | None = None, officer_id: str | None = None, agency=None,
             rank: str = "officer", started_on: date = date(2020, 1, 6)) -> Person:
        with app.app_context():
            n = next(_counter)
            person = people.create_person(legal_name=name or f"Person {n}",
                                          email=email or f"person{n}@example.test",
                                          officer_id=officer_id or f"UT-{500000 + n}")
            if agency is not None:
                agency = db.session.get(Agency, agency.id)
                people.hire(person, agency, rank=rank, started_on=started_on, district=agency.districts[0],
                            shift=agency.shifts[0], patrol_experience_since=started_on)
            db.session.commit()
            return _person_loaded(person)
    return make


@pytest.fixture
def make_account(app, make_person, make_region, make_agency):
    """make_account(role, password=PASSWORD, with_mfa=None, **person) -> Account.

    Roles that require MFA get it by default, as in production; the TOTP seed is on `.totp_plain`.
    """
    def make(role: Role | str = Role.OFFICER, *, password: str = PASSWORD, with_mfa: bool | None = None,
             region=None, agency=None, person=None, **person_fields) -> Account:
        role = Role(role)
        if with_mfa is None:
            with_mfa = role.value in app.config["MFA_REQUIRED_ROLES"]
        if role is Role.COORDINATOR and region is None:
            region = make_region()
        if role is Role.TRAINING_OFFICER and agency is None:
            agency = make_agency()
        if person is None:
            employer = agency if role in (Role.TRAINING_OFFICER, Role.OFFICER, Role.RECRUIT) else None
            person = make_person(agency=employer, rank="recruit" if role is Role.RECRUIT else "officer",
                                 **person_fields)
        with app.app_context():
            created = accounts.create_account(db.session.get(Person, person.id), role, password=password,
                                              region_id=region.id if region else None,
                                              agency_id=agency.id if agency else None)
            account = created.account
            secret = None
            if with_mfa:
                secret = pyotp.random_base32()
                account.totp_secret = mfa.encrypt_secret(secret, totp_key())
                account.totp_enabled_at = utcnow()
            db.session.commit()
            _loaded(account, "region", "agency")
            _person_loaded(account.person)
            account.totp_plain = secret
            return account
    return make


@pytest.fixture
def sign_in(client):
    """sign_in(account_or_email, password=PASSWORD, code=None) -> the final response (redirects followed).

    For an account with MFA the current TOTP code is sent; a code is accepted once, so a second
    sign-in of the same account within 30 seconds needs another client and a later code.
    """
    def do(who, password: str = PASSWORD, code: str | None = None, follow: bool = True, via=None):
        http = via or client
        email = who if isinstance(who, str) else who.email
        response = http.post("/login", data={"email": email, "password": password}, follow_redirects=follow)
        if code is None and getattr(who, "totp_plain", None):
            code = current_code(who.totp_plain)
        if code is not None:
            response = http.post("/login/code", data={"code": code}, follow_redirects=follow)
        return response
    return do


def current_code(secret: str) -> str:
    return pyotp.TOTP(secret).now()


@pytest.fixture
def make_academy(app, make_region, make_agency, make_person, make_account):
    """make_academy(people=2) -> (class id, session id, lead instructor, [person ids]) with people accepted.

    The academy teaches the tiny course of tests/data, in one region, with one four-hour session of
    its "practice" module on its first day.
    """
    from datetime import timedelta

    from lms.academies import services as academies
    from lms.applications.models import Application
    from lms.curriculum import catalogue, versions

    def make(people: int = 2, lead=None, capacity: int = 10, coordinator=None):
        region = coordinator.region if coordinator is not None else make_region()
        agency = make_agency(region=region)
        coordinator = coordinator or make_account(Role.COORDINATOR, region=region)
        lead = lead or make_account(Role.INSTRUCTOR)
        persons = [make_person(name=f"Learner {n}", agency=agency, started_on=date(2015, 1, 1)) for n in range(people)]
        with app.app_context():
            versions.publish_all(catalogue.courses())
            first_day = date.today() + timedelta(days=7)
            academy = academies.schedule_class(
                db.session.get(Account, coordinator.id), title="Test academy", location="Hall",
                starts_on=first_day, ends_on=first_day + timedelta(days=4), capacity=min(capacity, 60),
                lead_instructor_id=lead.id)
            academy.capacity = capacity  # query-count tests go past the 60 seats a coordinator may set
            session = academies.add_session(academy, module_slug="practice", day=first_day, starts_at=time(8),
                                            ends_at=time(12), place="Room 1")
            for person in persons:
                db.session.add(Application(person_id=person.id, agency_id=agency.id, course_slug="tiny-course",
                                           motivation="Volunteer for crisis work.", status="accepted",
                                           class_id=academy.id))
                academies.take_seat(academy.id)
            db.session.commit()
            return academy.id, session.id, lead, [p.id for p in persons]
    return make
