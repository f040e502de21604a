"""What each role's dashboard shows today, and what comes next."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.agencies.models import Agency
from lms.extensions import db
from lms.people.models import Employment


@dataclass
class Panel:
    """The dashboard's headline figures, next steps and links for one account."""

    heading: str
    figures: list[tuple[str, int]] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


def panel_for(account: Account) -> Panel:
    builder = {
        Role.RECRUIT: _learner, Role.OFFICER: _learner, Role.TRAINING_OFFICER: _training_officer,
        Role.INSTRUCTOR: _teacher, Role.MHP: _teacher, Role.COORDINATOR: _coordinator, Role.ADMIN: _admin,
    }[account.role_enum]
    panel = builder(account)
    if not account.mfa_enabled:
        panel.links.append(("Set up two-step sign-in", "accounts.mfa_setup"))
    return panel


def _learner(account: Account) -> Panel:
    from lms.applications import services as applications

    steps = ["Take the baseline mental-health awareness and de-escalation course under My courses."]
    current = applications.standing_of(account.person_id, date.today())
    if account.role_enum is Role.RECRUIT:
        steps.append("The 40-hour CIT academy is for experienced patrol officers: you can volunteer for it after "
                     "your years on patrol.")
    elif current is None:
        steps.append("The 40-hour CIT academy is by application: volunteer under CIT academy, and your agency "
                     "endorses you.")
    panel = Panel(heading="Your training", next_steps=steps,
                  links=[("My courses", "learning.index"), ("My account", "accounts.profile")])
    if current is not None and current.hours is not None:
        hours = current.hours
        panel.figures.append(("Academy hours credited", round(sum(line.credited for line in hours), 2)))
        panel.figures.append(("Academy hours still owed", round(sum(line.owed for line in hours), 2)))
    upcoming = current.next_session if current is not None else None
    if upcoming is not None:
        panel.next_steps.insert(0, f"Next academy session: {upcoming.day:%A %Y-%m-%d}, "
                                   f"{upcoming.starts_at:%H:%M}–{upcoming.ends_at:%H:%M}, {upcoming.place}.")
    if current is not None:
        panel.next_steps.insert(0, f"Your academy application: {current.status_label}.")
        panel.links.insert(0, ("My academy application", "applications.apply"))
    return panel


def _training_officer(account: Account) -> Panel:
    staff = db.session.scalar(
        select(func.count(Employment.id)).where(Employment.agency_id == account.agency_id, Employment.ended_on.is_(None))
    ) or 0
    return Panel(
        heading=f"{account.agency.name if account.agency else 'Your agency'}",
        figures=[("People on your roster", staff)],
        next_steps=["Keep your roster current: hires, district and shift assignments, separations.",
                    "Endorse volunteers for the 40-hour academy, and assign the baseline course with due dates."],
        links=[("Agency roster", "people.roster"), ("Volunteers", "applications.endorsements"),
               ("Baseline course", "learning.agency")],
    )


def _teacher(account: Account) -> Panel:
    return Panel(
        heading="Your classes",
        next_steps=["Sessions of academies you lead, with their attendance sheets, are under My sessions.",
                    "Scenarios to score will appear here."],
        links=[("My sessions", "teaching.index")] if account.role_enum is Role.INSTRUCTOR else [("My account", "accounts.profile")],
    )


def _coordinator(account: Account) -> Panel:
    agencies = db.session.scalar(select(func.count(Agency.id)).where(Agency.region_id == account.region_id)) or 0
    locked = db.session.scalar(
        select(func.count(Account.id)).join(Employment, Employment.person_id == Account.person_id)
        .join(Agency, Agency.id == Employment.agency_id)
        .where(Agency.region_id == account.region_id, Employment.ended_on.is_(None), Account.locked_at.is_not(None))
    ) or 0
    return Panel(
        heading=f"{account.region.name if account.region else 'Your region'}",
        figures=[("Agencies in your region", agencies), ("Locked accounts to review", locked)],
        next_steps=["Schedule academies for your region and decide on endorsed volunteers under Academies."],
        links=[("Academies", "academies.index"), ("Volunteers to decide on", "academies.volunteers"),
               ("Agencies", "agencies.index"), ("People", "people.index"), ("Accounts", "admin.accounts")],
    )


def _admin(account: Account) -> Panel:
    count = lambda model: db.session.scalar(select(func.count(model.id))) or 0  # noqa: E731
    from lms.agencies.models import Region
    from lms.people.models import Person

    locked = db.session.scalar(select(func.count(Account.id)).where(Account.locked_at.is_not(None))) or 0
    return Panel(
        heading="State program",
        figures=[("Regions", count(Region)), ("Agencies", count(Agency)), ("People", count(Person)),
                 ("Accounts", count(Account)), ("Locked accounts", locked)],
        next_steps=["Curricula, rubrics and certificates will be managed here as they arrive."],
        links=[("People", "people.index"), ("Agencies", "agencies.index"), ("Regions", "agencies.regions"),
               ("Accounts", "admin.accounts"), ("Audit trail", "audit.index")],
    )
