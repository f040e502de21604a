"""People and the agency roster: find, add and correct people; hire, reassign and separate staff."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.extensions import db
from lms.people import queries, services
from lms.people.forms import EditPersonForm, HireForm, PersonForm, ReassignForm, SeparateForm
from lms.people.models import Employment, Person
from lms.web.refusals import attempt
from lms.accounts.services import account_for_person

bp = Blueprint("people", __name__, url_prefix="/people")
PER_PAGE = 25


def _my_posting(employment_id: int) -> Employment:
    """A posting of the training officer's own agency; any other is not found."""
    job = db.session.get(Employment, employment_id)
    if job is None or job.agency_id != current_user.agency_id:
        abort(404)
    return job


@bp.route("/")
@roles(Role.ADMIN, Role.COORDINATOR)
def index():
    search = request.args.get("q", "").strip()[:100]
    page = db.paginate(queries.people_query(current_user, search), per_page=PER_PAGE, max_per_page=PER_PAGE)
    return render_template("people/index.html", page=page, search=search)


@bp.route("/new", methods=["GET", "POST"])
@roles(Role.ADMIN)
def create():
    form = PersonForm()
    if form.validate_on_submit() and (done := attempt(form, lambda: services.create_person(
            legal_name=form.legal_name.data, email=form.email.data, officer_id=form.officer_id.data or None))):
        person = done.value
        flash(f"{person.legal_name} is added with state officer ID {person.officer_id}.", "success")
        return redirect(url_for("people.detail", person_id=person.id))
    return render_template("people/create.html", form=form), 400 if form.errors else 200


@bp.route("/<int:person_id>")
@roles(Role.ADMIN, Role.COORDINATOR, Role.TRAINING_OFFICER)
def detail(person_id: int):
    person = queries.person_with_history(person_id)
    if person is None or not queries.can_see_person(current_user, person):
        abort(404)
    account = account_for_person(person.id) if current_user.role_enum is Role.ADMIN else None
    return render_template("people/detail.html", person=person, reasons=services.END_REASON_LABELS,
                           account=account)


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@roles(Role.ADMIN)
def edit(person_id: int):
    person = db.get_or_404(Person, person_id)
    form = EditPersonForm(obj=person)
    if form.validate_on_submit() and attempt(form, lambda: services.update_person(
            person, legal_name=form.legal_name.data, email=form.email.data, officer_id=form.officer_id.data)):
        flash(f"{person.legal_name}'s record is saved.", "success")
        return redirect(url_for("people.detail", person_id=person.id))
    return render_template("people/edit.html", form=form, person=person), 400 if form.errors else 200


@bp.route("/roster")
@roles(Role.TRAINING_OFFICER)
def roster():
    agency = current_user.agency
    jobs = queries.roster(agency.id)
    return render_template("people/roster.html", agency=agency, jobs=jobs,
                           staffing=queries.staffing(jobs, agency.districts, agency.shifts))


@bp.route("/roster/hire", methods=["GET", "POST"])
@roles(Role.TRAINING_OFFICER)
def hire():
    agency = current_user.agency
    form = HireForm(agency)
    existing = form.who.data == "existing"
    if form.validate_on_submit() and (done := attempt(form, lambda: services.hire_into_agency(
            agency, rank=form.rank.data, started_on=form.started_on.data,
            existing_officer_id=form.existing_officer_id.data if existing else None,
            legal_name=None if existing else form.legal_name.data,
            email=None if existing else form.email.data,
            officer_id=None if existing else form.officer_id.data or None,
            district_id=form.district_id.data, shift_id=form.shift_id.data,
            patrol_experience_since=form.patrol_experience_since.data))):
        flash(f"{done.value.person.legal_name} is on your roster from {done.value.started_on:%Y-%m-%d}.", "success")
        return redirect(url_for("people.roster"))
    return render_template("people/hire.html", form=form, agency=agency), 400 if form.errors else 200


@bp.route("/roster/<int:employment_id>/assign", methods=["GET", "POST"])
@roles(Role.TRAINING_OFFICER)
def reassign(employment_id: int):
    job = _my_posting(employment_id)
    form = ReassignForm(job.agency, obj=job)
    if form.validate_on_submit() and (done := attempt(form, lambda: services.change_posting(
            job, on=form.effective_on.data, rank=form.rank.data, district_id=form.district_id.data,
            shift_id=form.shift_id.data, patrol_experience_since=form.patrol_experience_since.data))):
        flash(f"{done.value.person.legal_name}'s posting is changed from {done.value.started_on:%Y-%m-%d}.", "success")
        return redirect(url_for("people.roster"))
    return _manage_page(job, form, SeparateForm(prefix="separate")), 400 if form.errors else 200


@bp.route("/roster/<int:employment_id>/separate", methods=["POST"])
@roles(Role.TRAINING_OFFICER)
def separate(employment_id: int):
    job = _my_posting(employment_id)
    form = SeparateForm(prefix="separate")
    if form.validate_on_submit() and attempt(form, lambda: services.separate(
            job, on=form.ended_on.data, reason=form.reason.data), rename={"effective_on": "ended_on"}):
        flash(f"{job.person.legal_name} is off your roster from {job.ended_on:%Y-%m-%d}. "
              "Their history and everything they earned stay on their record.", "success")
        return redirect(url_for("people.roster"))
    return _manage_page(job, ReassignForm(job.agency, formdata=None, obj=job), form), 400


def _manage_page(job: Employment, reassign_form: ReassignForm, separate_form: SeparateForm) -> str:
    return render_template("people/manage.html", job=job, person=job.person, reassign_form=reassign_form,
                           separate_form=separate_form)
