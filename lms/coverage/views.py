"""Coverage pages: is a CIT officer on every district and shift, what will expiries change, whom to train."""
from datetime import date

from flask import Blueprint, abort, render_template
from flask_login import current_user

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.agencies.models import Agency
from lms.coverage import services
from lms.extensions import db

bp = Blueprint("coverage", __name__, url_prefix="/coverage")


def _page(agency: Agency):
    return render_template("coverage/agency.html", agency=agency, grid=services.agency_coverage(agency, date.today()),
                           horizon=services.HORIZON_DAYS)


@bp.route("/agency")
@roles(Role.TRAINING_OFFICER)
def mine():
    return _page(db.get_or_404(Agency, current_user.agency_id))


@bp.route("/agencies/<int:agency_id>")
@roles(Role.COORDINATOR, Role.ADMIN)
def agency(agency_id: int):
    found = db.get_or_404(Agency, agency_id)
    if current_user.role_enum is Role.COORDINATOR and found.region_id != current_user.region_id:
        abort(404)
    return _page(found)
