"""The rows of the program's CSV exports, as (header, rows) pairs: completions for the state POST training
record, certifications with their status, continuing education, and an academy's roster with attendance and
results. Each runs a fixed number of queries however many rows it returns (the class roster excepted: it
reads each volunteer's record like the certificate preview does). Rows are read in full before the download
streams: the request's session ends before the last line is sent."""
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from lms.academies.models import AcademyClass
from lms.academies.services import course_of
from lms.attendance.services import ledgers_for, roster_people
from lms.certificates import services as certificates
from lms.certificates.eligibility import verdict
from lms.certificates.models import Certificate, ContinuingEducation
from lms.certificates.queries import WITHOUT_DOCUMENTS
from lms.certificates.scope import Scope, certificates_in
from lms.extensions import db

Table = tuple[tuple[str, ...], Iterable[tuple]]


COMPLETIONS = ("Name", "State officer ID", "Agency at completion", "Course", "Course version", "Hours",
               "Completed on", "Certificate issued on", "Provider", "Certificate number")


def completions(scope: Scope, since: date | None = None, until: date | None = None) -> Table:
    """One row per completed course, for the state POST training record (a correction's superseded record is
    left out: the course was completed once)."""
    query = select(Certificate).options(*WITHOUT_DOCUMENTS).where(Certificate.status != "superseded")
    if since:
        query = query.where(Certificate.certified_on >= since)
    if until:
        query = query.where(Certificate.certified_on <= until)
    found = db.session.execute(certificates_in(scope, query).order_by(Certificate.certified_on, Certificate.number))
    return COMPLETIONS, [(c.holder_name, c.officer_id, c.agency_name, c.course_title, c.course_version, f"{c.hours:g}",
                          c.certified_on, c.issued_on, c.issuer, c.number) for c in found.scalars()]


CERTIFICATIONS = ("Certificate number", "Name", "State officer ID", "Kind", "Course", "Status", "Status since",
                  "Reason", "Certified on", "Issued on", "Valid until", "Agency at issue")


def certifications(scope: Scope, today: date) -> Table:
    found = db.session.execute(certificates_in(scope, select(Certificate).options(*WITHOUT_DOCUMENTS))
                               .order_by(Certificate.number))
    return CERTIFICATIONS, [(c.number, c.holder_name, c.officer_id, c.kind, c.course_title,
                             certificates.shown_status(c, today), c.status_changed_on,
                             certificates.REASON_LABELS.get(c.status_reason or "", ""), c.certified_on, c.issued_on,
                             c.valid_until or "", c.agency_name) for c in found.scalars()]


CONTINUING_EDUCATION = ("Name", "State officer ID", "Certificate number", "Course", "Provider", "Completed on",
                        "Hours", "Status")


def continuing_education(scope: Scope) -> Table:
    query = (select(ContinuingEducation, Certificate.number, Certificate.holder_name, Certificate.officer_id)
             .join(Certificate, Certificate.id == ContinuingEducation.certificate_id))
    found = db.session.execute(certificates_in(scope, query).order_by(Certificate.holder_name,
                                                                       ContinuingEducation.completed_on))
    return CONTINUING_EDUCATION, [(name, officer_id, number, ce.course_name, ce.provider, ce.completed_on,
                                   f"{ce.hours:g}", ce.status) for ce, number, name, officer_id in found]


CLASS_ROSTER = ("Name", "State officer ID", "Hours credited", "Hours owed", "State written exam", "Role plays passed",
                "Eligible", "What is missing", "Certificate number", "Certificate status")


def class_roster(academy: AcademyClass, today: date) -> Table:
    """Every accepted volunteer with attendance (hours credited and owed), results and certificate."""
    rules = course_of(academy).completion

    people = roster_people(academy.id)
    ids = [person.id for person in people]
    ledgers = ledgers_for(ids, academy)
    records = certificates.records_of(ids, academy, ledgers)
    certified = certificates.current_certificates(ids, academy.course_slug)

    def rows():  # in a fixed number of queries however large the class
        for person in people:
            ledger, record, issued = ledgers[person.id], records[person.id], certified.get(person.id)
            found = verdict(rules, record)
            passed = sum(1 for result in record.scenarios if result.passed)
            yield (person.legal_name, person.officer_id, f"{sum(line.credited for line in ledger):g}",
                   f"{sum(line.owed for line in ledger):g}", "Passed" if record.exam_passed else "Not passed",
                   f"{passed} of {len(record.scenarios)}", "Yes" if found.eligible else "No", "; ".join(found.missing),
                   issued.number if issued else "", certificates.shown_status(issued, today) if issued else "")

    return CLASS_ROSTER, list(rows())

