"""Exam attempts and their answers: the paper drawn for the attempt is stored with it, answers are saved as the
learner goes, and the score is written once, by the server, at submission."""
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person

_open_sql = text("status = 'open'")


class ExamAttempt(db.Model):
    """One sitting of an exam or knowledge check by one person; at most one is open per person and exam."""

    __tablename__ = "exam_attempts"
    __table_args__ = (
        UniqueConstraint("person_id", "exam_slug", "number", name="uq_exam_attempts_number"),
        Index("uq_exam_attempts_open", "person_id", "exam_slug", unique=True, sqlite_where=_open_sql,
              postgresql_where=_open_sql),
        CheckConstraint("status IN ('open', 'submitted')", name="status"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    exam_slug: Mapped[str] = mapped_column(String(80), index=True)
    course_slug: Mapped[str] = mapped_column(String(64))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="open")
    paper: Mapped[str] = mapped_column(Text)  # JSON: [{"q": "bank/id", "layout": [...]}, ...] in the order shown
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(12))  # "learner" or "time"
    correct: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)

    person: Mapped[Person] = relationship()
    answers: Mapped[list["AttemptAnswer"]] = relationship(back_populates="attempt", order_by="AttemptAnswer.position")


class AttemptAnswer(db.Model):
    """The answer to one question of an attempt, as last saved before the deadline."""

    __tablename__ = "attempt_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "position", name="uq_attempt_answers_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("exam_attempts.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    question_key: Mapped[str] = mapped_column(String(160))
    answer: Mapped[str] = mapped_column(Text)  # JSON, in the question's own indices
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    correct: Mapped[bool | None] = mapped_column(Boolean)  # written at submission, for item analysis

    attempt: Mapped[ExamAttempt] = relationship(back_populates="answers")
