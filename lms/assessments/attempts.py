"""Sitting an exam: one open attempt at a time, answers saved as the learner goes, the deadline kept by the
server, and one submission graded from the stored answers only."""
import json
import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from lms.applications.models import Application
from lms.assessments import catalogue
from lms.assessments.content import Exam
from lms.assessments.grading import Grade, grade
from lms.assessments.models import AttemptAnswer, ExamAttempt
from lms.assessments.questions import AnswerRefused, Question
from lms.audit import services as audit
from lms.extensions import db
from lms.learning.models import Enrolment
from lms.rules import RuleRefused


class AttemptError(RuleRefused):
    """An exam step the rules refuse."""


@dataclass(frozen=True)
class Item:
    """One question of an attempt's paper, with the order its parts are shown in."""

    position: int
    question: Question
    layout: tuple[int, ...]


def may_sit(person_id: int, exam: Exam) -> str | None:
    """Why the person may not sit the exam, or None: a knowledge check needs an enrolment in its course (or a seat
    in an academy of it), the state written exam a seat in an academy of its course."""
    if exam.is_knowledge_check:
        enrolled = db.session.execute(select(Enrolment.id).where(
            Enrolment.person_id == person_id, Enrolment.course_slug == exam.course)).first()
        if enrolled:
            return None
    seated = db.session.execute(select(Application.id).where(
        Application.person_id == person_id, Application.course_slug == exam.course,
        Application.status == "accepted")).first()
    if seated:
        return None
    if exam.is_knowledge_check:
        return "Enrol in the course first: its knowledge checks come with its lessons."
    return "The state written exam is for volunteers accepted into an academy of the course."


def attempts_of(person_id: int, exam_slug: str) -> list[ExamAttempt]:
    return list(db.session.execute(select(ExamAttempt).where(
        ExamAttempt.person_id == person_id, ExamAttempt.exam_slug == exam_slug).order_by(ExamAttempt.number)).scalars())


def draw(exam: Exam, rng: random.Random) -> list[dict]:
    """A paper for one attempt: questions drawn from each bank, in shuffled order, each with its layout."""
    banks = catalogue.banks()
    chosen: list[Question] = []
    for part in exam.draws:
        questions = list(banks[part.bank].questions)
        chosen.extend(rng.sample(questions, part.count) if exam.shuffle_questions else questions[:part.count])
    if exam.shuffle_questions:
        rng.shuffle(chosen)
    return [{"q": q.key, "layout": q.kind.layout(q, rng, exam.shuffle_options)} for q in chosen]


def paper(attempt: ExamAttempt) -> list[Item]:
    banks = catalogue.banks()
    items = []
    for position, entry in enumerate(json.loads(attempt.paper)):
        bank, _, question_id = entry["q"].partition("/")
        items.append(Item(position, banks[bank].question(question_id), tuple(entry["layout"])))
    return items


def start(person_id: int, exam: Exam, now: datetime) -> ExamAttempt:
    """Open a new attempt, or return the one already open (a second tab resumes it, never opens another)."""
    reason = may_sit(person_id, exam)
    if reason:
        raise AttemptError(reason)
    earlier = attempts_of(person_id, exam.slug)
    current = next((a for a in earlier if a.status == "open"), None)
    if current is not None and not expire_if_due(current, now):
        return current
    if any(a.passed for a in earlier):
        raise AttemptError("You have passed this exam already.")
    if len(earlier) >= exam.attempts:
        raise AttemptError(f"You have used all {exam.attempts} attempts at this exam.")
    deadline = now + timedelta(minutes=exam.time_limit_minutes) if exam.time_limit_minutes else None
    attempt = ExamAttempt(person_id=person_id, exam_slug=exam.slug, course_slug=exam.course, number=len(earlier) + 1,
                          status="open", paper=json.dumps(draw(exam, random.Random(secrets.randbits(64)))),
                          started_at=now, deadline_at=deadline)
    try:
        with db.session.begin_nested():
            db.session.add(attempt)
    except IntegrityError:  # the same person started it in another tab at the same moment
        return next(a for a in attempts_of(person_id, exam.slug) if a.status == "open")
    audit.record("exam.started", object_type="exam_attempt", object_id=attempt.id,
                 details={"exam": exam.slug, "number": attempt.number})
    return attempt


def expire_if_due(attempt: ExamAttempt, now: datetime) -> bool:
    """Close an open attempt whose time is up, grading what was saved in time; True if it is closed now."""
    if attempt.status == "open" and attempt.deadline_at is not None and now >= attempt.deadline_at:
        submit(attempt, now, closed_by="time")
        return True
    return attempt.status != "open"


def saved_answers(attempt: ExamAttempt) -> dict[int, object]:
    return {answer.position: json.loads(answer.answer) for answer in attempt.answers}


