"""The public home page and each role's dashboard."""
from flask import Blueprint, render_template
from flask_login import current_user

from lms.accounts.access import public, signed_in
from lms.home import dashboards
from lms.web.read_only import read_only

bp = Blueprint("home", __name__)


@bp.route("/")
@public
def index():
    return render_template("home/index.html")


@bp.route("/dashboard")
@signed_in
@read_only
def dashboard():
    panel = dashboards.panel_for(current_user)
    return render_template("home/dashboard.html", panel=panel)
