"""Issued certificates as frozen records: what was true at issue is copied in and never recomputed. Status
changes are appended as events; nothing is ever deleted."""
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint, Date, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint, text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.accounts.models import Account
from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person

STATUSES = ("active", "expired", "suspended", "revoked", "superseded")
_held = text("status IN ('active', 'expired', 'suspended')")


class Certificate(db.Model):
    __tablename__ = "certificates"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'expired', 'suspended', 'revoked', 'superseded')", name="status"),
        CheckConstraint("kind IN ('certification', 'completion')", name="kind"),
        # One current certificate per person and course: issuing again finds it instead of making another.
        Index("uq_certificates_current", "person_id", "course_slug", unique=True, sqlite_where=_held,
              postgresql_where=_held),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # the verification code: 192 random bits
    kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    holder_name: Mapped[str] = mapped_column(String(160))
    officer_id: Mapped[str] = mapped_column(String(32))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    agency_name: Mapped[str] = mapped_column(String(200))
    course_slug: Mapped[str] = mapped_column(String(64))
    course_title: Mapped[str] = mapped_column(String(200))
    course_version: Mapped[str] = mapped_column(String(64))
    hours: Mapped[float] = mapped_column(Float)
    class_id: Mapped[int | None] = mapped_column(ForeignKey("academy_classes.id"))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    certified_on: Mapped[date] = mapped_column(Date)  # first certification; kept through renewals
    issued_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)  # as signed at issue
    valid_until: Mapped[date | None] = mapped_column(Date)  # the current period: moves on with each renewal
    issuer: Mapped[str] = mapped_column(String(200))
    signatory: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(12), default="active")
    status_changed_on: Mapped[date] = mapped_column(Date)
    status_reason: Mapped[str | None] = mapped_column(String(40))  # the reason category, shown publicly
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    status_index: Mapped[int] = mapped_column(Integer, unique=True)  # a random place in the status lists
    credential: Mapped[str] = mapped_column(Text, default="")  # the signed VC-JWT, made at issue
    # Rendered once, at issue, and never re-rendered; loaded only when read (verification never needs it).
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    person: Mapped[Person] = relationship()
    events: Mapped[list["CertificateEvent"]] = relationship(back_populates="certificate",
                                                            order_by="CertificateEvent.id")


class CertificateSequence(db.Model):
    """The last number used per prefix, course code and year; taken inside the issuing transaction, so numbers
    have no gaps and two coordinators issuing at once never get the same one."""

    __tablename__ = "certificate_sequences"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)  # e.g. "UT-CIT-2026"
    last: Mapped[int] = mapped_column(Integer, default=0)


class CertificateEvent(db.Model):
    """Append-only: issue and every change of status, with who, when, the reason category and a note."""

    __tablename__ = "certificate_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(12))
    to_status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    certificate: Mapped[Certificate] = relationship(back_populates="events")
    actor: Mapped[Account | None] = relationship()


class SigningKey(db.Model):
    """One Ed25519 key pair; retired keys stay published so what they signed still verifies."""

    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(40), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw 32 bytes
    private_key: Mapped[bytes] = mapped_column(LargeBinary)  # raw 32 bytes, encrypted
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ContinuingEducation(db.Model):
    """Continuing education an officer logs toward renewing a certificate, with evidence, for approval."""

    __tablename__ = "continuing_education"
    __table_args__ = (CheckConstraint("status IN ('submitted', 'approved', 'rejected')", name="status"),
                      CheckConstraint("hours > 0 AND hours <= 40", name="hours_in_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    course_name: Mapped[str] = mapped_column(String(200))
    provider: Mapped[str] = mapped_column(String(200))
    completed_on: Mapped[date] = mapped_column(Date)
    hours: Mapped[float] = mapped_column(Float)
    evidence: Mapped[bytes] = mapped_column(LargeBinary)
    evidence_type: Mapped[str] = mapped_column(String(40))
    evidence_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="submitted")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)

    certificate: Mapped[Certificate] = relationship()


class Renewal(db.Model):
    """A new validity period for a certificate, signed like the original; the certification date stays."""

    __tablename__ = "certificate_renewals"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    previous_until: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    renewed_on: Mapped[date] = mapped_column(Date)
    renewed_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    credential: Mapped[str] = mapped_column(Text)


class Notice(db.Model):
    """A reminder or lapse notice: sent by SMTP when configured, else kept in the outbox. One per certificate,
    kind, recipient and validity period, so the daily job never sends one twice."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("certificate_id", "kind", "recipient", "period_end", name="uq_notices_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # "90-days", "60-days", "30-days", "lapsed"
    period_end: Mapped[date] = mapped_column(Date)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(8))  # "smtp" or "outbox"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
