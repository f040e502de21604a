"""Reading people and rosters: who an account may see, histories, and staffing per district and shift."""
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import false, or_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from lms.accounts.roles import Role
from lms.agencies.models import Agency, District, Shift
from lms.extensions import db
from lms.people.models import Employment, Person


def people_query(account, search: str | None = None):
    """People an account may list, by name, with each one's postings and agencies loaded in two queries."""
    query = (select(Person).order_by(Person.legal_name, Person.id)
             .options(selectinload(Person.employments).joinedload(Employment.agency)))
    role = account.role_enum
    if role is Role.COORDINATOR:
        query = query.where(select(Employment.id).join(Agency, Agency.id == Employment.agency_id).where(
            Employment.person_id == Person.id, Employment.ended_on.is_(None),
            Agency.region_id == account.region_id).exists())
    elif role is not Role.ADMIN:
        query = query.where(false())
    if search:
        query = query.where(or_(*(column.icontains(search, autoescape=True)
                                  for column in (Person.legal_name, Person.officer_id, Person.email))))
    return query


def can_see_person(account, person: Person) -> bool:
    """The state sees everyone; a coordinator, people posted in the region; a training officer, their staff."""
    role = account.role_enum
    if role is Role.ADMIN:
        return True
    job = person.current_employment
    if job is None:
        return False
    return ((role is Role.COORDINATOR and job.agency.region_id == account.region_id)
            or (role is Role.TRAINING_OFFICER and job.agency_id == account.agency_id))


def person_with_history(person_id: int) -> Person | None:
    """One person with every posting, its agency, district and shift loaded."""
    return db.session.execute(
        select(Person).where(Person.id == person_id).options(
            selectinload(Person.employments).options(
                joinedload(Employment.agency), joinedload(Employment.district), joinedload(Employment.shift)))
    ).scalar_one_or_none()


def roster(agency_id: int) -> list[Employment]:
    """An agency's current postings, by name, with each person, district and shift loaded in one query."""
    return list(db.session.execute(
        select(Employment).join(Employment.person)
        .where(Employment.agency_id == agency_id, Employment.ended_on.is_(None))
        .options(contains_eager(Employment.person), joinedload(Employment.district), joinedload(Employment.shift))
        .order_by(Person.legal_name, Person.id)
    ).scalars())


@dataclass
class Staffing:
    """Head counts of a roster by district (rows) and shift (columns); None stands for "not assigned"."""

    districts: list[District | None]
    shifts: list[Shift | None]
    counts: dict[tuple[int | None, int | None], int]

    def count(self, district: District | None, shift: Shift | None) -> int:
        return self.counts.get((district.id if district else None, shift.id if shift else None), 0)


def staffing(jobs: list[Employment], districts: list[District], shifts: list[Shift]) -> Staffing:
    """Count the roster per district and shift; an "unassigned" row or column appears only when needed."""
    counts = Counter((job.district_id, job.shift_id) for job in jobs)
    rows: list[District | None] = list(districts) + ([None] if any(d is None for d, _ in counts) else [])
    columns: list[Shift | None] = list(shifts) + ([None] if any(s is None for _, s in counts) else [])
    return Staffing(rows, columns, dict(counts))
