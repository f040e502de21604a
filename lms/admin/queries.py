"""Which accounts an administrator or coordinator may see, and the account list's filters."""
from sqlalchemy import Select, and_, false, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.agencies.models import Agency, Region
from lms.extensions import db
from lms.people.models import Employment, Person

# An account is disabled, else locked, else active: one state each, in this order of precedence.
STATE_LABELS = {"active": "Active", "locked": "Locked", "disabled": "Disabled"}
STATE_TONES = {"active": "success", "locked": "warning", "disabled": "error"}


def account_state(account: Account) -> str:
    """The one state an account is in, as the list shows and filters it."""
    if account.disabled_at is not None:
        return "disabled"
    if account.locked_at is not None:
        return "locked"
    return "active"


def _state_condition(state: str):
    disabled, locked = Account.disabled_at.is_not(None), Account.locked_at.is_not(None)
    return {
        "disabled": disabled,
        "locked": and_(~disabled, locked),
        "active": and_(~disabled, ~locked),
    }[state]


def visible_accounts(viewer: Account) -> Select:
    """Accounts the viewer may manage: all for an administrator; for a coordinator, the people
    whose current employment is at an agency of their region."""
    query = select(Account)
    role = viewer.role_enum
    if role is Role.ADMIN:
        return query
    if role is Role.COORDINATOR:
        works_in_region = (
            select(Employment.id)
            .join(Agency, Agency.id == Employment.agency_id)
            .where(Employment.person_id == Account.person_id, Employment.ended_on.is_(None),
                   Agency.region_id == viewer.region_id)
            .exists()
        )
        return query.where(works_in_region)
    return query.where(false())


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def account_list(viewer: Account, *, role: str = "", state: str = "", search: str = "") -> Select:
    """The viewer's accounts, filtered, by name; person, region and agency load in the same query."""
    query = (
        visible_accounts(viewer)
        .join(Account.person)
        .options(contains_eager(Account.person), joinedload(Account.region), joinedload(Account.agency))
        .order_by(Person.legal_name, Account.id)
    )
    if role:
        query = query.where(Account.role == role)
    if state:
        query = query.where(_state_condition(state))
    if search:
        pattern = _like(search)
        query = query.where(or_(Person.legal_name.ilike(pattern, escape="\\"),
                                Person.email.ilike(pattern, escape="\\")))
    return query


def find_visible_account(viewer: Account, account_id: int) -> Account | None:
    """One account if the viewer may manage it; None when it does not exist or is out of scope."""
    return db.session.execute(
        visible_accounts(viewer).where(Account.id == account_id)
        .options(joinedload(Account.region), joinedload(Account.agency))
    ).scalar_one_or_none()


def account_of_person(person_id: int) -> int | None:
    """The id of a person's account, if they have one."""
    return db.session.execute(select(Account.id).where(Account.person_id == person_id)).scalar_one_or_none()


def scope_choices() -> tuple[list[Region], list[Agency]]:
    """Every region and agency, by name, for the role form's selects."""
    regions = db.session.execute(select(Region).order_by(Region.name)).scalars().all()
    agencies = db.session.execute(select(Agency).order_by(Agency.name)).scalars().all()
    return list(regions), list(agencies)
