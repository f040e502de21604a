"""`lms users`: create, list and unlock accounts from the command line."""
import click
from flask.cli import with_appcontext
from sqlalchemy import select

from lms.accounts import services
from lms.accounts.authentication import find_account_by_email
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.agencies.models import Agency, Region
from lms.extensions import db
from lms.people import services as people


@click.group()
def users() -> None:
    """Manage accounts."""


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", "legal_name", required=True, help="Legal name")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--officer-id", default=None, help="State officer ID (a provisional one is made if absent)")
@click.option("--region", "region_code", default=None, help="Region code (coordinators)")
@click.option("--agency", "agency_name", default=None, help="Agency name (training officers)")
@with_appcontext
def create(email: str, legal_name: str, role: str, officer_id: str | None, region_code: str | None,
           agency_name: str | None) -> None:
    """Create a person and an account with a temporary password, printed once."""
    region_id = agency_id = None
    if region_code:
        region = db.session.execute(select(Region).where(Region.code == region_code)).scalar_one_or_none()
        if region is None:
            raise click.UsageError(f"no region with code {region_code!r}")
        region_id = region.id
    if agency_name:
        agency = db.session.execute(select(Agency).where(Agency.name == agency_name)).scalar_one_or_none()
        if agency is None:
            raise click.UsageError(f"no agency named {agency_name!r}")
        agency_id = agency.id
    try:
        person = people.create_person(legal_name=legal_name, email=email, officer_id=officer_id)
        created = services.create_account(person, Role(role), region_id=region_id, agency_id=agency_id)
    except (people.PersonError, services.AccountError) as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {role} account for {email}.")
    click.echo(f"Temporary password (shown once, must be changed at first sign-in): {created.temporary_password}")


@users.command("unlock")
@click.option("--email", required=True)
@with_appcontext
def unlock(email: str) -> None:
    """Release an account locked after failed sign-ins."""
    account = find_account_by_email(email)
    if account is None:
        raise click.ClickException(f"no account for {email}")
    services.unlock_account(account)
    db.session.commit()
    click.echo(f"Unlocked {email}.")


@users.command("list")
@with_appcontext
def list_accounts() -> None:
    """List accounts with role and state."""
    rows = db.session.execute(select(Account).order_by(Account.id)).scalars()
    for account in rows:
        state = "disabled" if account.disabled_at else ("locked" if account.locked_at else "active")
        mfa = "mfa" if account.mfa_enabled else "no-mfa"
        click.echo(f"{account.email:40} {account.role:17} {state:9} {mfa}")


@users.command("disable-inactive")
@click.option("--days", default=90, show_default=True)
@with_appcontext
def disable_inactive(days: int) -> None:
    """Disable accounts unused for DAYS (run nightly)."""
    count = services.disable_inactive_accounts(days)
    db.session.commit()
    click.echo(f"Disabled {count} inactive accounts.")



