"""Question banks and exam definitions as immutable values, loaded from assessments/."""
from dataclasses import dataclass

from lms.assessments.questions import Question

REVIEWS = ("after-submission", "score-only")


@dataclass(frozen=True)
class CheckSettings:
    """How a bank behaves as a module's knowledge check."""

    pass_mark: int = 80
    attempts: int = 3
    count: int = 0  # 0: every question


@dataclass(frozen=True)
class Bank:
    slug: str
    title: str
    topic: str
    questions: tuple[Question, ...]
    check: CheckSettings = CheckSettings()

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class Draw:
    bank: str
    count: int


@dataclass(frozen=True)
class Exam:
    """What an attempt draws and how it is run and graded. Knowledge checks are exams made from one bank."""

    slug: str
    title: str
    course: str
    draws: tuple[Draw, ...]
    time_limit_minutes: int = 0
    attempts: int = 2
    pass_mark: int = 80
    shuffle_questions: bool = True
    shuffle_options: bool = True
    review: str = "after-submission"
    module: str | None = None  # the module slug, for a knowledge check

    @property
    def is_knowledge_check(self) -> bool:
        return self.module is not None

    @property
    def question_count(self) -> int:
        return sum(draw.count for draw in self.draws)


def knowledge_check(bank: Bank, course: str, module: str) -> Exam:
    """The knowledge check exam of a module that names this bank."""
    count = bank.check.count or len(bank.questions)
    return Exam(slug=check_slug(bank.slug), title=bank.title, course=course, draws=(Draw(bank.slug, count),),
                attempts=bank.check.attempts, pass_mark=bank.check.pass_mark, module=module)


def check_slug(bank_slug: str) -> str:
    return f"check-{bank_slug}"
