"""The state and regional program dashboard: certified officers over time, new certifications and renewals,
expiries to come, academies and seats, pass rates, and coverage, drawn as accessible charts."""
from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from markupsafe import Markup

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.agencies.models import Region
from lms.dashboards import charts, services
from lms.extensions import db
from lms.web.read_only import read_only

bp = Blueprint("dashboards", __name__, url_prefix="/program")


@bp.route("/")
@roles(Role.COORDINATOR, Role.ADMIN)
@read_only
def program():
    """A coordinator sees their region; the administrator the state, or one region with ?region=<id>."""
    try:
        region = services.region_shown(current_user, request.args.get("region"))
    except LookupError:
        abort(404)
    # The charts depend on the figures alone: drawn once, and kept with them.
    found, drawn = services.program(region.id if region else None, date.today(), lambda figured: Markup(
        render_template("dashboards/_charts.html", figures=figured.figures, number=charts.number)))
    return render_template(
        "dashboards/program.html", region=region, figures=found.figures, counts=found.coverage,
        agencies=found.agencies, drawn=drawn,
        regions=db.session.execute(db.select(Region).order_by(Region.name)).scalars().all())
