"""Published versions of each course: what was taught, frozen, so records can always show it."""
from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db


class CourseVersion(db.Model):
    """One published version of a course: its declared version, file hash and a full snapshot."""

    __tablename__ = "course_versions"
    __table_args__ = (UniqueConstraint("course_slug", "content_hash", name="uq_course_versions_course_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_slug: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[str] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64))
    version_id: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    total_hours: Mapped[float] = mapped_column(Float)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    snapshot: Mapped[str] = mapped_column(Text, deferred=True)  # JSON of the whole course, lessons included
