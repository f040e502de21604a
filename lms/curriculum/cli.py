"""`lms content check` and `lms content sync`."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from lms.assessments.catalogue import cross_check
from lms.assessments.loader import load_assessments
from lms.curriculum.loader import load_catalogue
from lms.scenarios.loader import load_scenarios


@click.group()
def content() -> None:
    """Check and publish course content."""


@content.command("check")
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@with_appcontext
def check(path: Path | None) -> None:
    """Check every course under PATH (default: courses/) and the question banks and exams of assessments/;
    list all problems; exit 1 if any."""
    root = path or Path(current_app.config["CONTENT_ROOT"])
    courses, problems = load_catalogue(root, Path(current_app.config["ASSESSMENTS_ROOT"]))
    banks, exams, assessment_problems = load_assessments(Path(current_app.config["ASSESSMENTS_ROOT"]))
    rubrics, scenarios, scenario_problems = load_scenarios(Path(current_app.config["ASSESSMENTS_ROOT"]))
    problems += assessment_problems + scenario_problems
    if path is None:
        problems += cross_check(courses, exams)
    for problem in problems:
        click.echo(str(problem), err=True)
    for course in courses.values():
        lessons = sum(len(module.lessons) for module in course.modules)
        click.echo(f"{course.slug} {course.version_id}: {len(course.modules)} modules, {lessons} lessons, "
                   f"{sum(m.hours for m in course.modules):g} of {course.total_hours:g} hours")
    click.echo(f"assessments: {len(banks)} question banks ({sum(len(b.questions) for b in banks.values())} "
               f"questions), {len(exams)} exams, {len(rubrics)} rubrics, {len(scenarios)} scenarios")
    if problems:
        click.echo(f"{len(problems)} problems found.", err=True)
        raise SystemExit(1)
    click.echo("Content is valid.")


@content.command("sync")
@with_appcontext
def sync() -> None:
    """Publish the current content: record a new version of each course whose files changed."""
    from lms.curriculum import catalogue, versions
    from lms.extensions import db

    published = versions.publish_all(catalogue.courses())
    db.session.commit()
    for version in published:
        click.echo(f"Published {version.course_slug} {version.version_id}.")
    if not published:
        click.echo("Every course is already published at its current version.")
