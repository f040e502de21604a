"""`lms keys rotate|list` and `lms certificates list --json`."""
import json
from datetime import date

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from lms.extensions import db


@click.group()
def keys() -> None:
    """Keys that sign credentials."""


@keys.command("rotate")
@with_appcontext
def rotate() -> None:
    """Sign from now on with a new key; credentials signed with older keys still verify."""
    from lms.certificates import signing

    key = signing.rotate()
    db.session.commit()
    click.echo(f"Now signing with {key.kid}. Published keys: {', '.join(sorted(signing.public_keys()))}.")


@keys.command("list")
@with_appcontext
def list_keys() -> None:
    from lms.certificates.models import SigningKey

    for key in db.session.execute(select(SigningKey).order_by(SigningKey.created_at)).scalars():
        click.echo(f"{key.kid}  created {key.created_at:%Y-%m-%d}  {'retired' if key.retired_at else 'in use'}")


@click.group()
def certificates() -> None:
    """Issued certificates."""


@certificates.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array, for scripts")
@with_appcontext
def list_certificates(as_json: bool) -> None:
    """Every certificate: number, code, holder, status, dates."""
    from lms.certificates.models import Certificate
    from lms.certificates.services import shown_status

    today = date.today()
    rows = [{"number": c.number, "code": c.code, "holder": c.holder_name, "course": c.course_slug,
             "status": shown_status(c, today), "issued_on": c.issued_on.isoformat(),
             "expires_on": c.valid_until.isoformat() if c.valid_until else None}
            for c in db.session.execute(select(Certificate).order_by(Certificate.number)).scalars()]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(f"{row['number']}  {row['status']:<10} {row['holder']}  {row['issued_on']} to {row['expires_on']}")


@click.group()
def jobs() -> None:
    """Scheduled jobs."""


@jobs.command("daily")
@with_appcontext
def daily() -> None:
    """Send expiry reminders and lapse notices, and mark lapsed certificates expired (idempotent; run from cron)."""
    from lms.certificates.notices import run_daily

    report = run_daily(date.today())
    click.echo(f"{report.reminders} notices sent, {report.lapsed} certificates lapsed.")
