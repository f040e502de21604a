"""Grading as pure functions: a paper's questions and the stored answers in, a score out."""
from dataclasses import dataclass

from lms.assessments.questions import Question


@dataclass(frozen=True)
class Grade:
    correct: int
    total: int
    pass_mark: int
    marks: tuple[bool, ...]  # per position: answered correctly

    @property
    def score(self) -> float:
        """Percent correct, to one decimal."""
        return round(100 * self.correct / self.total, 1) if self.total else 0.0

    @property
    def passed(self) -> bool:
        return self.total > 0 and 100 * self.correct >= self.pass_mark * self.total


def grade(questions: list[Question], answers: dict[int, object], pass_mark: int) -> Grade:
    """Score each question from its stored answer (a missing answer scores nothing); nothing else counts."""
    marks = tuple(q.kind.score(q, answers.get(position)) == 1.0 for position, q in enumerate(questions))
    return Grade(correct=sum(marks), total=len(questions), pass_mark=pass_mark, marks=marks)
