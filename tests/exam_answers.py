"""Form data that answers an attempt's paper rightly (or wrongly), as a learner's browser would post it."""
from lms.assessments import attempts
from lms.assessments.form_fields import as_form
from lms.assessments.models import ExamAttempt
from lms.extensions import db


def _right(item) -> dict[str, object]:
    return as_form(item, item.question.kind.right_answer(item.question))


def _wrong(item) -> dict[str, object]:
    q, name = item.question, f"q{item.position}"
    if q.type in ("single", "multiple"):
        return {name: [str(n) for n, option in enumerate(q.spec["options"]) if not option.get("correct")][:1]}
    if q.type == "true-false":
        return {name: "false" if q.spec["answer"] else "true"}
    size = len(item.layout)
    if q.type == "ordering":
        return {f"slots{item.position}": str(size),
                **{f"{name}-{k}": str(size - index) for k, index in enumerate(item.layout)}}
    return {f"slots{item.position}": str(size), **{f"{name}-{k}": str((k + 1) % size) for k in range(size)}}


def answers(app, attempt_id: int, right: int | None = None) -> dict[str, object]:
    """Answers for every question: the first `right` of them right (all when None), the rest wrong."""
    with app.app_context():
        items = attempts.paper(db.session.get(ExamAttempt, attempt_id))
    data: dict[str, object] = {"shown": [str(item.position) for item in items]}
    for n, item in enumerate(items):
        data.update(_right(item) if right is None or n < right else _wrong(item))
    return data
