"""Live scoring of role plays: sessions and runs, blind evaluations saved as drafts then submitted, settlement
by the rubric's rule or by the lead evaluator's reconciliation, release to officers, and retests."""
import json
from datetime import datetime

from flask import current_app
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload, selectinload

from lms.academies.models import AcademyClass
from lms.academies.services import can_manage, teaching_staff
from lms.accounts.models import Account
from lms.attendance.services import roster_people
from lms.audit import services as audit
from lms.extensions import db
from lms.whole_numbers import whole_number
from lms.rules import RuleRefused
from lms.scenarios import catalogue
from lms.scenarios.models import Evaluation, ScenarioRun, ScenarioSession, ScoreChange, SessionEvaluator
from lms.scenarios.scoring import combine, disagreements, outcome, problems


class ScoringError(RuleRefused):
    """A scoring step the rules refuse."""


class StaleEvaluation(ScoringError):
    """The sheet changed in another tab or device since this one was loaded."""


def can_organise(account, academy: AcademyClass) -> bool:
    """The academy's lead instructor, or a coordinator or administrator who manages it, sets up role plays."""
    return academy.lead_instructor_id == account.id or can_manage(account, academy)


def create_session(actor, academy: AcademyClass, *, title: str, final: bool, min_evaluators: int,
                   evaluator_ids: list, lead_evaluator_id) -> ScenarioSession:
    """Set up a block of role plays for an academy with its evaluators; final assessments need at least the
    configured number of evaluators per role play (2 by default)."""
    if not can_organise(actor, academy):
        raise ScoringError("Only the academy's lead instructor or its coordinator sets up role plays.")
    wanted = {whole_number(str(i)) for i in evaluator_ids} - {None}
    staff = {a.id: a for a in teaching_staff()}
    if not wanted or wanted - set(staff):
        raise ScoringError("Choose the evaluators from the instructors and mental health professionals listed.",
                           "evaluator_ids")
    needed = current_app.config["SCENARIO_FINAL_MIN_EVALUATORS"] if final else 1
    if min_evaluators < needed:
        raise ScoringError(f"A final assessment needs at least {needed} evaluators per role play.", "min_evaluators")
    if len(wanted) < min_evaluators:
        raise ScoringError(f"Choose at least {min_evaluators} evaluators.", "evaluator_ids")
    lead = whole_number(str(lead_evaluator_id))
    if lead not in wanted or staff[lead].role != "instructor":
        raise ScoringError("The lead evaluator is one of the chosen evaluators and an instructor.", "lead_evaluator_id")
    session = ScenarioSession(class_id=academy.id, title=title.strip(), final=final, min_evaluators=min_evaluators,
                              lead_evaluator_id=lead, created_by_id=actor.id)
    db.session.add(session)
    db.session.flush()
    for account_id in sorted(wanted):
        db.session.add(SessionEvaluator(session=session, account_id=account_id))
    audit.record("scenario.session_created", object_type="scenario_session", object_id=session.id,
                 details={"class_id": academy.id, "evaluators": sorted(wanted), "final": final})
    return session


def add_run(session: ScenarioSession, actor, *, scenario_slug: str, talker_id, cover_id=None) -> ScenarioRun:
    """Put a role play on the session: a scenario played by a talker from the roster, with a cover officer."""
    if not can_organise(actor, session.academy):
        raise ScoringError("Only the academy's lead instructor or its coordinator adds role plays.")
    if session.released_at is not None:
        raise ScoringError("The results of this session are released: start a new session for more role plays.")
    scenario = catalogue.scenario(scenario_slug)
    if scenario is None:
        raise ScoringError("Choose a scenario from the list.", "scenario_slug")
    roster = {person.id for person in roster_people(session.class_id)}
    talker = whole_number(str(talker_id))
    cover = whole_number(str(cover_id or ""))
    if talker not in roster:
        raise ScoringError("Choose the talker from the academy's roster.", "talker_id")
    if cover is not None and (cover not in roster or cover == talker):
        raise ScoringError("Choose a cover officer from the roster, other than the talker.", "cover_id")
    run = ScenarioRun(session=session, scenario_slug=scenario.slug, talker_id=talker, cover_id=cover, attempt=1)
    db.session.add(run)
    db.session.flush()
    audit.record("scenario.run_added", object_type="scenario_run", object_id=run.id,
                 details={"scenario": scenario.slug, "talker_id": talker, "cover_id": cover})
    return run


def is_evaluator(session: ScenarioSession, account) -> bool:
    return any(member.account_id == account.id for member in session.evaluators)


def sheet_of(run: ScenarioRun, account) -> Evaluation | None:
    return next((e for e in run.evaluations if e.evaluator_id == account.id), None)


