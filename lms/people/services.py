"""People and employment: create and correct people; hire, reassign, transfer and separate."""
import secrets
from datetime import date

from sqlalchemy import func, select

from lms.agencies.models import Agency, District, Shift
from lms.audit import services as audit
from lms.extensions import db
from lms.people.models import RANKS, Employment, Person
from lms.rules import RuleRefused


class PersonError(RuleRefused):
    """A change the people rules refuse."""


def provisional_officer_id() -> str:
    """A provisional state officer ID for a recruit who has none yet."""
    return "P-" + secrets.token_hex(4).upper()


def _check_unique(email: str, officer_id: str, person_id: int | None = None) -> None:
    clash = db.session.execute(
        select(Person.id).where(func.lower(Person.email) == email.lower(), Person.id != (person_id or 0))
    ).first()
    if clash:
        raise PersonError("Another person already uses this email address.", "email")
    clash = db.session.execute(
        select(Person.id).where(Person.officer_id == officer_id, Person.id != (person_id or 0))
    ).first()
    if clash:
        raise PersonError("Another person already has this state officer ID.", "officer_id")


def create_person(*, legal_name: str, email: str, officer_id: str | None = None) -> Person:
    """Add a person; without a state officer ID they get a provisional one."""
    email, officer_id = email.strip().lower(), (officer_id or "").strip().upper()
    if not legal_name.strip():
        raise PersonError("Enter the person's legal name.", "legal_name")
    if not email:
        raise PersonError("Enter the person's email address.", "email")
    provisional = not officer_id  # a blank (or all-space) ID means none yet
    officer_id = officer_id or provisional_officer_id()
    _check_unique(email, officer_id)
    person = Person(legal_name=legal_name.strip(), email=email, officer_id=officer_id,
                    officer_id_provisional=provisional)
    db.session.add(person)
    db.session.flush()
    audit.record("person.created", object_type="person", object_id=person.id,
                 details={"officer_id": officer_id})
    return person


def update_person(person: Person, *, legal_name: str, email: str, officer_id: str) -> None:
    email, officer_id = email.strip().lower(), officer_id.strip().upper()
    _check_unique(email, officer_id, person.id)
    changed = {name: value for name, value in
               (("legal_name", legal_name.strip()), ("email", email), ("officer_id", officer_id))
               if getattr(person, name) != value}
    if not changed:
        return
    for name, value in changed.items():
        setattr(person, name, value)
    if "officer_id" in changed:
        person.officer_id_provisional = False
    audit.record("person.updated", object_type="person", object_id=person.id, details={"fields": sorted(changed)})


def _check_posting(agency: Agency, rank: str, district: District | None, shift: Shift | None) -> None:
    if rank not in RANKS:
        raise PersonError("Choose a rank from the list.", "rank")
    if district is not None and district.agency_id != agency.id:
        raise PersonError("That district belongs to another agency.", "district_id")
    if shift is not None and shift.agency_id != agency.id:
        raise PersonError("That shift belongs to another agency.", "shift_id")


def hire(person: Person, agency: Agency, *, rank: str, started_on: date, district: District | None = None,
         shift: Shift | None = None, patrol_experience_since: date | None = None) -> Employment:
    """Start a person's employment with an agency; they must not be employed elsewhere now."""
    _check_posting(agency, rank, district, shift)
    if person.current_employment is not None:
        raise PersonError(
            f"{person.legal_name} is still employed by {person.current_employment.agency.name}. "
            "That agency must record the separation first, or use a transfer.")
    last_end = max((job.ended_on for job in person.employments if job.ended_on is not None), default=None)
    if last_end is not None and started_on < last_end:
        raise PersonError(f"The start date cannot be before their last posting ended ({last_end:%Y-%m-%d}).",
                          "started_on")
    job = Employment(person=person, agency=agency, rank=rank, started_on=started_on, district=district,
                     shift=shift, patrol_experience_since=patrol_experience_since)
    db.session.add(job)
    db.session.flush()
    audit.record("employment.hired", object_type="person", object_id=person.id,
                 details={"agency_id": agency.id, "rank": rank, "started_on": started_on.isoformat()})
    return job


def _close(job: Employment, on: date, reason: str) -> None:
    if on < job.started_on:
        raise PersonError(f"The date cannot be before this posting began ({job.started_on:%Y-%m-%d}).", "effective_on")
    job.ended_on, job.end_reason = on, reason
    db.session.flush()  # the open-posting index must see the closed row before a new one opens


