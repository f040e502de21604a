"""`lms seed synthetic --officers N --agencies M [--seed S]`: a synthetic state for benchmarks."""
import time

import click
from flask.cli import with_appcontext

from lms.extensions import db


@click.group()
def seed() -> None:
    """Generated data for benchmarks and scale tests."""


@seed.command("synthetic")
@click.option("--officers", type=click.IntRange(1, 2_000_000), default=10_000, show_default=True)
@click.option("--agencies", type=click.IntRange(1, 50_000), default=300, show_default=True)
@click.option("--seed", "seed_value", type=int, default=1, show_default=True, help="The same seed gives the same state.")
@with_appcontext
def synthetic(officers: int, agencies: int, seed_value: int) -> None:
    """Add a synthetic state: regions, agencies, officers with postings, academies with attendance, exams and
    role plays, certifications in every status."""
    from lms.synthetic.batches import refresh_statistics
    from lms.synthetic.state import generate

    if agencies > officers:
        raise click.BadParameter("There cannot be more agencies than officers.", param_hint="--agencies")
    began = time.perf_counter()
    made = generate(officers, agencies, seed_value)
    db.session.commit()
    refresh_statistics()
    click.echo(f"Added {made.officers} officers in {made.agencies} agencies and {made.regions} regions, with "
               f"{made.academies} academies, {made.attendance_marks} attendance marks, {made.exam_attempts} exam "
               f"attempts, {made.evaluations} role-play evaluations and {made.certificates} certifications, in "
               f"{time.perf_counter() - began:.1f} s.")