def _history(run: ScenarioRun, actor, action: str, before=None, after=None, reason: str | None = None) -> None:
    db.session.add(ScoreChange(run_id=run.id, actor_id=actor.id if actor else None, action=action,
                               before=json.dumps(before) if before is not None else None,
                               after=json.dumps(after) if after is not None else None, reason=reason))
    audit.record(f"scenario.{action}", object_type="scenario_run", object_id=run.id,
                 details={"before": before, "after": after, "reason": (reason or "")[:200]})


def parse_scores(rubric, raw: dict) -> dict:
    """Form or JSON values ("5", "n/a" for not observed, "" for not yet) as levels; unknown text is refused."""
    scores = {}
    for criterion_id, value in raw.items():
        value = "" if value is None else str(value).strip()
        if value == "":
            continue
        if value == "n/a":
            scores[criterion_id] = None
        elif whole_number(value.removeprefix("-")) is not None:
            scores[criterion_id] = int(value)
        else:
            raise ScoringError(f"Choose a score from {rubric.scale.min} to {rubric.scale.max}.", criterion_id)
    return scores


def save_draft(run: ScenarioRun, evaluator, *, scores: dict, comments: dict, notes: str, now: datetime,
               expected_version: int | None = None, draft_id: str | None = None) -> Evaluation:
    """Save the evaluator's sheet as a draft. A draft sent twice (a retry after the connection came back) is
    applied once; a sheet changed elsewhere since it was loaded is refused, never silently overwritten."""
    if not is_evaluator(run.session, evaluator):
        raise ScoringError("You are not an evaluator of this session.")
    rubric = catalogue.rubric_for(catalogue.scenario(run.scenario_slug))
    sheet = sheet_of(run, evaluator)
    if sheet is not None and sheet.status == "submitted":
        raise ScoringError("You have submitted this evaluation: it is locked.")
    if sheet is not None and draft_id and sheet.last_draft == draft_id:
        return sheet  # already applied
    if sheet is not None and expected_version is not None and sheet.version != expected_version:
        raise StaleEvaluation("This sheet was changed on another device or tab after you opened it: reload the page "
                              "to see the latest scores before you change them.")
    levels = parse_scores(rubric, scores)
    comments = {key: str(text).strip()[:2000] for key, text in comments.items() if str(text or "").strip()}
    found = problems(rubric, levels, comments, complete=False)
    if found:
        field, message = next(iter(found.items()))
        raise ScoringError(message, field or None)
    if sheet is None:
        sheet = Evaluation(run=run, evaluator_id=evaluator.id, status="draft")
        db.session.add(sheet)
    sheet.scores, sheet.comments = json.dumps(levels), json.dumps(comments)
    sheet.notes, sheet.updated_at, sheet.last_draft = notes.strip()[:4000], now, draft_id
    db.session.flush()
    return sheet


def submit(run: ScenarioRun, evaluator, *, scores: dict, comments: dict, notes: str, now: datetime,
           expected_version: int | None = None) -> Evaluation:
    """Lock the evaluator's sheet: every criterion scored (or not observed), comments where the rubric asks."""
    if run.session.final:
        from lms.scenarios.calibration import require_recent

        require_recent(evaluator, now)
    _lock(run)  # before any write: taking it after one (whose foreign key shares the row) could deadlock
    sheet = save_draft(run, evaluator, scores=scores, comments=comments, notes=notes, now=now,
                       expected_version=expected_version)
    rubric = catalogue.rubric_for(catalogue.scenario(run.scenario_slug))
    levels, notes_by = json.loads(sheet.scores), json.loads(sheet.comments)
    found = problems(rubric, levels, notes_by, complete=True)
    if found:
        field, message = next(iter(found.items()))
        raise ScoringError(message, field or None)
    sheet.status, sheet.submitted_at = "submitted", now
    db.session.flush()
    _history(run, evaluator, "evaluation_submitted", after={"evaluator_id": evaluator.id, "scores": levels})
    settle(run, now)
    return sheet


def _lock(run: ScenarioRun) -> None:
    """Hold the run's row until commit (a row lock on PostgreSQL; the database's write lock on SQLite) and
    reload it, so two evaluators submitting at the same moment settle the run one after the other, each seeing
    the other's sheet, and neither trips over the other's version."""
    # A write that changes nothing: a FOR NO KEY UPDATE row lock on PostgreSQL, the write lock on SQLite.
    db.session.execute(update(ScenarioRun).where(ScenarioRun.id == run.id).values(version=ScenarioRun.version)
                       .execution_options(synchronize_session=False))
    db.session.refresh(run)
    db.session.expire(run, ["evaluations"])


def submitted_sheets(run: ScenarioRun) -> list[Evaluation]:
    return [sheet for sheet in run.evaluations if sheet.status == "submitted"]


