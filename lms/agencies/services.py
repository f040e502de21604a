"""Regions, agencies, districts and shifts: create and change them, and who may see which."""
from datetime import time

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from lms.accounts.roles import Role
from lms.agencies.models import AGENCY_KINDS, Agency, District, Region, Shift
from lms.audit import services as audit
from lms.extensions import db
from lms.rules import RuleRefused


class AgencyError(RuleRefused):
    """A change the agency rules refuse."""


def visible_agencies_query(account):
    """Agencies an account may see: all for the state, a region for a coordinator, one for a training officer."""
    query = select(Agency).order_by(Agency.name)
    role = account.role_enum
    if role is Role.ADMIN:
        return query
    if role is Role.COORDINATOR:
        return query.where(Agency.region_id == account.region_id)
    if role is Role.TRAINING_OFFICER:
        return query.where(Agency.id == account.agency_id)
    return query.where(False)


def can_see_agency(account, agency: Agency) -> bool:
    role = account.role_enum
    return (role is Role.ADMIN or (role is Role.COORDINATOR and agency.region_id == account.region_id)
            or (role is Role.TRAINING_OFFICER and agency.id == account.agency_id))


CONTACT_FIELDS = ("contact_name", "contact_title", "contact_email", "contact_phone")


def set_region_contact(region: Region, **contact: str | None) -> None:
    """Publish the region's contact for the public directory; the audit row keeps what changed."""
    changes = {name: [getattr(region, name), contact.get(name) or None] for name in CONTACT_FIELDS
               if getattr(region, name) != (contact.get(name) or None)}
    for name, (_, after) in changes.items():
        setattr(region, name, after)
    audit.record("region.contact_changed", object_type="region", object_id=region.id, details={"changes": changes})


def create_region(*, code: str, name: str) -> Region:
    code, name = code.strip().upper(), name.strip()
    if db.session.execute(select(Region.id).where(Region.code == code)).first():
        raise AgencyError("A region with this code exists already.", "code")
    if db.session.execute(select(Region.id).where(func.lower(Region.name) == name.lower())).first():
        raise AgencyError("A region with this name exists already.", "name")
    region = Region(code=code, name=name)
    db.session.add(region)
    db.session.flush()
    audit.record("region.created", object_type="region", object_id=region.id, details={"code": code})
    return region


def save_agency(agency: Agency | None, *, name: str, kind: str, region: Region) -> Agency:
    """Create an agency (agency=None) or change its name, kind or region."""
    name = name.strip()
    if kind not in AGENCY_KINDS:
        raise AgencyError("Choose a kind of agency from the list.", "kind")
    clash = db.session.execute(
        select(Agency.id).where(func.lower(Agency.name) == name.lower(), Agency.id != (agency.id if agency else 0))
    ).first()
    if clash:
        raise AgencyError("An agency with this name exists already.", "name")
    created = agency is None
    if created:
        agency = Agency(name=name, kind=kind, region=region)
        db.session.add(agency)
    else:
        agency.name, agency.kind, agency.region = name, kind, region
    db.session.flush()
    audit.record("agency.created" if created else "agency.updated", object_type="agency", object_id=agency.id,
                 details={"name": name, "kind": kind, "region_id": region.id})
    return agency


def add_district(agency: Agency, name: str) -> District:
    name = name.strip()
    if any(d.name.lower() == name.lower() for d in agency.districts):
        raise AgencyError("This agency already has a district with that name.", "name")
    district = District(agency=agency, name=name)
    db.session.add(district)
    db.session.flush()
    audit.record("district.created", object_type="agency", object_id=agency.id, details={"district": name})
    return district


def add_shift(agency: Agency, name: str, starts_at: time, ends_at: time) -> Shift:
    name = name.strip()
    if starts_at == ends_at:
        raise AgencyError("A shift must start and end at different times.", "ends_at")
    if any(s.name.lower() == name.lower() for s in agency.shifts):
        raise AgencyError("This agency already has a shift with that name.", "name")
    shift = Shift(agency=agency, name=name, starts_at=starts_at, ends_at=ends_at)
    db.session.add(shift)
    db.session.flush()
    audit.record("shift.created", object_type="agency", object_id=agency.id,
                 details={"shift": name, "starts_at": f"{starts_at:%H:%M}", "ends_at": f"{ends_at:%H:%M}"})
    return shift


def agencies_with_counts(account):
    """Agencies an account may see, each as (agency, number of districts, number of shifts), in one query."""
    districts = (select(func.count(District.id)).where(District.agency_id == Agency.id)
                 .correlate(Agency).scalar_subquery())
    shifts = select(func.count(Shift.id)).where(Shift.agency_id == Agency.id).correlate(Agency).scalar_subquery()
    query = visible_agencies_query(account).options(joinedload(Agency.region))
    return db.session.execute(query.add_columns(districts.label("districts"), shifts.label("shifts"))).all()


def regions_with_counts():
    """Every region as (region, number of agencies), in one query."""
    agencies = select(func.count(Agency.id)).where(Agency.region_id == Region.id).correlate(Region).scalar_subquery()
    return db.session.execute(select(Region, agencies.label("agencies")).order_by(Region.name)).all()


def all_regions() -> list[Region]:
    """Every region, by name: the choices for an agency's region."""
    return list(db.session.scalars(select(Region).order_by(Region.name)))
