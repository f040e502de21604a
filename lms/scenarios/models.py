"""Scenario sessions of an academy: role plays (runs) scored by several evaluators, reconciled by the lead
evaluator, released to the officers, with an append-only history of every score and change."""
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.columns import UTCDateTime
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person


class ScenarioSession(db.Model):
    """A block of role plays for one academy, with its evaluators and a lead evaluator who reconciles."""

    __tablename__ = "scenario_sessions"
    __table_args__ = (CheckConstraint("min_evaluators >= 1", name="min_evaluators_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("academy_classes.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    final: Mapped[bool] = mapped_column(Boolean, default=True)
    min_evaluators: Mapped[int] = mapped_column(Integer, default=2)
    lead_evaluator_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))

    academy: Mapped[AcademyClass] = relationship()
    lead_evaluator: Mapped[Account] = relationship(foreign_keys=[lead_evaluator_id])
    evaluators: Mapped[list["SessionEvaluator"]] = relationship(back_populates="session")
    runs: Mapped[list["ScenarioRun"]] = relationship(back_populates="session", order_by="ScenarioRun.id")


class SessionEvaluator(db.Model):
    __tablename__ = "scenario_session_evaluators"
    __table_args__ = (UniqueConstraint("session_id", "account_id", name="uq_scenario_session_evaluator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("scenario_sessions.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)

    session: Mapped[ScenarioSession] = relationship(back_populates="evaluators")
    account: Mapped[Account] = relationship()


class ScenarioRun(db.Model):
    """One role play of one scenario by a talker (and a cover officer), first try or retest."""

    __tablename__ = "scenario_runs"
    __table_args__ = (
        CheckConstraint("status IN ('scoring', 'reconcile', 'decided')", name="status"),
        CheckConstraint("attempt IN (1, 2, 3)", name="attempt"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("scenario_sessions.id"), index=True)
    scenario_slug: Mapped[str] = mapped_column(String(80))
    talker_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    cover_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    retest_of_id: Mapped[int | None] = mapped_column(ForeignKey("scenario_runs.id"))
    status: Mapped[str] = mapped_column(String(12), default="scoring")
    combined: Mapped[str | None] = mapped_column(Text)  # JSON: criterion id -> combined score
    overall: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    decided_by: Mapped[str | None] = mapped_column(String(8))  # "rule" or "lead"
    rationale: Mapped[str | None] = mapped_column(Text)
    remediation: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    session: Mapped[ScenarioSession] = relationship(back_populates="runs")
    talker: Mapped[Person] = relationship(foreign_keys=[talker_id])
    cover: Mapped[Person | None] = relationship(foreign_keys=[cover_id])
    evaluations: Mapped[list["Evaluation"]] = relationship(back_populates="run", order_by="Evaluation.id")

    __mapper_args__ = {"version_id_col": version}


class Evaluation(db.Model):
    """One evaluator's scores for one run: a draft saved as they go, then submitted and locked."""

    __tablename__ = "scenario_evaluations"
    __table_args__ = (
        UniqueConstraint("run_id", "evaluator_id", name="uq_scenario_evaluations_run_evaluator"),
        CheckConstraint("status IN ('draft', 'submitted')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scenario_runs.id"), index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    scores: Mapped[str] = mapped_column(Text, default="{}")  # JSON: criterion id -> level or null (not observed)
    comments: Mapped[str] = mapped_column(Text, default="{}")  # JSON: criterion id -> text
    notes: Mapped[str] = mapped_column(Text, default="")
    last_draft: Mapped[str | None] = mapped_column(String(64))  # the client's id of the last draft applied
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    run: Mapped[ScenarioRun] = relationship(back_populates="evaluations")
    evaluator: Mapped[Account] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ScoreChange(db.Model):
    """Append-only history of scoring: who did what, when, the values before and after, and why."""

    __tablename__ = "scenario_score_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scenario_runs.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    action: Mapped[str] = mapped_column(String(32))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[Account | None] = relationship()


class CalibrationCase(db.Model):
    """A described role play with reference scores, published by a coordinator for every evaluator to score."""

    __tablename__ = "calibration_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(160))
    account: Mapped[str] = mapped_column(Text)  # what the officers did and said, for evaluators to score
    reference: Mapped[str] = mapped_column(Text)  # JSON: criterion id -> reference level (or null)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    responses: Mapped[list["CalibrationResponse"]] = relationship(back_populates="case")


class CalibrationResponse(db.Model):
    """One evaluator's scores for a calibration case (one per evaluator and case)."""

    __tablename__ = "calibration_responses"
    __table_args__ = (UniqueConstraint("case_id", "evaluator_id", name="uq_calibration_responses_case_evaluator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("calibration_cases.id"), index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    scores: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    case: Mapped[CalibrationCase] = relationship(back_populates="responses")
    evaluator: Mapped[Account] = relationship()
