"""`lms audit verify`: recompute the audit hash chain."""
import click
from flask.cli import with_appcontext

from lms.audit.services import verify_chain


@click.group()
def audit() -> None:
    """Check the audit trail."""


@audit.command("verify")
@with_appcontext
def verify() -> None:
    """Recompute every row's hash; exit 1 and list the breaks if anything was altered."""
    breaks = verify_chain()
    if not breaks:
        click.echo("Audit chain intact.")
        return
    for found in breaks:
        click.echo(f"row {found.seq}: {found.reason}", err=True)
    raise SystemExit(1)
