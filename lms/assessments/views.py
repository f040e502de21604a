"""Exams and knowledge checks for learners (start, answer with autosave, submit, review) and item analysis for
coordinators."""
from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.assessments import attempts, catalogue, statistics
from lms.assessments.content import Exam
from lms.assessments.models import ExamAttempt
from lms.database import utcnow
from lms.extensions import db
from lms.rules import RuleRefused

bp = Blueprint("exams", __name__, url_prefix="/exams")
LEARNERS = (Role.RECRUIT, Role.OFFICER, Role.TRAINING_OFFICER)


def _exam(slug: str) -> Exam:
    exam = catalogue.exam(slug)
    if exam is None:
        abort(404)
    return exam


def _mine(attempt_id: int) -> ExamAttempt:
    """The signed-in learner's own attempt; anyone else's is a 404, never a 403 that confirms it exists."""
    attempt = db.get_or_404(ExamAttempt, attempt_id)
    if attempt.person_id != current_user.person_id:
        abort(404)
    return attempt


@bp.route("/<slug>")
@roles(*LEARNERS)
def overview(slug: str):
    exam = _exam(slug)
    now = utcnow()
    earlier = attempts.attempts_of(current_user.person_id, exam.slug)
    if any(attempts.expire_if_due(a, now) and a.closed_by == "time" for a in earlier if a.status == "open"):
        db.session.commit()
    return render_template("exams/overview.html", exam=exam, earlier=earlier, form=FlaskForm(),
                           refusal=attempts.may_sit(current_user.person_id, exam),
                           open_attempt=next((a for a in earlier if a.status == "open"), None),
                           used_up=len(earlier) >= exam.attempts, passed=any(a.passed for a in earlier))


@bp.route("/<slug>/start", methods=["POST"])
@roles(*LEARNERS)
def start(slug: str):
    exam = _exam(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        attempt = attempts.start(current_user.person_id, exam, utcnow())
    except RuleRefused as refusal:
        db.session.rollback()
        flash(str(refusal), "error")
        return redirect(url_for("exams.overview", slug=exam.slug))
    db.session.commit()
    return redirect(url_for("exams.take", attempt_id=attempt.id))


def _posted() -> dict[int, list[str]]:
    """Answers in the form, by position: `shown` lists the questions on the page, so a question whose boxes are
    all unticked is saved as cleared rather than left out."""
    posted = {}
    for value in request.form.getlist("shown"):
        if not value.isdigit():
            abort(400)
        position = int(value)
        slots = request.form.get(f"slots{position}", "")
        if slots.isdigit():
            posted[position] = [request.form.get(f"q{position}-{k}", "") for k in range(int(slots))]
        else:
            posted[position] = request.form.getlist(f"q{position}")
    return posted


def _wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@bp.route("/attempts/<int:attempt_id>", methods=["GET", "POST"])
@roles(*LEARNERS)
def take(attempt_id: int):
    attempt = _mine(attempt_id)
    exam = _exam(attempt.exam_slug)
    now = utcnow()
    if attempts.expire_if_due(attempt, now):
        db.session.commit()
        if _wants_json():
            return jsonify(error="This attempt is closed.", closed=True,
                           result=url_for("exams.result", attempt_id=attempt.id)), 409
        return redirect(url_for("exams.result", attempt_id=attempt.id))
    form = FlaskForm()
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            saved = attempts.save_answers(attempt, _posted(), now)
        except RuleRefused as refusal:
            db.session.rollback()
            if _wants_json():
                return jsonify(error=str(refusal), field=refusal.field), 409 if refusal.field is None else 400
            errors[refusal.field or ""] = str(refusal)
        else:
            db.session.commit()
            if _wants_json():
                return jsonify(saved=saved, saved_at=now.strftime("%H:%M:%S"))
            flash("Your answers are saved. You can come back to this attempt until it is submitted.", "success")
            return redirect(url_for("exams.take", attempt_id=attempt.id))
    status = 400 if errors else 200
    return render_template("exams/take.html", exam=exam, attempt=attempt, items=attempts.paper(attempt),
                           answers=attempts.saved_answers(attempt), form=form, errors=errors,
                           seconds_left=int((attempt.deadline_at - now).total_seconds()) if attempt.deadline_at else None
                           ), status


@bp.route("/attempts/<int:attempt_id>/submit", methods=["POST"])
@roles(*LEARNERS)
def submit(attempt_id: int):
    attempt = _mine(attempt_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    now = utcnow()
    if attempt.status == "open" and not attempts.expire_if_due(attempt, now):
        try:
            attempts.save_answers(attempt, _posted(), now)
        except RuleRefused as refusal:
            db.session.rollback()
            flash(f"{refusal} Nothing was submitted.", "error")
            return redirect(url_for("exams.take", attempt_id=attempt.id))
        attempts.submit(attempt, now)
        for title in attempts.courses_completed_by(attempt):
            flash(f"You have completed {title}.", "success")
    db.session.commit()
    return redirect(url_for("exams.result", attempt_id=attempt.id))


@bp.route("/attempts/<int:attempt_id>/result")
@roles(*LEARNERS)
def result(attempt_id: int):
    attempt = _mine(attempt_id)
    if attempt.status == "open":
        if not attempts.expire_if_due(attempt, utcnow()):
            return redirect(url_for("exams.take", attempt_id=attempt.id))
        db.session.commit()
    exam = _exam(attempt.exam_slug)
    return render_template("exams/result.html", exam=exam, attempt=attempt, items=attempts.paper(attempt),
                           answers=attempts.saved_answers(attempt),
                           left=max(0, exam.attempts - len(attempts.attempts_of(attempt.person_id, exam.slug))))


@bp.route("/<slug>/items")
@roles(Role.COORDINATOR, Role.ADMIN)
def items(slug: str):
    exam = _exam(slug)
    return render_template("exams/items.html", exam=exam, rows=statistics.for_exam(exam))
