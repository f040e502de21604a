"""The demo's certificates: last spring's academy graduates in every status (active, suspended, revoked,
expired, renewed, and one superseded by a name correction), one of them since hired by another agency."""
from datetime import date, timedelta

from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.applications.models import Application
from lms.certificates import renewals, services as certificates
from lms.certificates.notices import run_daily
from lms.curriculum import versions
from lms.extensions import db
from lms.people import services as people
from lms.people.models import Person


def seed_certificates(graduates: list[Person], coordinator: Account, lead: Account, password: str,
                      new_agency) -> None:
    today = date.today()
    slug = "cit-advanced"
    version = versions.current_version(slug)
    spring = AcademyClass(course_slug=slug, course_version_id=version.id, region_id=coordinator.region_id,
                          title="Central Region academy (last spring)", location="Cedar Hollow public safety building",
                          starts_on=today - timedelta(days=240), ends_on=today - timedelta(days=236), capacity=24,
                          seats_taken=len(graduates), lead_instructor_id=lead.id)
    db.session.add(spring)
    db.session.flush()
    for person in graduates:
        db.session.add(Application(person_id=person.id, agency_id=person.current_employment.agency_id,
                                   course_slug=slug, motivation="Graduated from last spring's academy.",
                                   status="accepted", class_id=spring.id))
    db.session.flush()
    course = certificates.course_of(spring)
    years = 2
    issued_on = {3: certificates.years_later(today - timedelta(days=1), -years),  # its period ended yesterday
                 4: certificates.years_later(today + timedelta(days=20), -years)}  # ends in 20 days
    first, suspended, revoked, lapsing, renewed, renamed = (certificates.issue_record(
        person, kind="certification", course=course, version=version.version_id, academy=spring, actor=coordinator,
        today=issued_on.get(n, spring.ends_on)) for n, person in enumerate(graduates[:6]))
    certificates.change_status(suspended, coordinator, to="suspended", reason="under-review",
                               note="A complaint about a crisis call is under review.", password=password, today=today)
    certificates.change_status(revoked, coordinator, to="revoked", reason="issued-in-error",
                               note="Attendance for module 12 was recorded against the wrong person.",
                               password=password, today=today)
    # Renewed near the end of its period, with four hours of continuing education approved.
    entry = renewals.log(renewed, renewed.person, course_name="Mental health first aid refresher",
                         provider="Juniper County Behavioral Health", completed_on=today - timedelta(days=30),
                         hours=4.0, evidence=b"%PDF-1.4\n% demo evidence\n", evidence_name="refresher.pdf",
                         today=today)
    renewals.decide(entry, coordinator, approve=True, note="")
    renewals.renew(renewed, coordinator, today)
    # A legal name change, corrected by a new record that supersedes the old one.
    renamed.person.legal_name = renamed.person.legal_name.split()[0] + " Okafor-Lindqvist"
    db.session.flush()
    certificates.reissue_with_current_name(renamed, coordinator, note="Legal name changed on marriage.",
                                           password=password, today=today)
    # The first graduate has since joined another agency: the certificate follows them.
    mover = first.person
    people.separate(mover.current_employment, on=today - timedelta(days=30), reason="transferred")
    people.hire(mover, new_agency, rank="officer", started_on=today - timedelta(days=29),
                district=new_agency.districts[0], shift=new_agency.shifts[0],
                patrol_experience_since=date(2017, 6, 1))
    db.session.flush()
    run_daily(today)  # records the lapse of the certificate whose period ended yesterday
