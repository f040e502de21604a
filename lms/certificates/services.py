"""Issuing certificates: a preview of who is eligible and why not, idempotent issuing with gap-free numbers and
unguessable verification codes, frozen records, and status changes that are recorded, never deleted."""
import secrets
from datetime import date

from flask import current_app
from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, undefer

from lms.academies.models import AcademyClass
from lms.academies.services import can_manage, course_of
from lms.accounts.passwords import verify_password
from lms.accounts.roles import Role
from lms.assessments import catalogue as exams
from lms.assessments.attempts import passed_exams_of
from lms.attendance.services import ledgers_for, roster_people
from lms.audit import services as audit
from lms.certificates import credential, pdf, signing, status_list
from lms.certificates.eligibility import Record, ScenarioResult, Verdict, verdict
from lms.certificates.models import Certificate, CertificateEvent, CertificateSequence
from lms.database import read_values
from lms.extensions import db
from lms.people.models import Person
from lms.rules import RuleRefused
from lms.scenarios import catalogue as scenarios
from lms.scenarios.models import ScenarioRun, ScenarioSession

REASONS = {
    "suspended": ("training-lapsed", "under-review", "agency-request", "other"),
    "revoked": ("issued-in-error", "misconduct", "fraud", "other"),
    "active": ("review-cleared", "training-completed", "other"),
}
REASON_LABELS = {
    "training-lapsed": "Required training lapsed", "under-review": "Under review", "agency-request": "Agency request",
    "issued-in-error": "Issued in error", "misconduct": "Misconduct finding", "fraud": "Obtained by fraud",
    "review-cleared": "Review cleared", "training-completed": "Training completed", "other": "Other",
}
MOVES = {"suspended": ("active",), "active": ("suspended",), "revoked": ("active", "suspended", "expired")}


STATUS_WORDS = {"active": "Active", "expired": "Expired", "suspended": "Suspended", "revoked": "Revoked",
                "superseded": "Superseded by a newer record"}


class CertificateError(RuleRefused):
    """An issuing or status step the rules refuse."""


def manages(account, certificate: Certificate) -> bool:
    """An administrator, or the coordinator of the region that issued the certificate."""
    return account.role_enum is Role.ADMIN or (
        account.role_enum is Role.COORDINATOR and certificate.region_id == account.region_id)


def finals_of(person_ids: list[int], class_id: int) -> dict[int, tuple[ScenarioResult, ...]]:
    """For each person, the latest released final-assessment result per scenario they played as the talker in
    the academy; one query for them all."""
    runs = db.session.execute(
        select(ScenarioRun).join(ScenarioSession)
        .where(ScenarioSession.class_id == class_id, ScenarioSession.final.is_(True),
               ScenarioSession.released_at.is_not(None), ScenarioRun.talker_id.in_(person_ids),
               ScenarioRun.status == "decided").order_by(ScenarioRun.attempt)).scalars()
    latest: dict[int, dict[str, ScenarioRun]] = {person_id: {} for person_id in person_ids}
    for run in runs:
        latest[run.talker_id][run.scenario_slug] = run
    retests = current_app.config["SCENARIO_RETESTS"]
    return {person_id: tuple(ScenarioResult(scenarios.scenario(slug).title, bool(run.passed), run.attempt <= retests)
                             for slug, run in sorted(runs_by_slug.items()))
            for person_id, runs_by_slug in latest.items()}


def records_of(person_ids: list[int], academy: AcademyClass, ledgers: dict | None = None) -> dict[int, Record]:
    """What the completion rules look at, for each person, in a fixed number of queries however many they are;
    `ledgers` spares reading the hours again when the caller has them."""
    exam = exams.state_exam(academy.course_slug)
    ledgers = ledgers if ledgers is not None else ledgers_for(person_ids, academy)
    passed = passed_exams_of(person_ids)
    finals = finals_of(person_ids, academy.id)
    return {person_id: Record(owed_hours={line.title: line.owed for line in ledgers[person_id]},
                              exam_passed=exam is not None and exam.slug in passed[person_id],
                              scenarios=finals[person_id])
            for person_id in person_ids}


def current_certificates(person_ids: list[int], course_slug: str) -> dict[int, Certificate]:
    """Each person's certificate of the course that still stands (active, expired or suspended), by person."""
    return {certificate.person_id: certificate for certificate in db.session.execute(select(Certificate).where(
        Certificate.person_id.in_(person_ids), Certificate.course_slug == course_slug,
        Certificate.status.in_(("active", "expired", "suspended")))).scalars()}


