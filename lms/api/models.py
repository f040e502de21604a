"""API tokens: an agency system's key to the read-only API, kept only as a hash."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.accounts.models import Account
from lms.agencies.models import Agency
from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db


class ApiToken(db.Model):
    """One agency's token, named by its training officer; the token itself is shown once and never stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)  # shown in lists; finds the row to compare
    token_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 hex of the whole token
    created_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    agency: Mapped[Agency] = relationship()
    created_by: Mapped[Account] = relationship(foreign_keys=[created_by_id])
    revoked_by: Mapped[Account | None] = relationship(foreign_keys=[revoked_by_id])

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
