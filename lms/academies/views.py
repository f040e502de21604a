"""Academies for coordinators: schedule classes and sessions, see rosters, decide on volunteers."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from lms.academies import services
from lms.academies.forms import ClassForm, DecisionForm, MakeUpForm, SessionForm
from lms.academies.models import AcademyClass, ClassSession
from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.applications.models import Application
from lms.assessments import catalogue as exam_catalogue
from lms.attendance import make_up
from lms.attendance.services import ledger_for
from lms.extensions import db
from lms.web.refusals import attempt

bp = Blueprint("academies", __name__, url_prefix="/academies")


def _managed(class_id: int) -> AcademyClass:
    academy = db.get_or_404(AcademyClass, class_id)
    if not services.can_manage(current_user, academy):
        abort(404)
    return academy


def _open_classes():
    return [c for c in services.classes_for(current_user) if c.ends_on >= date.today()]


@bp.route("/")
@roles(Role.COORDINATOR, Role.ADMIN)
def index():
    return render_template("academies/index.html", academies=services.classes_for(current_user))


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.COORDINATOR)
def create():
    form = ClassForm(services.instructors(), services.teaching_staff())
    made = form.validate_on_submit() and attempt(form, lambda: services.schedule_class(current_user, **form.fields()))
    if made:
        flash(f"{made.value.title} is scheduled. Add its sessions below.", "success")
        return redirect(url_for("academies.detail", class_id=made.value.id))
    return _class_form(form, heading="Schedule an academy", action="Schedule the academy",
                       intro="An academy teaches the current version of the 40-hour course in your region.")


def _class_form(form: ClassForm, **wording):
    return render_template("academies/class_form.html", form=form, **wording), 400 if form.is_submitted() else 200


@bp.route("/<int:class_id>/edit", methods=["GET", "POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def edit(class_id: int):
    academy = _managed(class_id)
    if academy.ends_on < date.today():
        flash("This academy has finished: it can no longer be changed.", "error")
        return redirect(url_for("academies.detail", class_id=academy.id))
    form = ClassForm(services.instructors(), services.teaching_staff(), obj=academy,
                     data={"staff_ids": [str(member.account_id) for member in academy.staff],
                           "lead_instructor_id": str(academy.lead_instructor_id)} if request.method == "GET" else None)
    done = form.validate_on_submit() and attempt(form, lambda: services.edit_class(
        academy, **form.fields(), today=date.today()))
    if done:
        moved = [application.person.legal_name for application in done.value]
        flash(f"{academy.title} is updated." + (f" Moved up from the waiting list: {', '.join(moved)}." if moved else ""),
              "success")
        return redirect(url_for("academies.detail", class_id=academy.id))
    return _class_form(form, heading=f"Change {academy.title}", action="Save the changes",
                       intro="Volunteers see the new dates and place at once. Sessions must stay within the dates.")


@bp.route("/<int:class_id>", methods=["GET", "POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def detail(class_id: int):
    academy = _managed(class_id)
    course = services.course_of(academy)
    form = SessionForm(course)
    if form.validate_on_submit() and attempt(form, lambda: services.add_session(
            academy, module_slug=form.module_slug.data, day=form.day.data, starts_at=form.starts_at.data,
            ends_at=form.ends_at.data, place=form.place.data)):
        flash("The session is on the schedule.", "success")
        return redirect(url_for("academies.detail", class_id=academy.id))
    accepted, waiting = services.roster(academy.id)
    titles = {m.slug: m.title for m in course.modules}
    return render_template("academies/detail.html", academy=academy, course=course, form=form, accepted=accepted,
                           waiting=waiting, titles=titles, today=date.today(),
                           state_exam=exam_catalogue.state_exam(academy.course_slug)), 400 if form.is_submitted() else 200


@bp.route("/volunteers")
@roles(Role.COORDINATOR)
def volunteers():
    return _volunteers_page()


def _volunteers_page(posted: DecisionForm | None = None, posted_id: int | None = None):
    queue = services.region_queue(current_user)
    academies = _open_classes()
    forms = {a.id: DecisionForm(academies, prefix=f"d{a.id}", formdata=None) for a in queue}
    if posted is not None:
        forms[posted_id] = posted
    return render_template("academies/volunteers.html", queue=queue, forms=forms)


@bp.route("/volunteers/<int:application_id>", methods=["POST"])
@roles(Role.COORDINATOR)
def decide(application_id: int):
    application = db.get_or_404(Application, application_id)
    if application.agency.region_id != current_user.region_id:
        abort(404)
    academies = _open_classes()
    form = DecisionForm(academies, prefix=f"d{application.id}")
    academy = next((c for c in academies if str(c.id) == form.class_id.data), None)
    if form.validate_on_submit() and attempt(form, lambda: services.decide(
            application, current_user._get_current_object(), decision=form.decision.data, academy=academy,
            comment=form.comment.data or "")):
        flash(f"{application.person.legal_name}: {application.status_label}.", "success")
        return redirect(url_for("academies.volunteers"))
    return _volunteers_page(form, application.id), 400


def _volunteer_page(academy: AcademyClass, person_id: int, posted: MakeUpForm | None = None):
    application = services.accepted_volunteer(academy.id, person_id)
    if application is None:
        abort(404)
    today = date.today()
    return render_template(
        "academies/volunteer.html", academy=academy, application=application,
        hours=ledger_for(person_id, academy), make_ups=make_up.booked(person_id),
        options=make_up.options(person_id, academy, today), form=posted or MakeUpForm(formdata=None),
        titles={m.slug: m.title for m in services.course_of(academy).modules}), 400 if posted else 200


@bp.route("/<int:class_id>/people/<int:person_id>")
@roles(Role.COORDINATOR, Role.ADMIN)
def volunteer(class_id: int, person_id: int):
    return _volunteer_page(_managed(class_id), person_id)


@bp.route("/<int:class_id>/people/<int:person_id>/make-up", methods=["POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def book_make_up(class_id: int, person_id: int):
    academy = _managed(class_id)
    form = MakeUpForm()
    session = db.session.get(ClassSession, form.session_id.data) if form.validate_on_submit() else None
    if session is None:
        form.form_errors.append("Choose one of the sessions listed.")
    elif attempt(form, lambda: make_up.book(person_id, session, current_user._get_current_object(), date.today()),
                 rename={"session_id": None}):
        flash(f"Make-up seat booked: {session.day:%Y-%m-%d} at {session.place}, {session.academy.title}.", "success")
        return redirect(url_for("academies.volunteer", class_id=academy.id, person_id=person_id))
    return _volunteer_page(academy, person_id, form)
