"""The planning helper: if the agency's volunteers now in the pipeline finish their academy, what does
coverage become? Accepted volunteers of academies still to come or running count first; every open
application (not yet decided) shows what the whole pipeline could do."""
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, or_, select

from lms.academies.models import AcademyClass
from lms.agencies.models import Agency, District, Shift
from lms.applications.models import OPEN_STATUSES, Application
from lms.certificates.models import Certificate
from lms.certificates.queries import in_force
from lms.coverage.grid import Coverage, with_trained
from lms.extensions import db
from lms.people.models import Employment, Person


STAGES = {"submitted": "Waiting for endorsement", "endorsed": "Endorsed; the coordinator decides",
          "waitlisted": "On the waiting list", "accepted": "Accepted into an academy"}


@dataclass(frozen=True)
class Applicant:
    name: str
    district: str | None
    shift: str | None
    stage: str  # where the application stands, in words
    accepted: bool
    academy: str | None  # the academy's title, once accepted into one
    finishes_on: date | None


@dataclass(frozen=True)
class Plan:
    applicants: tuple[Applicant, ...]
    if_accepted_finish: Coverage  # the volunteers already accepted into an academy
    if_all_finish: Coverage  # every open application


def pipeline(agency: Agency, today: date) -> list[Applicant]:
    """The agency's open applications from officers without an active CIT certification, in one query."""
    certified = exists().where(Certificate.person_id == Application.person_id, in_force(today))
    rows = db.session.execute(
        select(Person.legal_name, District.name, Shift.name, Application.status, AcademyClass.title,
               AcademyClass.ends_on)
        .join(Person, Person.id == Application.person_id)
        .join(Employment, (Employment.person_id == Application.person_id) & Employment.ended_on.is_(None)
              & (Employment.agency_id == agency.id))
        .outerjoin(District, District.id == Employment.district_id)
        .outerjoin(Shift, Shift.id == Employment.shift_id)
        .outerjoin(AcademyClass, AcademyClass.id == Application.class_id)
        .where(Application.agency_id == agency.id, Application.status.in_(OPEN_STATUSES), ~certified,
               or_(AcademyClass.id.is_(None), AcademyClass.ends_on >= today))
        .order_by(AcademyClass.ends_on, Person.legal_name)).all()
    return [Applicant(name, district, shift, STAGES[status], status == "accepted", academy, ends)
            for name, district, shift, status, academy, ends in rows]


def plan(grid: Coverage, applicants: list[Applicant]) -> Plan:
    """Pure: the two what-if grids from today's grid and the pipeline."""
    def trained(chosen) -> Counter:
        return Counter((a.district, a.shift) for a in chosen if a.district and a.shift)

    return Plan(tuple(applicants), with_trained(grid, trained(a for a in applicants if a.accepted)),
                with_trained(grid, trained(applicants)))