def current_certificate(person_id: int, course_slug: str) -> Certificate | None:
    return current_certificates([person_id], course_slug).get(person_id)


def preview(academy: AcademyClass) -> list[tuple[Person, Verdict, Certificate | None]]:
    """Every accepted volunteer of the academy: eligible or what is missing, and any certificate already issued;
    in a fixed number of queries however large the class."""
    rules = course_of(academy).completion
    people = roster_people(academy.id)
    ids = [person.id for person in people]
    records, issued = records_of(ids, academy), current_certificates(ids, academy.course_slug)
    return [(person, verdict(rules, records[person.id]), issued.get(person.id)) for person in people]


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def next_number(kind_code: str, year: int) -> str:
    """The next certificate number, e.g. UT-CIT-2026-000123: one UPDATE ... RETURNING on the year's counter, in
    the issuing transaction (so a rolled-back issue gives its number back and numbers have no gaps)."""
    key = f"{current_app.config['CERTIFICATE_PREFIX']}-{kind_code}-{year}"
    for _ in range(2):
        taken = db.session.execute(update(CertificateSequence).where(CertificateSequence.key == key)
                                   .values(last=CertificateSequence.last + 1)
                                   .returning(CertificateSequence.last)).scalar_one_or_none()
        if taken is not None:
            return f"{key}-{taken:06d}"
        try:
            with db.session.begin_nested():
                db.session.add(CertificateSequence(key=key, last=0))
        except IntegrityError:  # another coordinator created this year's counter at the same moment
            pass
    raise CertificateError("Could not take a certificate number: try again.")


def issue_record(person: Person, *, kind: str, course, version: str, academy: AcademyClass | None, actor,
           today: date) -> Certificate:
    job = person.current_employment
    years = current_app.config["CERTIFICATE_VALID_YEARS"].get(course.kind)
    codes = current_app.config["CERTIFICATE_COURSE_CODES"]
    certificate = Certificate(
        number=next_number(codes.get(course.kind, "CRS"), today.year), code=secrets.token_urlsafe(24), kind=kind,
        person_id=person.id, holder_name=person.legal_name, officer_id=person.officer_id,
        agency_id=job.agency_id if job else None, agency_name=job.agency.name if job else "No agency",
        course_slug=course.slug, course_title=course.title, course_version=version, hours=course.total_hours,
        class_id=academy.id if academy else None, region_id=academy.region_id if academy else None,
        certified_on=today, issued_on=today, expires_on=years_later(today, years) if years else None,
        valid_until=years_later(today, years) if years else None,
        issuer=current_app.config["PROGRAM_NAME"], signatory=current_app.config["CERTIFICATE_SIGNATORY"],
        status="active", status_changed_on=today, issued_by_id=actor.id if actor else None,
        status_index=status_list.free_index())
    certificate.credential = signing.sign(credential.claims(certificate, current_app.config["PUBLIC_BASE_URL"]))
    pdf.attach(certificate)
    db.session.add(certificate)
    db.session.flush()
    db.session.add(CertificateEvent(certificate_id=certificate.id, action="issued", to_status="active",
                                    actor_id=actor.id if actor else None))
    audit.record("certificate.issued", object_type="certificate", object_id=certificate.id,
                 details={"number": certificate.number, "person_id": person.id})
    return certificate


def issue_class(academy: AcademyClass, coordinator, today: date) -> list[Certificate]:
    """Certify every eligible volunteer of the academy who has no certificate yet. Running it again issues
    nothing new, changes no date and sends nothing."""
    if not can_manage(coordinator, academy):
        raise CertificateError("Only the academy's regional coordinator or an administrator issues certificates.")
    # Write to the academy's row first: a row lock on PostgreSQL, the write lock on SQLite. A second coordinator
    # issuing at the same moment waits here, then sees what the first one issued.
    db.session.execute(update(AcademyClass).where(AcademyClass.id == academy.id).values(id=AcademyClass.id)
                       .execution_options(synchronize_session=False))
    course = course_of(academy)
    issued = []
    for person, result, existing in preview(academy):
        if not result.eligible or existing is not None:
            continue
        try:
            with db.session.begin_nested():
                issued.append(issue_record(person, kind="certification", course=course,
                                     version=academy.course_version.version_id, academy=academy, actor=coordinator,
                                     today=today))
        except IntegrityError:  # issued for this person by another coordinator a moment ago
            continue
    return issued


