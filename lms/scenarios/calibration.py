"""Calibration: a coordinator publishes a described role play with reference scores; every evaluator scores it
and sees how far they are from the reference; the coordinator sees everyone's drift. A setting can require a
recent calibration before an evaluator submits a final assessment."""
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from lms.accounts.roles import Role
from lms.audit import services as audit
from lms.extensions import db
from lms.scenarios import catalogue
from lms.scenarios.content import Rubric
from lms.scenarios.models import CalibrationCase, CalibrationResponse
from lms.scenarios.services import ScoringError, parse_scores
from lms.scenarios.scoring import problems


@dataclass(frozen=True)
class Drift:
    """How one evaluator's scores differ from the reference: per criterion (theirs minus reference), and the
    mean absolute difference over the criteria both scored."""

    by_criterion: dict[str, int | None]
    mean_absolute: float | None


def drift(reference: dict, scores: dict) -> Drift:
    differences = {key: (scores[key] - level if scores.get(key) is not None and level is not None else None)
                   for key, level in reference.items()}
    counted = [abs(d) for d in differences.values() if d is not None]
    return Drift(differences, round(sum(counted) / len(counted), 2) if counted else None)


def publish(coordinator, *, scenario_slug: str, title: str, account: str, reference: dict) -> CalibrationCase:
    if coordinator.role_enum not in (Role.COORDINATOR, Role.ADMIN):
        raise ScoringError("Only coordinators publish calibration cases.")
    scenario = catalogue.scenario(scenario_slug)
    if scenario is None:
        raise ScoringError("Choose a scenario from the list.", "scenario_slug")
    rubric = catalogue.rubric_for(scenario)
    levels = parse_scores(rubric, reference)
    found = problems(rubric, levels, {c.id: "reference" for c in rubric.criteria}, complete=True)
    if found:
        field, message = next(iter(found.items()))
        raise ScoringError(f"Reference score: {message}", field or None)
    if len(account.strip()) < 80:
        raise ScoringError("Describe the role play in enough detail to score it (a few paragraphs).", "account")
    case = CalibrationCase(scenario_slug=scenario.slug, title=title.strip(), account=account.strip(),
                           reference=json.dumps(levels), published_by_id=coordinator.id)
    db.session.add(case)
    db.session.flush()
    audit.record("calibration.published", object_type="calibration_case", object_id=case.id)
    return case


def respond(case: CalibrationCase, evaluator, scores: dict, now: datetime) -> CalibrationResponse:
    """Score the case once; every criterion scored or marked not observed."""
    if evaluator.role_enum not in (Role.INSTRUCTOR, Role.MHP):
        raise ScoringError("Calibration is for evaluators.")
    if response_of(case, evaluator) is not None:
        raise ScoringError("You have scored this case already.")
    rubric = rubric_of(case)
    levels = parse_scores(rubric, scores)
    found = problems(rubric, levels, {c.id: "calibration" for c in rubric.criteria}, complete=True)
    if found:
        field, message = next(iter(found.items()))
        raise ScoringError(message, field or None)
    response = CalibrationResponse(case_id=case.id, evaluator_id=evaluator.id, scores=json.dumps(levels),
                                   submitted_at=now)
    db.session.add(response)
    db.session.flush()
    audit.record("calibration.scored", object_type="calibration_case", object_id=case.id)
    return response


def rubric_of(case: CalibrationCase) -> Rubric:
    return catalogue.rubric_for(catalogue.scenario(case.scenario_slug))


def response_of(case: CalibrationCase, evaluator) -> CalibrationResponse | None:
    return next((r for r in case.responses if r.evaluator_id == evaluator.id), None)


def cases() -> list[CalibrationCase]:
    return list(db.session.execute(
        select(CalibrationCase).options(selectinload(CalibrationCase.responses)
                                        .joinedload(CalibrationResponse.evaluator))
        .order_by(CalibrationCase.published_at.desc())).unique().scalars())


def case(case_id: int) -> CalibrationCase | None:
    return db.session.execute(select(CalibrationCase).options(
        selectinload(CalibrationCase.responses).joinedload(CalibrationResponse.evaluator))
        .where(CalibrationCase.id == case_id)).unique().scalar_one_or_none()


def calibrated_since(evaluator_id: int, since: datetime) -> bool:
    return db.session.execute(select(CalibrationResponse.id).where(
        CalibrationResponse.evaluator_id == evaluator_id, CalibrationResponse.submitted_at >= since)).first() is not None


def require_recent(evaluator, now: datetime) -> None:
    """With LMS_CALIBRATION_WITHIN_DAYS set, a final assessment needs a calibration case scored that recently."""
    days = current_app.config["CALIBRATION_WITHIN_DAYS"]
    if days and not calibrated_since(evaluator.id, now - timedelta(days=days)):
        raise ScoringError(f"Score a calibration case first: final assessments need a calibration in the last "
                           f"{days} days (see Calibration).")


def with_evaluators(cases_: list[CalibrationCase]) -> list[tuple[CalibrationCase, list]]:
    """Each case with each response's drift from the reference, for the coordinator."""
    shown = []
    for item in cases_:
        reference = json.loads(item.reference)
        shown.append((item, [(r, drift(reference, json.loads(r.scores))) for r in item.responses]))
    return shown


