"""The evaluator's page as plain values: read on every visit and after every save, from a tablet during the role
play. Loading the role play, its session, evaluators, people and sheets as objects cost SQLAlchemy more than the
query itself; the page shows a handful of values. Saving still goes through the objects
(`services.run_to_save`)."""
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, bindparam, exists, select
from sqlalchemy.orm import aliased

from lms.database import read_values
from lms.extensions import db
from lms.people.models import Person
from lms.scenarios.models import Evaluation, ScenarioRun, ScenarioSession, SessionEvaluator


class OwnSheet(NamedTuple):
    """The signed-in evaluator's sheet for the role play."""

    id: int
    status: str
    version: int
    scores: str  # JSON: criterion id -> level or null (not observed)
    comments: str  # JSON: criterion id -> text
    notes: str
    updated_at: datetime
    submitted_at: datetime | None


class RunToScore(NamedTuple):
    """A role play as one of its evaluators sees it."""

    id: int
    attempt: int
    scenario_slug: str
    talker_name: str
    cover_name: str | None
    lead_evaluator_id: int
    sheet: OwnSheet | None


class OtherSheet(NamedTuple):
    evaluator_id: int
    scores: str


def run_to_score(run_id: int, account_id: int) -> RunToScore | None:
    """The role play with the evaluator's own sheet, in one query; None when there is no such role play or the
    account is not one of its session's evaluators (the two look the same to the caller)."""
    row = read_values(db.session, RUN_TO_SCORE, {"run_id": run_id, "account_id": account_id}).one_or_none()
    if row is None:
        return None
    *run, sheet_id = row[:7]
    return RunToScore(*run, OwnSheet(sheet_id, *row[7:]) if sheet_id is not None else None)


def other_sheets(run_id: int, account_id: int) -> list[OtherSheet]:
    """The other evaluators' submitted sheets, in the order they were started: shown once one's own is
    submitted."""
    return [OtherSheet(*row) for row in read_values(db.session, OTHER_SHEETS, {"run_id": run_id,
                                                                              "account_id": account_id})]


OTHER_SHEETS = (select(Evaluation.evaluator_id, Evaluation.scores)
                .where(Evaluation.run_id == bindparam("run_id"), Evaluation.status == "submitted",
                       Evaluation.evaluator_id != bindparam("account_id"))
                .order_by(Evaluation.id))


# Built once: the role play, its people's names, the session's lead and the account's sheet (at most one: a sheet
# is unique per role play and evaluator), for an account that evaluates the session.
_talker, _cover = aliased(Person), aliased(Person)
RUN_TO_SCORE = (
    select(ScenarioRun.id, ScenarioRun.attempt, ScenarioRun.scenario_slug, _talker.legal_name, _cover.legal_name,
           ScenarioSession.lead_evaluator_id, Evaluation.id, Evaluation.status, Evaluation.version, Evaluation.scores,
           Evaluation.comments, Evaluation.notes, Evaluation.updated_at, Evaluation.submitted_at)
    .join(ScenarioSession, ScenarioSession.id == ScenarioRun.session_id)
    .join(_talker, _talker.id == ScenarioRun.talker_id)
    .outerjoin(_cover, _cover.id == ScenarioRun.cover_id)
    .outerjoin(Evaluation, and_(Evaluation.run_id == ScenarioRun.id,
                                Evaluation.evaluator_id == bindparam("account_id")))
    .where(ScenarioRun.id == bindparam("run_id"),
           exists().where(SessionEvaluator.session_id == ScenarioRun.session_id,
                          SessionEvaluator.account_id == bindparam("account_id"))))