def issue_completion(person: Person, course, version: str, today: date) -> Certificate | None:
    """The baseline course's certificate of completion, issued when the enrolment completes (once)."""
    if current_certificate(person.id, course.slug) is not None:
        return None
    job = person.current_employment
    certificate = issue_record(person, kind="completion", course=course, version=version, academy=None, actor=None,
                         today=today)
    certificate.region_id = job.agency.region_id if job else None
    return certificate


# Built once, the code bound per call: the public verification page's only query, of the columns it shows and
# checks against the signed credential (credential.claims), read as plain values.
BY_CODE = select(*(getattr(Certificate, name) for name in (
    "code", "number", "kind", "holder_name", "course_slug", "course_title", "course_version", "hours", "issuer",
    "certified_on", "issued_on", "expires_on", "valid_until", "status", "status_changed_on", "status_reason",
    "status_index", "credential"))).where(Certificate.code == bindparam("code"))


def by_code(code: str) -> Row | None:
    """The certificate's public columns, read like the record (row.number, row.status...): what verification
    shows, checks and serves. One query of plain values on the public page's path."""
    if not code or len(code) > 64:
        return None
    return read_values(db.session, BY_CODE, {"code": code}).one_or_none()


def by_number_and_surname(number: str, surname: str) -> Certificate | None:
    """A lookup by the printed number needs the holder's last name too (case and accents aside)."""
    found = db.session.execute(select(Certificate).where(Certificate.number == number.strip().upper())
                               ).scalar_one_or_none()
    if found is None or not surname.strip():
        return None
    last = found.holder_name.split()[-1].casefold()
    return found if last == surname.strip().casefold() else None


def shown_status(certificate: Certificate, today: date) -> str:
    """The status as of today: an active certificate past the end of its validity shows as expired at once,
    before the daily job records it."""
    if certificate.status == "active" and certificate.valid_until is not None and certificate.valid_until < today:
        return "expired"
    return certificate.status


def change_status(certificate: Certificate, actor, *, to: str, reason: str, note: str, password: str,
                  today: date) -> None:
    """Suspend, lift a suspension, or revoke: a coordinator of the certificate's region or an administrator, who
    confirms with their password; a reason category and a note are required; the record stays."""
    if not manages(actor, certificate):
        raise CertificateError("Only the coordinator of the issuing region or an administrator changes a status.")
    if to not in MOVES or certificate.status not in MOVES[to]:
        raise CertificateError(f"A {certificate.status} certificate cannot be made {to}.", "to")
    if reason not in REASONS[to]:
        raise CertificateError("Choose a reason.", "reason")
    if len(note.strip()) < 10:
        raise CertificateError("Write a note saying what happened (it stays with the record).", "note")
    if not verify_password(actor.password_hash, password):
        raise CertificateError("Your password is not right: confirm it to make this change.", "password")
    before = certificate.status
    certificate.status, certificate.status_changed_on, certificate.status_reason = to, today, reason
    db.session.add(CertificateEvent(certificate_id=certificate.id, action={"active": "reinstated"}.get(to, to),
                                    from_status=before, to_status=to, reason=reason, note=note.strip()[:2000],
                                    actor_id=actor.id))
    db.session.flush()
    audit.record(f"certificate.{to}", object_type="certificate", object_id=certificate.id,
                 details={"from": before, "reason": reason})


