"""Item analysis: for each question, how many saw and answered it, how many got it right, and how well it
separates strong from weak candidates (upper-lower discrimination index and point-biserial correlation)."""
import json
import math
from dataclasses import dataclass

from sqlalchemy import select

from lms.assessments import catalogue
from lms.assessments.content import Exam
from lms.assessments.models import AttemptAnswer, ExamAttempt
from lms.extensions import db

GROUP_SHARE = 0.27  # Kelley's upper and lower 27%


@dataclass(frozen=True)
class Response:
    """One question as seen in one submitted attempt: the attempt's total score, and the outcome."""

    attempt_id: int
    question_key: str
    total_score: float
    answered: bool
    correct: bool


@dataclass(frozen=True)
class ItemStats:
    question_key: str
    seen: int
    answered: int
    correct: int
    discrimination: float | None  # upper-lower index, -1 to 1; None with fewer than 2 candidates
    point_biserial: float | None  # None when everyone or no one got it right, or scores do not vary

    @property
    def difficulty(self) -> float:
        """Share correct (the classical p value), 0 to 1."""
        return self.correct / self.seen if self.seen else 0.0

    @property
    def needs_review(self) -> bool:
        """Too hard, too easy, or not separating strong from weak candidates."""
        if self.seen < 5:
            return False
        return self.difficulty < 0.3 or self.difficulty > 0.95 or (
            self.discrimination is not None and self.discrimination < 0.2)


def discrimination_index(responses: list[Response]) -> float | None:
    """Share correct in the top 27% by total score minus the share correct in the bottom 27% (at least one
    candidate in each group)."""
    if len(responses) < 2:
        return None
    ranked = sorted(responses, key=lambda r: (r.total_score, r.attempt_id))
    size = max(1, round(GROUP_SHARE * len(ranked)))
    lower, upper = ranked[:size], ranked[-size:]
    return round(sum(r.correct for r in upper) / size - sum(r.correct for r in lower) / size, 3)


def point_biserial(responses: list[Response]) -> float | None:
    """Correlation between getting the item right (1/0) and the total score: (M1 - M0) / s * sqrt(p * q), with
    s the population standard deviation of the totals."""
    n = len(responses)
    right = [r.total_score for r in responses if r.correct]
    wrong = [r.total_score for r in responses if not r.correct]
    if not right or not wrong:
        return None
    scores = [r.total_score for r in responses]
    mean = sum(scores) / n
    spread = math.sqrt(sum((s - mean) ** 2 for s in scores) / n)
    if spread == 0:
        return None
    p = len(right) / n
    return round((sum(right) / len(right) - sum(wrong) / len(wrong)) / spread * math.sqrt(p * (1 - p)), 3)


def analyse(responses: list[Response]) -> dict[str, ItemStats]:
    """Statistics per question key, from every response to it."""
    by_question: dict[str, list[Response]] = {}
    for response in responses:
        by_question.setdefault(response.question_key, []).append(response)
    return {key: ItemStats(key, len(rows), sum(r.answered for r in rows), sum(r.correct for r in rows),
                           discrimination_index(rows), point_biserial(rows))
            for key, rows in by_question.items()}


def responses_for(exam_slug: str) -> list[Response]:
    """Every question of every submitted attempt at the exam (two queries)."""
    attempts = db.session.execute(select(ExamAttempt.id, ExamAttempt.paper, ExamAttempt.score).where(
        ExamAttempt.exam_slug == exam_slug, ExamAttempt.status == "submitted")).all()
    outcomes = {(row.attempt_id, row.question_key): row.correct for row in db.session.execute(
        select(AttemptAnswer.attempt_id, AttemptAnswer.question_key, AttemptAnswer.correct)
        .join(ExamAttempt, ExamAttempt.id == AttemptAnswer.attempt_id)
        .where(ExamAttempt.exam_slug == exam_slug, ExamAttempt.status == "submitted"))}
    found = []
    for attempt_id, paper, score in attempts:
        for entry in json.loads(paper):
            outcome = outcomes.get((attempt_id, entry["q"]))
            found.append(Response(attempt_id, entry["q"], score or 0.0, outcome is not None, bool(outcome)))
    return found


def for_exam(exam: Exam) -> list[tuple[object, ItemStats | None]]:
    """Each question the exam can draw, with its statistics (None when nobody has seen it yet)."""
    stats = analyse(responses_for(exam.slug))
    banks = catalogue.banks()
    return [(question, stats.get(question.key)) for draw in exam.draws for question in banks[draw.bank].questions]
