"""People and the agency roster."""
from flask import Blueprint, render_template

from lms.accounts.access import roles
from lms.accounts.roles import Role

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.route("/")
@roles(Role.ADMIN, Role.COORDINATOR)
def index():
    return render_template("people/index.html")


@bp.route("/roster")
@roles(Role.TRAINING_OFFICER)
def roster():
    return render_template("people/roster.html")