def reissue_with_current_name(certificate: Certificate, actor, *, note: str, password: str,
                              today: date) -> Certificate:
    """A correction (a legal name change): a new record with the holder's current legal name supersedes the old
    one; the certification and expiry dates carry over, and both records stay in the history."""
    if not manages(actor, certificate):
        raise CertificateError("Only the coordinator of the issuing region or an administrator corrects a record.")
    if certificate.status not in ("active", "expired", "suspended"):
        raise CertificateError(f"A {certificate.status} certificate is not corrected.")
    person = db.session.get(Person, certificate.person_id)
    if person.legal_name == certificate.holder_name:
        raise CertificateError("The holder's legal name has not changed: change it on the person's record first.")
    if len(note.strip()) < 10:
        raise CertificateError("Write a note saying what is corrected and why.", "note")
    if not verify_password(actor.password_hash, password):
        raise CertificateError("Your password is not right: confirm it to make this change.", "password")
    before, reason_before = certificate.status, certificate.status_reason
    certificate.status, certificate.status_changed_on, certificate.status_reason = "superseded", today, None
    db.session.add(CertificateEvent(certificate_id=certificate.id, action="superseded", from_status=before,
                                    to_status="superseded", note=note.strip()[:2000], actor_id=actor.id))
    db.session.flush()  # the old record leaves the "current" index before the new one joins it
    fresh = Certificate(**{column: getattr(certificate, column) for column in (
        "kind", "person_id", "officer_id", "agency_id", "agency_name", "course_slug", "course_title",
        "course_version", "hours", "class_id", "region_id", "certified_on", "expires_on", "valid_until", "issuer",
        "signatory")})
    codes = current_app.config["CERTIFICATE_COURSE_CODES"]
    kind_code = codes.get("advanced" if certificate.kind == "certification" else "awareness", "CRS")
    fresh.number, fresh.code = next_number(kind_code, today.year), secrets.token_urlsafe(24)
    fresh.holder_name, fresh.issued_on, fresh.supersedes_id = person.legal_name, today, certificate.id
    fresh.status = "suspended" if before == "suspended" else "active"
    fresh.status_changed_on, fresh.status_reason = today, reason_before
    fresh.issued_by_id, fresh.status_index = actor.id, status_list.free_index()
    fresh.credential = signing.sign(credential.claims(fresh, current_app.config["PUBLIC_BASE_URL"]))
    pdf.attach(fresh)
    db.session.add(fresh)
    db.session.flush()
    db.session.add(CertificateEvent(certificate_id=fresh.id, action="issued", to_status=fresh.status,
                                    note=f"Supersedes {certificate.number}: {note.strip()[:500]}", actor_id=actor.id))
    audit.record("certificate.superseded", object_type="certificate", object_id=certificate.id,
                 details={"by": fresh.number})
    return fresh


def successor(certificate: Certificate) -> Certificate | None:
    return db.session.execute(select(Certificate).where(Certificate.supersedes_id == certificate.id)
                              ).scalar_one_or_none()


def public_record(certificate: Certificate, today: date) -> dict:
    """What the public may know: nothing about the person beyond the name on the record; and whether the
    record still matches its signed credential (one query for the keys)."""
    status = shown_status(certificate, today)
    problem = credential.check(certificate, current_app.config["PUBLIC_BASE_URL"], signing.KnownKeys())
    lapsed_today = status == "expired" and certificate.status == "active"
    return {"signature": "invalid" if problem else "valid", "signature_problem": problem,
            "number": certificate.number, "status": status, "status_words": STATUS_WORDS[status],
            "status_since": (certificate.valid_until if lapsed_today else certificate.status_changed_on).isoformat(),
            "reason": REASON_LABELS.get(certificate.status_reason) if status in ("suspended", "revoked") else None,
            "holder": certificate.holder_name, "credential": certificate.course_title, "kind": certificate.kind,
            "hours": certificate.hours, "issued_on": certificate.issued_on.isoformat(),
            "certified_on": certificate.certified_on.isoformat(),
            "expires_on": certificate.valid_until.isoformat() if certificate.valid_until else None,
            "renewed": certificate.valid_until != certificate.expires_on, "issuer": certificate.issuer}


def of_person(person_id: int) -> list[Certificate]:
    return list(db.session.execute(select(Certificate).where(Certificate.person_id == person_id)
                                   .order_by(Certificate.issued_on.desc(), Certificate.id.desc())).scalars())


def with_events(certificate_id: int) -> Certificate | None:
    return db.session.execute(select(Certificate).options(joinedload(Certificate.events))
                              .where(Certificate.id == certificate_id)).unique().scalar_one_or_none()


def may_see(account, certificate: Certificate) -> bool:
    """The holder; an administrator; the coordinator of the issuing region; and the training officer of the
    agency the holder works for now (a certificate follows the officer, not the agency that issued it)."""
    if account.person_id == certificate.person_id or manages(account, certificate):
        return True
    if account.role_enum is Role.TRAINING_OFFICER:
        job = db.session.get(Person, certificate.person_id).current_employment
        return job is not None and job.agency_id == account.agency_id
    return False


def of_class(class_id: int) -> list[Certificate]:
    """An academy's certificates with their PDFs, for the class's ZIP."""
    return list(db.session.execute(select(Certificate).options(undefer(Certificate.pdf))
                                   .where(Certificate.class_id == class_id)
                                   .order_by(Certificate.number)).scalars())
