"""The public course catalogue, each course's outline, and its version history."""
from flask import Blueprint, abort, render_template

from lms.accounts.access import public
from lms.curriculum import catalogue, versions

bp = Blueprint("curriculum", __name__, url_prefix="/courses")


def _course_or_404(slug: str):
    course = catalogue.course(slug)
    if course is None:
        abort(404)
    return course


@bp.route("/")
@public
def index():
    from lms.academies.services import upcoming_by_region

    courses = sorted(catalogue.courses().values(), key=lambda c: (c.kind != "awareness", c.title))
    return render_template("curriculum/index.html", courses=courses, academies=upcoming_by_region())


@bp.route("/<slug>")
@public
def detail(slug: str):
    return render_template("curriculum/detail.html", course=_course_or_404(slug))


@bp.route("/<slug>/versions")
@public
def history(slug: str):
    course = _course_or_404(slug)
    return render_template("curriculum/history.html", course=course, versions=versions.history(slug))
