"""The dispatch roster: who on each district and shift holds an active CIT certification today, so that
dispatch can send a CIT officer to a crisis call."""
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select

from lms.agencies.models import Agency, District, Shift
from lms.certificates.models import Certificate
from lms.certificates.queries import in_force
from lms.extensions import db
from lms.people.models import Employment, Person


@dataclass(frozen=True)
class RosterEntry:
    district: str
    shift: str
    name: str
    officer_id: str
    rank: str
    certificate_number: str
    valid_until: date

    def as_json(self) -> dict:
        """The entry as dispatch systems read it (the roster's JSON and the API): dates in ISO 8601."""
        return asdict(self) | {"valid_until": self.valid_until.isoformat()}


def dispatch_roster(agency: Agency, today: date) -> list[RosterEntry]:
    """The agency's certified officers on duty assignments, by district, shift and name, in one query. An
    officer without a district or shift is not on the roster: dispatch could not find them."""
    rows = db.session.execute(
        select(District.name, Shift.name, Person.legal_name, Person.officer_id, Employment.rank, Certificate.number,
               Certificate.valid_until)
        .join(Person, Person.id == Employment.person_id)
        .join(District, District.id == Employment.district_id)
        .join(Shift, Shift.id == Employment.shift_id)
        .join(Certificate, Certificate.person_id == Employment.person_id)
        .where(Employment.agency_id == agency.id, Employment.ended_on.is_(None), Employment.rank != "recruit",
               in_force(today))
        .order_by(District.name, Shift.starts_at, Person.legal_name, Certificate.valid_until.desc())).all()
    entries, seen = [], set()
    for row in rows:
        if row.officer_id not in seen:  # the latest certificate of each officer
            seen.add(row.officer_id)
            entries.append(RosterEntry(*row))
    return entries
