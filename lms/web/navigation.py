"""The header's links for each role (only pages the role may open)."""
from lms.accounts.roles import Role
from lms.applications.services import endorsing_agency

ALL_SIGNED_IN = frozenset(Role)
NAV_ITEMS = (
    ("Dashboard", "home.dashboard", ALL_SIGNED_IN),
    ("My sessions", "teaching.index", frozenset({Role.INSTRUCTOR})),
    ("Role plays", "scoring.index", frozenset({Role.INSTRUCTOR, Role.MHP})),
    ("Calibration", "scoring.calibration_cases", frozenset({Role.INSTRUCTOR, Role.MHP, Role.COORDINATOR})),
    ("My courses", "learning.index", frozenset({Role.RECRUIT, Role.OFFICER, Role.TRAINING_OFFICER})),
    ("CIT academy", "applications.apply", frozenset({Role.OFFICER})),
    ("Role-play results", "scoring.my_results", frozenset({Role.OFFICER})),
    ("My certificates", "certificates.mine", frozenset({Role.RECRUIT, Role.OFFICER, Role.TRAINING_OFFICER})),
    ("Agency roster", "people.roster", frozenset({Role.TRAINING_OFFICER})),
    ("Volunteers", "applications.endorsements", frozenset({Role.TRAINING_OFFICER, Role.OFFICER})),
    ("Baseline course", "learning.agency", frozenset({Role.TRAINING_OFFICER})),
    ("Certificates", "certificates.agency", frozenset({Role.TRAINING_OFFICER})),
    ("CIT coverage", "coverage.mine", frozenset({Role.TRAINING_OFFICER})),
    ("Academies", "academies.index", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Program", "dashboards.program", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Coverage", "coverage.overview", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Exports", "exports.index", frozenset({Role.TRAINING_OFFICER, Role.COORDINATOR, Role.ADMIN})),
    ("People", "people.index", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Agencies", "agencies.index", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Regions", "agencies.regions", frozenset({Role.ADMIN})),
    ("Accounts", "admin.accounts", frozenset({Role.ADMIN, Role.COORDINATOR})),
    ("Audit trail", "audit.index", frozenset({Role.ADMIN})),
    ("My account", "accounts.profile", ALL_SIGNED_IN),
)


# Links a role opens only when a further rule says so: an officer endorses volunteers only as a supervisor.
NARROWED = {"applications.endorsements": lambda account: endorsing_agency(account) is not None}


def navigation_for(account) -> list[tuple[str, str]]:
    """The links for a signed-in account (none for visitors)."""
    if not getattr(account, "is_authenticated", False):  # visitors, and rendering outside a request
        return []
    role = account.role_enum
    return [(label, endpoint) for label, endpoint, roles in NAV_ITEMS
            if role in roles and NARROWED.get(endpoint, lambda _account: True)(account)]
