"""Coverage pages: is a CIT officer on every district and shift, what will expiries change, whom to train."""
from dataclasses import asdict
from datetime import date

from flask import Blueprint, abort, get_template_attribute, jsonify, render_template
from markupsafe import Markup
from flask_login import current_user

from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.agencies.models import Agency
from lms.agencies.services import can_see_agency
from lms.certificates.scope import scope_of
from lms.coverage import services
from lms.coverage.grid import by_region, tally
from lms.coverage.roster import dispatch_roster
from lms.extensions import db
from lms.web.read_only import read_only
from lms.web.csv_export import csv_download

bp = Blueprint("coverage", __name__, url_prefix="/coverage")


ROSTER_HEADER = ("District", "Shift", "Name", "State officer ID", "Rank", "Certificate number", "Valid until")


def _visible(agency_id: int) -> Agency:
    """The agency, if the account may see it (a training officer their own, a coordinator the region's, the
    administrator any); 404 otherwise."""
    found = db.get_or_404(Agency, agency_id)
    if not can_see_agency(current_user, found):
        abort(404)
    return found


def _page(agency: Agency):
    def draw(grid, plan) -> Markup:
        return Markup(get_template_attribute("coverage/_agency_body.html", "agency_body")(
            agency.id, agency.name, grid, plan, services.HORIZON_DAYS))

    return render_template("coverage/agency.html", agency=agency, body=services.agency_page(agency, date.today(), draw))


@bp.route("/agency")
@roles(Role.TRAINING_OFFICER)
@read_only
def mine():
    return _page(db.get_or_404(Agency, current_user.agency_id))


@bp.route("/agencies/<int:agency_id>")
@roles(Role.COORDINATOR, Role.ADMIN)
@read_only
def agency(agency_id: int):
    return _page(_visible(agency_id))


@bp.route("/agencies/<int:agency_id>/roster")
@roles(Role.TRAINING_OFFICER, Role.COORDINATOR, Role.ADMIN)
@read_only
def roster(agency_id: int):
    """The dispatch roster: the CIT officers on each district and shift today."""
    found = _visible(agency_id)
    today = date.today()
    return render_template("coverage/roster.html", agency=found, today=today, entries=dispatch_roster(found, today))


@bp.route("/agencies/<int:agency_id>/roster.<any(csv, json):extension>")
@roles(Role.TRAINING_OFFICER, Role.COORDINATOR, Role.ADMIN)
def roster_file(agency_id: int, extension: str):
    found, today = _visible(agency_id), date.today()
    entries = dispatch_roster(found, today)
    if extension == "json":
        response = jsonify(agency=found.name, date=today.isoformat(), officers=[entry.as_json() for entry in entries])
        response.headers["Cache-Control"] = "no-store"
        return response
    return csv_download(f"cit-roster-{found.id}-{today.isoformat()}.csv", ROSTER_HEADER,
                        (tuple(asdict(entry).values()) for entry in entries))


@bp.route("/")
@roles(Role.COORDINATOR, Role.ADMIN)
@read_only
def overview():
    """The coordinator's region, or for the administrator the whole state: which agencies are covered."""
    region_id = scope_of(current_user).region_id
    rows = services.roll_up(region_id, date.today())
    regions = by_region([(agency.region.name, grid) for agency, grid in rows]) if region_id is None else []
    return render_template("coverage/overview.html", rows=rows, state=region_id is None, regions=regions,
                           counts=tally(grid for _, grid in rows))