def settle(run: ScenarioRun, now: datetime) -> None:
    """Once enough evaluators have submitted: decide by the rubric's rule, or flag for reconciliation when they
    disagree. A result the lead evaluator recorded is never overridden by the rule."""
    if run.decided_by == "lead":
        return
    sheets = submitted_sheets(run)
    if len(sheets) < run.session.min_evaluators:
        return
    scenario = catalogue.scenario(run.scenario_slug)
    rubric = catalogue.rubric_for(scenario)
    evaluations = [json.loads(sheet.scores) for sheet in sheets]
    combined = combine(rubric, evaluations)
    result = outcome(rubric, combined, scenario.critical)
    run.combined, run.overall = json.dumps(combined), result.overall
    if disagreements(rubric, evaluations, scenario.critical):
        run.status, run.passed, run.decided_by, run.decided_at = "reconcile", None, None, None
        return
    run.status, run.passed, run.decided_by, run.decided_at = "decided", result.passed, "rule", now
    _history(run, None, "decided_by_rule", after={"passed": result.passed, "overall": result.overall})


def reconcile(run: ScenarioRun, lead, *, passed: bool, rationale: str, now: datetime, reason: str = "") -> None:
    """The lead evaluator records the final result with a written rationale; after release a reason is needed."""
    if run.session.lead_evaluator_id != lead.id:
        raise ScoringError("Only the session's lead evaluator records the final result.")
    _lock(run)
    if len(submitted_sheets(run)) < run.session.min_evaluators:
        raise ScoringError(f"Wait until {run.session.min_evaluators} evaluators have submitted.")
    rationale = rationale.strip()
    if len(rationale) < 20:
        raise ScoringError("Write the rationale for the final result (at least a sentence).", "rationale")
    released = run.session.released_at is not None
    if released and not reason.strip():
        raise ScoringError("The results are released: say why you change this one.", "reason")
    before = {"passed": run.passed, "status": run.status, "decided_by": run.decided_by}
    run.status, run.passed, run.decided_by, run.decided_at, run.rationale = "decided", passed, "lead", now, rationale
    db.session.flush()
    _history(run, lead, "reconciled", before=before, after={"passed": passed, "rationale": rationale[:500]},
             reason=reason.strip() or None)


def release(session: ScenarioSession, actor, now: datetime) -> None:
    """Show the results to the officers; every role play must have a final result first."""
    if actor.id not in (session.lead_evaluator_id, session.academy.lead_instructor_id):
        raise ScoringError("Only the lead evaluator or the academy's lead instructor releases results.")
    if session.released_at is not None:
        raise ScoringError("These results are already released.")
    waiting = [run for run in session.runs if run.status != "decided"]
    if waiting or not session.runs:
        raise ScoringError(f"{len(waiting)} role play(s) still need a final result before release."
                           if session.runs else "There are no role plays to release.")
    session.released_at, session.released_by_id = now, actor.id
    for run in session.runs:
        _history(run, actor, "released", after={"passed": run.passed})


def schedule_retest(run: ScenarioRun, actor, *, remediation: str) -> ScenarioRun:
    """After a failed role play: a note of what to practise, and a retest of the same scenario (one by default);
    failing the last allowed retest fails the scenario requirement."""
    if not can_organise(actor, run.session.academy) and actor.id != run.session.lead_evaluator_id:
        raise ScoringError("Only the lead evaluator, the lead instructor or the coordinator schedules a retest.")
    if run.status != "decided" or run.passed is not False:
        raise ScoringError("Only a failed role play is retested.")
    allowed = current_app.config["SCENARIO_RETESTS"]
    if run.attempt > allowed:
        raise ScoringError("No retest is left: this scenario requirement is failed.")
    if any(other.retest_of_id == run.id for other in run.session.runs):
        raise ScoringError("A retest is already scheduled.")
    remediation = remediation.strip()
    if len(remediation) < 20:
        raise ScoringError("Write what the officer should practise before the retest.", "remediation")
    run.remediation = remediation
    retest = ScenarioRun(session_id=run.session_id, scenario_slug=run.scenario_slug, talker_id=run.talker_id,
                         cover_id=run.cover_id, attempt=run.attempt + 1, retest_of_id=run.id)
    db.session.add(retest)
    db.session.flush()
    _history(run, actor, "retest_scheduled", after={"retest_run_id": retest.id, "remediation": remediation[:500]})
    return retest


def session_page(session_id: int) -> ScenarioSession | None:
    """A session with its academy, evaluators, runs, people and sheets, in a fixed number of queries."""
    return db.session.execute(
        select(ScenarioSession).options(
            joinedload(ScenarioSession.academy), selectinload(ScenarioSession.evaluators)
            .joinedload(SessionEvaluator.account),
            selectinload(ScenarioSession.runs).options(joinedload(ScenarioRun.talker), joinedload(ScenarioRun.cover),
                                                       selectinload(ScenarioRun.evaluations)))
        .where(ScenarioSession.id == session_id)).unique().scalar_one_or_none()


