"""The instructor's class day page: the roster of a session, marked row by row, and the sheet lock."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from lms.academies.models import ClassSession
from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.attendance import services
from lms.attendance.forms import MarkForm
from lms.attendance.models import SheetLock
from lms.attendance.rows import day_rows, sheet_html
from lms.web.read_only import read_only
from lms.whole_numbers import whole_number
from lms.web.refusals import attempt

bp = Blueprint("teaching", __name__, url_prefix="/teach")


def _my_session(session_id: int) -> tuple[ClassSession, SheetLock | None]:
    """The session and its sheet's lock, if the account teaches in its academy; 404 otherwise."""
    found = services.class_session(session_id)
    if found is None or not services.teaches(found[0], current_user):
        abort(404)
    return found


@bp.route("/")
@roles(Role.INSTRUCTOR)
def index():
    return render_template("teaching/index.html", sessions=services.sessions_taught_by(current_user))


def _class_day(session_id: int) -> services.ClassDay:
    """The class day as its page shows it, if the account teaches in its academy; 404 otherwise."""
    day = services.class_day(session_id, current_user.id)
    if day is None or not day.teaches:
        abort(404)
    return day


def _day_page(day: services.ClassDay, failed: MarkForm | None = None, failed_person: int | None = None):
    rows, page_errors = day_rows(day.lines, failed, failed_person)
    return render_template("teaching/session.html", session=day, rows=rows, sheet_html=sheet_html,
                           module=day.course.module(day.module_slug), lock_form=FlaskForm(), page_errors=page_errors)


@bp.route("/sessions/<int:session_id>")
@roles(Role.INSTRUCTOR)
@read_only
def session_day(session_id: int):
    return _day_page(_class_day(session_id))


@bp.route("/sessions/<int:session_id>/people/<int:person_id>", methods=["POST"])
@roles(Role.INSTRUCTOR)
def mark(session_id: int, person_id: int):
    session, _ = _my_session(session_id)
    form = MarkForm(prefix=f"p{person_id}")
    version = whole_number(form.version.data)
    if form.validate_on_submit() and attempt(form, lambda: services.mark(
            session, person_id, status=form.status.data, minutes_late=form.minutes_late.data or 0,
            actor=current_user._get_current_object(), reason=form.reason.data or "", expected_version=version)):
        flash("Saved.", "success")
        return redirect(url_for("teaching.session_day", session_id=session.id, _anchor=f"person-{person_id}"))
    return _day_page(_class_day(session_id), form, person_id), 400  # read again: the sheet may be locked now


@bp.route("/sessions/<int:session_id>/lock", methods=["POST"])
@roles(Role.INSTRUCTOR)
def lock(session_id: int):
    session, _ = _my_session(session_id)
    form = FlaskForm()
    if form.validate_on_submit() and attempt(form, lambda: services.lock_sheet(session, current_user._get_current_object())):
        flash("The attendance sheet is locked. Changes now need a reason.", "success")
    elif form.form_errors:
        flash(form.form_errors[0], "error")
    return redirect(url_for("teaching.session_day", session_id=session.id))