def reassign(job: Employment, *, on: date, rank: str, district: District | None, shift: Shift | None,
             patrol_experience_since: date | None) -> Employment:
    """Change rank, district or shift from a date: the old posting is closed and kept."""
    _check_posting(job.agency, rank, district, shift)
    if job.ended_on is not None:
        raise PersonError("This posting has already ended.")
    if (rank, district, shift, patrol_experience_since) == (job.rank, job.district, job.shift,
                                                            job.patrol_experience_since):
        raise PersonError("Nothing has changed: choose a different rank, district, shift or patrol experience date.")
    if on == job.started_on:  # same-day correction: no history to keep
        job.rank, job.district, job.shift, job.patrol_experience_since = rank, district, shift, patrol_experience_since
        audit.record("employment.corrected", object_type="person", object_id=job.person_id, details={"employment_id": job.id})
        return job
    _close(job, on, "reassigned")
    new = Employment(person_id=job.person_id, agency_id=job.agency_id, rank=rank, started_on=on,
                     district=district, shift=shift, patrol_experience_since=patrol_experience_since)
    db.session.add(new)
    db.session.flush()
    audit.record("employment.reassigned", object_type="person", object_id=job.person_id,
                 details={"from_employment": job.id, "to_employment": new.id})
    return new


def separate(job: Employment, *, on: date, reason: str = "separated") -> None:
    """End a person's employment; the history and everything they earned stay theirs."""
    if job.ended_on is not None:
        raise PersonError("This posting has already ended.")
    _close(job, on, reason)
    audit.record("employment.separated", object_type="person", object_id=job.person_id,
                 details={"employment_id": job.id, "ended_on": on.isoformat(), "reason": reason})


def transfer(person: Person, to_agency: Agency, *, on: date, rank: str, district: District | None = None,
             shift: Shift | None = None) -> Employment:
    """Move a person to another agency: close the old posting, open the new; certificates follow the person."""
    job = person.current_employment
    experience = job.patrol_experience_since if job else None
    if job is not None:
        _close(job, on, "transferred")
        db.session.refresh(person)
    new = hire(person, to_agency, rank=rank, started_on=on, district=district, shift=shift,
               patrol_experience_since=experience)
    audit.record("employment.transferred", object_type="person", object_id=person.id,
                 details={"to_agency_id": to_agency.id})
    return new


# --- What the people and roster pages read and do --------------------------------------------------------

SEPARATION_REASONS = {
    "separated": "Separated",
    "retired": "Retired",
    "transferred_out": "Transferred out",
    "other": "Other",
}
END_REASON_LABELS = {**SEPARATION_REASONS, "reassigned": "Reassigned", "transferred": "Transferred"}


def _place(district_id: int | None, shift_id: int | None) -> tuple[District | None, Shift | None]:
    district = db.session.get(District, district_id) if district_id is not None else None
    if district_id is not None and district is None:
        raise PersonError("Choose a district from the list.", "district_id")
    shift = db.session.get(Shift, shift_id) if shift_id is not None else None
    if shift_id is not None and shift is None:
        raise PersonError("Choose a shift from the list.", "shift_id")
    return district, shift


def hire_into_agency(agency: Agency, *, rank: str, started_on: date, existing_officer_id: str | None = None,
                     legal_name: str | None = None, email: str | None = None, officer_id: str | None = None,
                     district_id: int | None = None, shift_id: int | None = None,
                     patrol_experience_since: date | None = None) -> Employment:
    """Hire someone already on record (found by state officer ID) or a new person into an agency."""
    district, shift = _place(district_id, shift_id)
    _check_posting(agency, rank, district, shift)
    if existing_officer_id:
        person = db.session.execute(
            select(Person).where(Person.officer_id == existing_officer_id.strip().upper())).scalar_one_or_none()
        if person is None:
            raise PersonError("No one has this state officer ID. Check it, or add them as a new person.",
                              "existing_officer_id")
        job = person.current_employment
        if job is not None and job.agency_id == agency.id:
            raise PersonError(f"{person.legal_name} is already on your roster.", "existing_officer_id")
        if job is not None:
            raise PersonError(f"{person.legal_name} is still employed by {job.agency.name}. {job.agency.name} must "
                              "record the separation first; then you can hire them.", "existing_officer_id")
    else:
        person = create_person(legal_name=legal_name or "", email=email or "", officer_id=officer_id)
    return hire(person, agency, rank=rank, started_on=started_on, district=district, shift=shift,
                patrol_experience_since=patrol_experience_since)


def change_posting(job: Employment, *, on: date, rank: str, district_id: int | None, shift_id: int | None,
                   patrol_experience_since: date | None) -> Employment:
    """Reassign a posting to the district, shift and rank chosen on a form (ids), from a date."""
    district, shift = _place(district_id, shift_id)
    return reassign(job, on=on, rank=rank, district=district, shift=shift,
                    patrol_experience_since=patrol_experience_since)
