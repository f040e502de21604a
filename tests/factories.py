"""Factories that return callables (indico style): regions, agencies, people, accounts, sign-in."""
import itertools
from datetime import date, time

import pyotp
import pytest

from lms.accounts import mfa, services as accounts
from lms.accounts.authentication import totp_key
from lms.accounts.roles import Role
from lms.agencies import services as agencies
from lms.database import utcnow
from lms.extensions import db
from lms.people import services as people

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


@pytest.fixture
def make_region(app_ctx):
    def make(name: str | None = None, code: str | None = None):
        n = next(_counter)
        region = agencies.create_region(code=code or f"R{n}", name=name or f"Region {n}")
        db.session.commit()
        return region
    return make


@pytest.fixture
def make_agency(app_ctx, make_region):
    def make(name: str | None = None, region=None, kind: str = "police", districts=("North", "South"),
             shifts=(("Day", time(6), time(14)), ("Night", time(22), time(6)))):
        agency = agencies.save_agency(None, name=name or f"Agency {next(_counter)} Police Department", kind=kind,
                                      region=region or make_region())
        for district in districts:
            agencies.add_district(agency, district)
        for shift_name, starts, ends in shifts:
            agencies.add_shift(agency, shift_name, starts, ends)
        db.session.commit()
        return agency
    return make


@pytest.fixture
def make_person(app_ctx):
    def make(name: str | None = None, email: str | None = None, officer_id: str | None = None, agency=None,
             rank: str = "officer", started_on: date = date(2020, 1, 6)):
        n = next(_counter)
        person = people.create_person(legal_name=name or f"Person {n}", email=email or f"person{n}@example.test",
                                      officer_id=officer_id or f"UT-{500000 + n}")
        if agency is not None:
            people.hire(person, agency, rank=rank, started_on=started_on, district=agency.districts[0],
                        shift=agency.shifts[0], patrol_experience_since=started_on)
        db.session.commit()
        return person
    return make


@pytest.fixture
def make_account(app_ctx, make_person, make_region, make_agency):
    """make_account(role, password=PASSWORD, mfa=False, **person) -> Account (MFA secret on .totp_plain)."""
    def make(role: Role | str = Role.OFFICER, *, password: str = PASSWORD, with_mfa: bool | None = None,
             region=None, agency=None, person=None, **person_fields):
        role = Role(role)
        if with_mfa is None:  # accounts whose role requires MFA get it, as in production
            with_mfa = role.value in app_ctx.config["MFA_REQUIRED_ROLES"]
        if role is Role.COORDINATOR and region is None:
            region = make_region()
        if role is Role.TRAINING_OFFICER and agency is None:
            agency = make_agency()
        if person is None:
            employer = agency if role in (Role.TRAINING_OFFICER, Role.OFFICER, Role.RECRUIT) else None
            person = make_person(agency=employer, rank="recruit" if role is Role.RECRUIT else "officer",
                                 **person_fields)
        created = accounts.create_account(person, role, password=password,
                                          region_id=region.id if region else None,
                                          agency_id=agency.id if agency else None)
        account = created.account
        account.totp_plain = None
        if with_mfa:
            secret = pyotp.random_base32()
            account.totp_secret = mfa.encrypt_secret(secret, totp_key())
            account.totp_enabled_at = utcnow()
            account.totp_plain = secret
        db.session.commit()
        return account
    return make


@pytest.fixture
def sign_in(client):
    """sign_in(account_or_email, password=PASSWORD, code=None) -> the final response (redirects followed)."""
    def do(who, password: str = PASSWORD, code: str | None = None, follow: bool = True):
        email = who if isinstance(who, str) else who.email
        response = client.post("/login", data={"email": email, "password": password}, follow_redirects=follow)
        if code is None and getattr(who, "totp_plain", None):
            code = current_code(who.totp_plain)
        if code is not None:
            response = client.post("/login/code", data={"code": code}, follow_redirects=follow)
        return response
    return do


def current_code(secret: str) -> str:
    return pyotp.TOTP(secret).now()
