"""Whose certificates a page or an export covers: one agency's people (its training officer), one region (its
coordinator), or the whole state (the administrator)."""
from dataclasses import dataclass

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import aliased

from lms.accounts.roles import Role
from lms.agencies.models import Agency
from lms.certificates.models import Certificate
from lms.people.models import Employment


@dataclass(frozen=True)
class Scope:
    """Whose records a page or an export holds: one agency's people (its training officer), one region (its
    coordinator), or the whole state (the administrator)."""

    agency_id: int | None = None
    region_id: int | None = None

    @property
    def name(self) -> str:
        return f"agency-{self.agency_id}" if self.agency_id else f"region-{self.region_id}" if self.region_id else "state"


def scope_of(account) -> Scope:
    if account.role_enum is Role.TRAINING_OFFICER:
        return Scope(agency_id=account.agency_id)
    if account.role_enum is Role.COORDINATOR:
        return Scope(region_id=account.region_id)
    return Scope()


def certificates_in(scope: Scope, query: Select) -> Select:
    """Narrow a query on certificates to the scope: the agency's current officers; the certificates issued in
    the region or to officers of its agencies; or everything."""
    if scope.agency_id is not None:
        job = aliased(Employment)
        return query.join(job, (job.person_id == Certificate.person_id) & job.ended_on.is_(None)).where(
            job.agency_id == scope.agency_id)
    if scope.region_id is not None:
        return query.where(or_(Certificate.region_id == scope.region_id, Certificate.agency_id.in_(
            select(Agency.id).where(Agency.region_id == scope.region_id))))
    return query