def save_answers(attempt: ExamAttempt, posted: dict[int, list[str]], now: datetime) -> int:
    """Save the answers posted for some questions of the attempt (an empty answer clears one); returns how many
    were saved. Refused once the attempt is submitted or its time is up: late answers never count."""
    items = {item.position: item for item in paper(attempt)}
    stray = sorted(set(posted) - set(items))
    if stray:
        raise AttemptError("That question is not part of this attempt.")
    parsed = {}
    for position, values in posted.items():
        item = items[position]
        try:
            parsed[position] = item.question.kind.parse(item.question, list(item.layout), values)
        except AnswerRefused as refusal:
            raise AttemptError(str(refusal), f"q{position}") from None
    _claim(attempt, now)
    existing = {answer.position: answer for answer in attempt.answers}
    for position, answer in parsed.items():
        row = existing.get(position)
        if answer is None:
            if row is not None:
                db.session.delete(row)
            continue
        if row is None:
            row = AttemptAnswer(attempt=attempt, position=position, question_key=items[position].question.key)
            db.session.add(row)
        row.answer, row.saved_at = json.dumps(answer), now
    db.session.flush()
    return len(parsed)


def _claim(attempt: ExamAttempt, now: datetime) -> None:
    """Touch the attempt only while it is open and in time: one UPDATE, which also holds the row until commit so
    a submission from another tab waits for this save (and a save waits for a submission)."""
    in_time = (ExamAttempt.deadline_at.is_(None)) | (ExamAttempt.deadline_at > now)
    touched = db.session.execute(
        update(ExamAttempt).where(ExamAttempt.id == attempt.id, ExamAttempt.status == "open", in_time)
        .values(last_saved_at=now).execution_options(synchronize_session=False))
    if touched.rowcount == 1:
        return
    db.session.refresh(attempt)
    if attempt.status == "open":  # open but out of time: close it with what was saved in time
        submit(attempt, now, closed_by="time")
        raise AttemptError("Time is up: answers sent after the deadline are not counted. Your attempt is graded "
                           "on the answers saved in time.")
    raise AttemptError("This attempt is already submitted: nothing more can be saved.")


def submit(attempt: ExamAttempt, now: datetime, closed_by: str = "learner") -> ExamAttempt:
    """Close and grade the attempt once. A second submission (another tab, a double click) changes nothing."""
    closed = db.session.execute(
        update(ExamAttempt).where(ExamAttempt.id == attempt.id, ExamAttempt.status == "open")
        .values(status="submitted", submitted_at=now, closed_by=closed_by)
        .execution_options(synchronize_session=False))
    db.session.refresh(attempt)
    if closed.rowcount != 1:
        return attempt
    exam = catalogue.exam(attempt.exam_slug)
    items = paper(attempt)
    result = grade([item.question for item in items], saved_answers(attempt), exam.pass_mark)
    marks = dict(enumerate(result.marks))
    for answer in attempt.answers:
        answer.correct = marks[answer.position]
    attempt.correct, attempt.total, attempt.score, attempt.passed = (
        result.correct, result.total, result.score, result.passed)
    db.session.flush()
    audit.record("exam.submitted", object_type="exam_attempt", object_id=attempt.id,
                 details={"exam": attempt.exam_slug, "score": result.score, "passed": result.passed,
                          "closed_by": closed_by})
    return attempt


def courses_completed_by(attempt: ExamAttempt) -> list[str]:
    """A passed knowledge check may be the last step of the learner's course: complete any enrolment it
    finishes, and return the titles of those courses."""
    if not attempt.passed:
        return []
    from lms.learning import services as learning

    return [learning.course_of(enrolment).title for enrolment in learning.enrolments_of(attempt.person_id)
            if enrolment.course_slug == attempt.course_slug and learning.settle(enrolment)]


def result_of(attempt: ExamAttempt) -> Grade:
    exam = catalogue.exam(attempt.exam_slug)
    return grade([item.question for item in paper(attempt)], saved_answers(attempt), exam.pass_mark)


def passed_exams(person_id: int) -> set[str]:
    """Slugs of the exams and knowledge checks the person has passed."""
    return set(db.session.execute(select(ExamAttempt.exam_slug).where(
        ExamAttempt.person_id == person_id, ExamAttempt.passed.is_(True))).scalars())


def passed_exams_of(person_ids: list[int]) -> dict[int, set[str]]:
    """passed_exams for many people at once, in one query."""
    found: dict[int, set[str]] = {person_id: set() for person_id in person_ids}
    for person_id, slug in db.session.execute(select(ExamAttempt.person_id, ExamAttempt.exam_slug).where(
            ExamAttempt.person_id.in_(person_ids), ExamAttempt.passed.is_(True))):
        found[person_id].add(slug)
    return found
