"""Regions (mental-health catchment areas), agencies, their districts and patrol shifts."""
from datetime import datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db

AGENCY_KINDS = ("police", "sheriff", "campus", "tribal", "state")
AGENCY_KIND_LABELS = {
    "police": "Police department",
    "sheriff": "Sheriff's office",
    "campus": "Campus police",
    "tribal": "Tribal police",
    "state": "State agency",
}


class Region(db.Model):
    """A mental-health catchment area with its regional academies and coordinator."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The region's public contact on the advisory council (shown in the public directory): the coordinator
    # chooses what the public sees, never their account's email.
    contact_name: Mapped[str | None] = mapped_column(String(160))
    contact_title: Mapped[str | None] = mapped_column(String(160))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(32))

    agencies: Mapped[list["Agency"]] = relationship(back_populates="region", order_by="Agency.name")


class Agency(db.Model):
    """A law-enforcement agency taking part in the state program."""

    __tablename__ = "agencies"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('police', 'sheriff', 'campus', 'tribal', 'state')", name="kind"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    region: Mapped[Region] = relationship(back_populates="agencies")
    districts: Mapped[list["District"]] = relationship(
        back_populates="agency", order_by="District.name"
    )
    shifts: Mapped[list["Shift"]] = relationship(back_populates="agency", order_by="Shift.starts_at")

    @property
    def kind_label(self) -> str:
        return AGENCY_KIND_LABELS[self.kind]


class District(db.Model):
    """A patrol district (beat, precinct, zone) of one agency."""

    __tablename__ = "districts"
    __table_args__ = (UniqueConstraint("agency_id", "name", name="uq_districts_agency_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))

    agency: Mapped[Agency] = relationship(back_populates="districts")


class Shift(db.Model):
    """A named patrol shift with its hours (it may run past midnight)."""

    __tablename__ = "shifts"
    __table_args__ = (UniqueConstraint("agency_id", "name", name="uq_shifts_agency_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time] = mapped_column(Time)

    agency: Mapped[Agency] = relationship(back_populates="shifts")

    @property
    def hours_label(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"
