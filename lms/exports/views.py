"""CSV exports for the state POST training record and the program's own records, each scoped to the
account's agency, region or the state, and each download audited."""
from collections.abc import Callable
from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from lms.academies.models import AcademyClass
from lms.academies.services import can_manage
from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.audit import services as audit
from lms.certificates.scope import scope_of
from lms.exports import rows
from lms.exports.forms import PeriodForm
from lms.extensions import db
from lms.web.csv_export import csv_download

bp = Blueprint("exports", __name__, url_prefix="/exports")
EVERY_SCOPE = (Role.TRAINING_OFFICER, Role.COORDINATOR, Role.ADMIN)


def _download(name: str, table: Callable[[], rows.Table], scope: str, **details):
    """Record the download, then read the rows (after the commit, so that they stream from a live result)."""
    audit.record("export.downloaded", object_type="export", object_id=name, details={"scope": scope, **details})
    db.session.commit()
    header, lines = table()
    return csv_download(f"{name}-{scope}-{date.today().isoformat()}.csv", header, lines)


@bp.route("/")
@roles(*EVERY_SCOPE)
def index():
    return render_template("exports/index.html", form=PeriodForm(formdata=None), scope=scope_of(current_user))


@bp.route("/completions.csv")
@roles(*EVERY_SCOPE)
def completions():
    form = PeriodForm(formdata=request.args)
    scope = scope_of(current_user)
    if not form.validate():
        return render_template("exports/index.html", form=form, scope=scope), 400
    return _download("completions", lambda: rows.completions(scope, form.since.data, form.until.data), scope.name,
                     since=str(form.since.data or ""), until=str(form.until.data or ""))


@bp.route("/certifications.csv")
@roles(*EVERY_SCOPE)
def certifications():
    scope = scope_of(current_user)
    return _download("certifications", lambda: rows.certifications(scope, date.today()), scope.name)


@bp.route("/continuing-education.csv")
@roles(*EVERY_SCOPE)
def continuing_education():
    scope = scope_of(current_user)
    return _download("continuing-education", lambda: rows.continuing_education(scope), scope.name)


@bp.route("/academies/<int:class_id>/roster.csv")
@roles(Role.COORDINATOR, Role.ADMIN)
def class_roster(class_id: int):
    academy = db.get_or_404(AcademyClass, class_id)
    if not can_manage(current_user, academy):
        abort(404)
    return _download("academy-roster", lambda: rows.class_roster(academy, date.today()), f"academy-{academy.id}")
