"""Continuing education and renewal: the officer logs CE with evidence, the coordinator approves it, and once
the approved hours of the current period reach the requirement the coordinator renews: the certification date
stays, a new period begins, and the renewal is signed like the original."""
from datetime import date

from flask import current_app
from sqlalchemy import select

from lms.audit import services as audit
from lms.certificates import signing
from lms.certificates.models import Certificate, CertificateEvent, ContinuingEducation, Renewal
from lms.certificates.services import CertificateError, manages, years_later
from lms.database import utcnow
from lms.extensions import db

SIGNATURES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def evidence_type(data: bytes) -> str | None:
    """The type of an evidence file judged by its content (never by its name): PDF, PNG or JPEG."""
    return next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)


def period_start(certificate: Certificate) -> date:
    years = current_app.config["CERTIFICATE_VALID_YEARS"]["advanced"]
    return years_later(certificate.valid_until, -years)


def log(certificate: Certificate, person, *, course_name: str, provider: str, completed_on: date, hours: float,
        evidence: bytes, evidence_name: str, today: date) -> ContinuingEducation:
    if certificate.person_id != person.id or certificate.kind != "certification":
        raise CertificateError("Log continuing education against one of your CIT certifications.")
    if certificate.status in ("revoked", "superseded"):
        raise CertificateError("This certificate can no longer be renewed.")
    if completed_on > today:
        raise CertificateError("The date cannot be in the future.", "completed_on")
    if not 0 < hours <= 40:
        raise CertificateError("Enter the hours, from 0.25 to 40.", "hours")
    limit = current_app.config["CE_EVIDENCE_MAX_BYTES"]
    if not evidence:
        raise CertificateError("Attach the evidence: a certificate or attendance record, as PDF, PNG or JPEG.",
                               "evidence")
    if len(evidence) > limit:
        raise CertificateError(f"The file is too large: at most {limit // 1_000_000} MB.", "evidence")
    kind = evidence_type(evidence)
    if kind is None:
        raise CertificateError("The file is not a PDF, PNG or JPEG.", "evidence")
    entry = ContinuingEducation(certificate_id=certificate.id, person_id=person.id, course_name=course_name.strip(),
                                provider=provider.strip(), completed_on=completed_on, hours=hours, evidence=evidence,
                                evidence_type=kind, evidence_name=evidence_name[-200:] or "evidence")
    db.session.add(entry)
    db.session.flush()
    audit.record("ce.logged", object_type="continuing_education", object_id=entry.id,
                 details={"certificate_id": certificate.id, "hours": hours})
    return entry


def _coordinates(actor, certificate: Certificate) -> None:
    if not manages(actor, certificate):
        raise CertificateError("Only the coordinator of the issuing region or an administrator decides this.")


def decide(entry: ContinuingEducation, actor, *, approve: bool, note: str) -> None:
    _coordinates(actor, entry.certificate)
    if entry.status != "submitted":
        raise CertificateError("This entry is already decided.")
    if not approve and len(note.strip()) < 5:
        raise CertificateError("Say why it is not approved: the officer will see it.", "note")
    entry.status, entry.decided_by_id, entry.decided_at = ("approved" if approve else "rejected"), actor.id, utcnow()
    entry.decision_note = note.strip() or None
    audit.record("ce.approved" if approve else "ce.rejected", object_type="continuing_education", object_id=entry.id)


def approved_hours(certificate: Certificate) -> float:
    """Approved CE completed within the current validity period."""
    start = period_start(certificate)
    return sum(entry.hours for entry in db.session.execute(select(ContinuingEducation).where(
        ContinuingEducation.certificate_id == certificate.id, ContinuingEducation.status == "approved",
        ContinuingEducation.completed_on >= start, ContinuingEducation.completed_on <= certificate.valid_until
    )).scalars())


def renew(certificate: Certificate, actor, today: date) -> Renewal:
    """A new period: from the end of the current one, or from today if it has lapsed."""
    _coordinates(actor, certificate)
    if certificate.kind != "certification" or certificate.status not in ("active", "expired"):
        raise CertificateError(f"A {certificate.status} certificate is not renewed.")
    needed = current_app.config["CE_HOURS_REQUIRED"]
    have = approved_hours(certificate)
    if have < needed:
        raise CertificateError(f"{have:g} of the {needed:g} hours of approved continuing education in this period.")
    years = current_app.config["CERTIFICATE_VALID_YEARS"]["advanced"]
    start = certificate.valid_until if certificate.valid_until >= today else today
    renewal = Renewal(certificate_id=certificate.id, previous_until=certificate.valid_until,
                      valid_until=years_later(start, years), renewed_on=today, renewed_by_id=actor.id)
    renewal.credential = signing.sign({
        "iss": current_app.config["PUBLIC_BASE_URL"].rstrip("/") + "/", "type": "CertificateRenewal",
        "certificateNumber": certificate.number, "certifiedOn": certificate.certified_on.isoformat(),
        "previousValidUntil": renewal.previous_until.isoformat(), "validUntil": renewal.valid_until.isoformat(),
        "renewedOn": today.isoformat()})
    before = certificate.status
    certificate.valid_until, certificate.status, certificate.status_changed_on = renewal.valid_until, "active", today
    db.session.add(renewal)
    db.session.add(CertificateEvent(certificate_id=certificate.id, action="renewed", from_status=before,
                                    to_status="active", note=f"Valid until {renewal.valid_until}", actor_id=actor.id))
    db.session.flush()
    audit.record("certificate.renewed", object_type="certificate", object_id=certificate.id,
                 details={"valid_until": renewal.valid_until.isoformat()})
    return renewal


def of_certificate(certificate_id: int) -> list[ContinuingEducation]:
    return list(db.session.execute(select(ContinuingEducation).where(
        ContinuingEducation.certificate_id == certificate_id).order_by(ContinuingEducation.completed_on)).scalars())
