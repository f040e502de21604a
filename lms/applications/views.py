"""Volunteering for the 40-hour academy, and the agency's endorsement."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.applications import services
from lms.applications.forms import ApplyForm, EndorseForm
from lms.applications.models import Application
from lms.assessments import catalogue as exam_catalogue
from lms.attendance import make_up
from lms.extensions import db
from lms.web.refusals import attempt

bp = Blueprint("applications", __name__, url_prefix="/academy")
APPLICANTS = (Role.RECRUIT, Role.OFFICER, Role.TRAINING_OFFICER)


@bp.route("/apply", methods=["GET", "POST"])
@roles(*APPLICANTS)
def apply():
    account = current_user._get_current_object()
    form = ApplyForm()
    if form.validate_on_submit() and attempt(form, lambda: services.apply(account, form.motivation.data, date.today())):
        flash("Your application is sent to your agency for endorsement.", "success")
        return redirect(url_for("applications.apply"))
    status = 400 if form.errors or form.form_errors else 200
    current = services.open_application(account.person_id)
    return render_template("applications/apply.html", form=form, verdict=services.verdict_for(account, date.today()),
                           current=current, hours=services.academy_hours(current),
                           make_ups=make_up.booked(account.person_id) if current else [],
                           state_exam=exam_catalogue.state_exam(current.course_slug)
                           if current is not None and current.status == "accepted" else None,
                           history=services.applications_of(account.person_id)), status


@bp.route("/applications/<int:application_id>/withdraw", methods=["POST"])
@roles(*APPLICANTS)
def withdraw(application_id: int):
    application = db.get_or_404(Application, application_id)
    if application.person_id != current_user.person_id:
        abort(404)
    try:
        services.withdraw(application, current_user.person)
    except services.ApplicationError as error:
        flash(str(error), "error")
    else:
        db.session.commit()
        flash("Your application is withdrawn.", "success")
    return redirect(url_for("applications.apply"))


def _endorsing_agency() -> int:
    """The agency the signed-in training officer or supervisor endorses for; anyone else gets a 404."""
    agency_id = services.endorsing_agency(current_user)
    if agency_id is None:
        abort(404)
    return agency_id


def _endorsement_page(posted: EndorseForm | None = None, posted_id: int | None = None):
    queue = services.agency_queue(_endorsing_agency())
    forms = {item.id: EndorseForm(prefix=f"a{item.id}", formdata=None) for item in queue if item.status == "submitted"}
    if posted is not None:
        forms[posted_id] = posted
    return render_template("applications/endorsements.html", queue=queue, forms=forms)


@bp.route("/endorsements")
@roles(Role.TRAINING_OFFICER, Role.OFFICER)
def endorsements():
    return _endorsement_page()


@bp.route("/applications/<int:application_id>/endorse", methods=["POST"])
@roles(Role.TRAINING_OFFICER, Role.OFFICER)
def endorse(application_id: int):
    application = db.get_or_404(Application, application_id)
    if application.agency_id != _endorsing_agency():
        abort(404)
    form = EndorseForm(prefix=f"a{application.id}")
    if form.validate_on_submit() and attempt(form, lambda: services.endorse(
            application, current_user._get_current_object(), endorse=form.decision.data == "endorse",
            comment=form.comment.data or "")):
        flash(f"Your decision on {application.person.legal_name}'s application is recorded.", "success")
        return redirect(url_for("applications.endorsements"))
    return _endorsement_page(form, application.id), 400
