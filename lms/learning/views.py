"""A learner's courses, lessons and progress."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.curriculum import catalogue
from lms.extensions import db
from lms.learning import services
from lms.assessments.attempts import passed_exams
from lms.learning.progress import course_progress, next_lesson

bp = Blueprint("learning", __name__, url_prefix="/learn")
LEARNERS = (Role.RECRUIT, Role.OFFICER, Role.TRAINING_OFFICER)


def _mine(enrolment_id: int):
    enrolment = services.enrolment_of(current_user.person_id, enrolment_id)
    if enrolment is None:
        abort(404)
    return enrolment


@bp.route("/")
@roles(*LEARNERS)
def index():
    enrolments = services.enrolments_of(current_user.person_id)
    passed = passed_exams(current_user.person_id)
    rows = []
    for enrolment in enrolments:
        course = services.course_of(enrolment)
        read = services.read_set(enrolment)
        rows.append((enrolment, course, course_progress(course, read, passed), next_lesson(course, read)))
    taking = {enrolment.course_slug for enrolment in enrolments if enrolment.status == "active"}
    open_courses = [c for c in catalogue.courses().values() if c.kind == "awareness" and c.slug not in taking]
    return render_template("learning/index.html", rows=rows, open_courses=open_courses, form=FlaskForm())


@bp.route("/enrol/<slug>", methods=["POST"])
@roles(*LEARNERS)
def enrol(slug: str):
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        enrolment = services.enrol_self(current_user.person, slug)
    except services.EnrolmentError as error:
        flash(str(error), "error")
        return redirect(url_for("learning.index"))
    db.session.commit()
    flash("You are enrolled. Start with the first lesson below.", "success")
    return redirect(url_for("learning.course", enrolment_id=enrolment.id))


@bp.route("/<int:enrolment_id>")
@roles(*LEARNERS)
def course(enrolment_id: int):
    enrolment = _mine(enrolment_id)
    content = services.course_of(enrolment)
    read = services.read_set(enrolment)
    return render_template("learning/course.html", enrolment=enrolment, course=content, read=read,
                           tally=course_progress(content, read, passed_exams(current_user.person_id)),
                           upcoming=next_lesson(content, read))


@bp.route("/<int:enrolment_id>/<module_slug>/<lesson_slug>", methods=["GET", "POST"])
@roles(*LEARNERS)
def lesson(enrolment_id: int, module_slug: str, lesson_slug: str):
    enrolment = _mine(enrolment_id)
    content = services.course_of(enrolment)
    module = content.module(module_slug)
    found = next((item for item in module.lessons if item.slug == lesson_slug), None) if module else None
    if found is None:
        abort(404)
    form = FlaskForm()
    if form.validate_on_submit():
        try:
            services.mark_read(enrolment, module_slug, lesson_slug)
        except services.EnrolmentError as error:
            flash(str(error), "error")
            return redirect(url_for("learning.course", enrolment_id=enrolment.id))
        db.session.commit()
        following = next_lesson(content, services.read_set(enrolment))
        if enrolment.status == "completed":
            flash(f"You have completed {content.title}.", "success")
            return redirect(url_for("learning.course", enrolment_id=enrolment.id))
        flash(f"Marked “{found.title}” as read.", "success")
        check = services.check_due(enrolment, module)
        if check is not None:
            flash(f"You have read every lesson of “{module.title}”: take its knowledge check to complete it.", "info")
            return redirect(url_for("exams.overview", slug=check))
        if following:
            return redirect(url_for("learning.lesson", enrolment_id=enrolment.id, module_slug=following[0].slug,
                                    lesson_slug=following[1].slug))
        return redirect(url_for("learning.course", enrolment_id=enrolment.id))
    done = (module_slug, lesson_slug) in services.read_set(enrolment)
    return render_template("learning/lesson.html", enrolment=enrolment, course=content, module=module,
                           lesson=found, done=done, form=form)


@bp.route("/agency", methods=["GET", "POST"])
@roles(Role.TRAINING_OFFICER)
def agency():
    """The training officer's view of who has taken the baseline course, and assigning it with a due date."""
    from datetime import date

    from lms.learning.forms import AssignForm
    from lms.people.models import Person
    from lms.web.refusals import attempt

    course = next((c for c in catalogue.courses().values() if c.kind == "awareness"), None)
    if course is None:
        abort(404)
    standing = services.agency_standing(current_user.agency_id, course.slug)
    form = AssignForm()
    form.people.choices = [(str(person.id), person.legal_name) for person, _ in standing]
    if form.validate_on_submit():
        chosen = [db.session.get(Person, int(pid)) for pid in form.people.data]

        def assign_all():
            for person in chosen:
                services.assign(person, course.slug, form.due_on.data, current_user._get_current_object())

        if attempt(form, assign_all):
            flash(f"Assigned to {len(chosen)} {'person' if len(chosen) == 1 else 'people'}, due {form.due_on.data}.",
                  "success")
            return redirect(url_for("learning.agency"))
    return render_template("learning/agency.html", course=course, standing=standing, form=form,
                           today=date.today()), 400 if form.is_submitted() else 200
