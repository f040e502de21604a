"""Regions and agencies: lists and administration."""
from flask import Blueprint, render_template

from lms.accounts.access import roles
from lms.accounts.roles import Role

bp = Blueprint("agencies", __name__, url_prefix="/agencies")


@bp.route("/")
@roles(Role.ADMIN, Role.COORDINATOR)
def index():
    return render_template("agencies/index.html")


@bp.route("/regions")
@roles(Role.ADMIN)
def regions():
    return render_template("agencies/regions.html")
