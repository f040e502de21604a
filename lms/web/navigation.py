"""The header's links for each role (only pages the role may open)."""
from lms.accounts.roles import Role

ALL_SIGNED_IN = frozenset(Role)
NAV_ITEMS = (
    ("Dashboard", "home.dashboard", ALL_SIGNED_IN),
    ("My sessions", "teaching.index", frozenset({Role.INSTRUCTOR})),
    ("My courses", "learning.index", frozenset({Role.RECRUIT, Role.OFFICER, Role.TRAINING_OFFICER})),
    ("CIT academy", "applications.apply", frozenset({Role.OFFICER})),
    ("Agency roster", "people.roster", frozenset({Role.TRAINING_OFFICER})),
    ("Volunteers", "applications.endorsements", frozenset({Role.TRAINING_OFFICER})),
    ("Baseline course", "learning.agency", frozenset({Role.TRAINING_OFFICER})),
    ("Academies", "academies.index", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("People", "people.index", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Agencies", "agencies.index", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Regions", "agencies.regions", frozenset({Role.ADMIN})),
    ("Accounts", "admin.accounts", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Audit trail", "audit.index", frozenset({Role.ADMIN})),
    ("My account", "accounts.profile", ALL_SIGNED_IN),
)


def navigation_for(role: Role | None) -> list[tuple[str, str]]:
    if role is None:
        return []
    return [(label, endpoint) for label, endpoint, roles in NAV_ITEMS if role in roles]
