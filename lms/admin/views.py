"""Administration of accounts: roles, disabling, unlocking, password resets, sessions."""
from flask import Blueprint, render_template

from lms.accounts.access import roles
from lms.accounts.roles import Role

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/accounts")
@roles(Role.ADMIN, Role.COORDINATOR)
def accounts():
    return render_template("admin/accounts.html")
