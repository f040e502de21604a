"""`lms backup PATH` and `lms restore PATH`."""
from pathlib import Path

import click
from flask.cli import with_appcontext

from lms.audit.services import verify_chain
from lms.backups.services import BackupError, backup as take_backup, restore as restore_backup


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(path: Path) -> None:
    """Copy the database to PATH while the application runs (and write PATH.json, its manifest)."""
    try:
        manifest = take_backup(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up {sum(manifest.tables.values())} rows in {len(manifest.tables)} tables to {path} "
               f"(audit chain at {manifest.audit_seq}).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore(path: Path) -> None:
    """Restore PATH into the configured database, which must be empty; check the counts and the audit chain."""
    try:
        manifest = restore_backup(path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    breaks = verify_chain()
    if breaks:
        raise click.ClickException(f"Restored, but the audit chain does not verify: {breaks[0].seq}: {breaks[0].reason}")
    click.echo(f"Restored {sum(manifest.tables.values())} rows in {len(manifest.tables)} tables; row counts match "
               f"the backup and the audit chain verifies ({manifest.audit_seq} events).")