# Built once, the run's id bound per call: an evaluator's page reloads after every save.
RUN_PAGE = (select(ScenarioRun).options(
    joinedload(ScenarioRun.session).options(joinedload(ScenarioSession.academy),
                                            selectinload(ScenarioSession.evaluators)),
    joinedload(ScenarioRun.talker), joinedload(ScenarioRun.cover),
    selectinload(ScenarioRun.evaluations).joinedload(Evaluation.evaluator))
    .where(ScenarioRun.id == bindparam("run_id")))


# An evaluator's save: the role play, its session's evaluators (is_evaluator) and the sheets (sheet_of, settle), in
# one query; the page itself reads plain values (scoring_page).
RUN_TO_SAVE = (select(ScenarioRun).options(
    joinedload(ScenarioRun.session).joinedload(ScenarioSession.evaluators), joinedload(ScenarioRun.evaluations))
    .where(ScenarioRun.id == bindparam("run_id")))


def run_page(run_id: int) -> ScenarioRun | None:
    return db.session.execute(RUN_PAGE, {"run_id": run_id}).unique().scalar_one_or_none()


def run_to_save(run_id: int) -> ScenarioRun | None:
    return db.session.execute(RUN_TO_SAVE, {"run_id": run_id}).unique().scalar_one_or_none()


def assigned_runs(account) -> list[ScenarioRun]:
    """Role plays in sessions this account evaluates, newest session first."""
    mine = select(SessionEvaluator.session_id).where(SessionEvaluator.account_id == account.id)
    return list(db.session.execute(
        select(ScenarioRun).options(joinedload(ScenarioRun.session), joinedload(ScenarioRun.talker),
                                    selectinload(ScenarioRun.evaluations))
        .where(ScenarioRun.session_id.in_(mine)).order_by(ScenarioRun.session_id.desc(), ScenarioRun.id)
    ).unique().scalars())


def sessions_of_class(class_id: int) -> list[ScenarioSession]:
    return list(db.session.execute(select(ScenarioSession).where(ScenarioSession.class_id == class_id)
                                   .order_by(ScenarioSession.created_at)).scalars())


def released_results(person_id: int) -> list[ScenarioRun]:
    """Released role plays in which the person was the talker or the cover officer."""
    return list(db.session.execute(
        select(ScenarioRun).join(ScenarioSession).options(joinedload(ScenarioRun.session),
                                                          selectinload(ScenarioRun.evaluations))
        .where((ScenarioRun.talker_id == person_id) | (ScenarioRun.cover_id == person_id),
               ScenarioSession.released_at.is_not(None)).order_by(ScenarioRun.id)).unique().scalars())


def feedback(run: ScenarioRun) -> tuple:
    """What a released role play tells the officer: (run, scenario, rubric, combined score per criterion, the
    evaluators' comments per criterion)."""
    scenario = catalogue.scenario(run.scenario_slug)
    rubric = catalogue.rubric_for(scenario)
    notes = [json.loads(sheet.comments) for sheet in submitted_sheets(run)]
    comments = {c.id: [note[c.id] for note in notes if note.get(c.id)] for c in rubric.criteria}
    return run, scenario, rubric, json.loads(run.combined or "{}"), comments


def history_of(run_id: int) -> list[ScoreChange]:
    return list(db.session.execute(select(ScoreChange).options(joinedload(ScoreChange.actor))
                                   .where(ScoreChange.run_id == run_id).order_by(ScoreChange.id)).scalars())


def evaluator_scores(class_id: int) -> dict[str, list[tuple[int, int, str, int]]]:
    """By rubric: (run, evaluator, criterion, level) for every submitted, observed score in the academy's role
    plays (one query)."""
    rows = db.session.execute(
        select(Evaluation.run_id, Evaluation.evaluator_id, Evaluation.scores, ScenarioRun.scenario_slug)
        .join(ScenarioRun, ScenarioRun.id == Evaluation.run_id)
        .join(ScenarioSession, ScenarioSession.id == ScenarioRun.session_id)
        .where(ScenarioSession.class_id == class_id, Evaluation.status == "submitted")).all()
    found: dict[str, list[tuple[int, int, str, int]]] = {}
    for run_id, evaluator_id, scores, slug in rows:
        rubric = catalogue.scenario(slug).rubric
        found.setdefault(rubric, []).extend((run_id, evaluator_id, criterion_id, level)
                                            for criterion_id, level in json.loads(scores).items() if level is not None)
    return found


def evaluator_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {a.id: a.display_name for a in db.session.execute(select(Account).where(Account.id.in_(ids))).scalars()}

