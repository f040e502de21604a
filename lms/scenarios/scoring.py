"""Scoring a role play as pure functions: checking one evaluator's scores, combining several evaluators',
deciding pass or fail, and spotting disagreement that needs the lead evaluator to reconcile."""
import statistics
from dataclasses import dataclass

from lms.scenarios.content import Rubric

NOT_OBSERVED = None  # a criterion the evaluator did not see happen

Scores = dict[str, int | None]  # criterion id -> level (or None: not observed)


def problems(rubric: Rubric, scores: Scores, comments: dict[str, str], *, complete: bool) -> dict[str, str]:
    """What is wrong with one evaluator's scores, by criterion id ('' for the whole sheet). A draft may leave
    criteria unscored; a submission (complete=True) must score or mark every one."""
    found: dict[str, str] = {}
    known = {c.id for c in rubric.criteria}
    if set(scores) - known:
        found[""] = "Those criteria are not on this rubric."
    scale = rubric.scale
    for criterion in rubric.criteria:
        if criterion.id not in scores:
            if complete:
                found[criterion.id] = "Score this criterion" + (" or mark it not observed." if scale.not_observed
                                                                 else ".")
            continue
        level = scores[criterion.id]
        if level is NOT_OBSERVED:
            if not scale.not_observed:
                found[criterion.id] = "This rubric has no “not observed”: choose a score."
            continue
        if isinstance(level, bool) or not isinstance(level, int) or level not in scale.levels:
            found[criterion.id] = f"Choose a score from {scale.min} to {scale.max}."
        elif complete and level in scale.comment_required and not comments.get(criterion.id, "").strip():
            found[criterion.id] = f"A score of {level} needs a comment saying what you saw."
    return found


def _counted(rubric: Rubric, criterion, level: int | None) -> int | None:
    """A "not observed" counts as the scale's minimum, unless the criterion is optional (then it is left out)."""
    if level is NOT_OBSERVED:
        return None if criterion.optional else rubric.scale.min
    return level


def combine(rubric: Rubric, evaluations: list[Scores]) -> dict[str, float | None]:
    """One score per criterion from several evaluators: the median, or for "all-must-pass" the lowest. None when
    an optional criterion was observed by nobody."""
    combined: dict[str, float | None] = {}
    for criterion in rubric.criteria:
        levels = [level for scores in evaluations
                  if (level := _counted(rubric, criterion, scores.get(criterion.id))) is not None]
        if not levels:
            combined[criterion.id] = None
        elif rubric.aggregation == "all-must-pass":
            combined[criterion.id] = float(min(levels))
        else:
            combined[criterion.id] = float(statistics.median(levels))
    return combined


@dataclass(frozen=True)
class Outcome:
    passed: bool
    overall: float | None  # the weighted mean of the combined scores (on the scale)
    below_floor: tuple[str, ...]  # criterion ids under their floor
    critical_failed: tuple[str, ...]  # critical criterion ids under their floor


def outcome(rubric: Rubric, combined: dict[str, float | None], critical: tuple[str, ...] = ()) -> Outcome:
    """Pass needs every scored criterion at or above its floor, no critical criterion failed (a critical
    criterion left unobserved fails too), and for "weighted-mean" rubrics the weighted mean at the pass score."""
    below = tuple(c.id for c in rubric.criteria if combined.get(c.id) is not None and combined[c.id] < c.floor)
    critical_failed = tuple(cid for cid in critical if cid in below or combined.get(cid) is None)
    scored = [(c.weight, combined[c.id]) for c in rubric.criteria if combined.get(c.id) is not None]
    overall = round(sum(w * s for w, s in scored) / sum(w for w, _ in scored), 2) if scored else None
    passed = not below and not critical_failed and overall is not None and (
        rubric.overall == "floors-only" or overall >= rubric.pass_score)
    return Outcome(passed, overall, below, critical_failed)


def disagreements(rubric: Rubric, evaluations: list[Scores], critical: tuple[str, ...] = ()) -> list[str]:
    """Why the evaluators' scores need reconciling: they reach different pass/fail outcomes on their own, or they
    differ on a criterion by more than the rubric allows. Empty when they agree."""
    reasons = []
    if len({outcome(rubric, combine(rubric, [scores]), critical).passed for scores in evaluations}) > 1:
        reasons.append("The evaluators disagree on pass or fail.")
    for criterion in rubric.criteria:
        levels = [_counted(rubric, criterion, scores.get(criterion.id)) for scores in evaluations]
        levels = [level for level in levels if level is not None]
        if levels and max(levels) - min(levels) > rubric.disagreement_levels:
            reasons.append(f"{criterion.title}: scores range from {min(levels)} to {max(levels)}.")
    return reasons
