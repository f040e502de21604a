"""Accounts (a person's login), their one-time recovery codes, and per-client login throttles."""
from datetime import datetime
from typing import NamedTuple

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.accounts.roles import Role
from lms.agencies.models import Agency, Region
from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person

ROLE_VALUES = ", ".join(f"'{role.value}'" for role in Role)


class OpenPosting(NamedTuple):
    """Where a person serves now: what the header's links ask of the signed-in account."""

    agency_id: int
    rank: str


UNREAD = object()


class Account(UserMixin, db.Model):
    """A person's login: role and scope, password, MFA, lockout and session state."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint(f"role IN ({ROLE_VALUES})", name="role"),
        CheckConstraint("role <> 'coordinator' OR region_id IS NOT NULL", name="coordinator_has_region"),
        CheckConstraint(
            "role <> 'training_officer' OR agency_id IS NOT NULL", name="training_officer_has_agency"
        ),
        CheckConstraint("failed_login_count >= 0", name="failed_login_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), unique=True)
    role: Mapped[str] = mapped_column(String(24))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    temporary_password_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_login_count: Mapped[int] = mapped_column(Integer, default=0)
    first_failed_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary)  # encrypted at rest
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    person: Mapped[Person] = relationship(lazy="joined")
    region: Mapped[Region | None] = relationship()
    agency: Mapped[Agency | None] = relationship()
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(back_populates="account")

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def is_active(self) -> bool:  # Flask-Login: disabled accounts cannot log in
        return self.disabled_at is None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def mfa_enabled(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def email(self) -> str:
        return self.person.email

    @property
    def display_name(self) -> str:
        return self.person.legal_name

    # Set by the session loader, which reads the open posting in the account's own query (lms.accounts.sessions).
    posting_read_with_account = UNREAD  # or an OpenPosting, or None: no open posting

    @property
    def open_posting(self) -> OpenPosting | None:
        """The person's open posting: as the session loader read it, else from their postings."""
        if self.posting_read_with_account is not UNREAD:
            return self.posting_read_with_account
        job = self.person.current_employment
        return OpenPosting(job.agency_id, job.rank) if job else None


class RecoveryCode(db.Model):
    """A one-time code that stands in for the authenticator app; only its hash is kept."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    account: Mapped[Account] = relationship(back_populates="recovery_codes")


class ClientThrottle(db.Model):
    """Failed sign-ins counted per client address, so one client cannot lock everyone out."""

    __tablename__ = "client_throttles"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_address: Mapped[str] = mapped_column(String(64), unique=True)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    failures: Mapped[int] = mapped_column(Integer, default=0)
