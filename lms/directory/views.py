"""The public directory of agencies in the state program and of the regional coordinators (no account)."""
from datetime import date

from flask import Blueprint, current_app, render_template

from lms.accounts.access import public
from lms.directory import services
from lms.web.read_only import read_only

bp = Blueprint("directory", __name__, url_prefix="/directory")


@bp.route("/")
@public
@read_only
def index():
    return render_template("directory/index.html", regions=services.directory(date.today()),
                           minimum=current_app.config["COVERAGE_MINIMUM"])
