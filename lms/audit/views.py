"""The administrator's audit trail: filters and CSV export."""
from flask import Blueprint, render_template

from lms.accounts.access import roles
from lms.accounts.roles import Role

bp = Blueprint("audit", __name__, url_prefix="/audit")


@bp.route("/")
@roles(Role.ADMIN)
def index():
    return render_template("audit/index.html")
