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


@bp.route("/")
@roles(Role.COORDINATOR, Role.ADMIN)
def overview():
    """The coordinator's region, or for the administrator the whole state: which agencies are covered."""
    region_id = current_user.region_id if current_user.role_enum is Role.COORDINATOR else None
    rows = services.roll_up(region_id, date.today())
    return render_template("coverage/overview.html", rows=rows, state=region_id is None,
                           counts={status: sum(1 for _, grid in rows if grid.status == status)
                                   for status in ("covered", "partly", "not yet")})
