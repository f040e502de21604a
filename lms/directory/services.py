"""The public directory: the agencies taking part in the state program, region by region, with whether they
have CIT officers and how far their districts and shifts are covered (counts only, never names), and each
region's contact on the advisory council. A fixed number of queries however many agencies there are."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import distinct, func, select

from lms.agencies.models import Agency, Region
from lms.certificates.models import Certificate
from lms.certificates.queries import in_force
from lms.coverage.grid import Coverage
from lms.coverage.services import coverages
from lms.extensions import db
from lms.people.models import Employment


@dataclass(frozen=True)
class Listing:
    agency: Agency
    cit_officers: int  # officers working for the agency now who hold an active CIT certification
    grid: Coverage

    @property
    def covered_cells(self) -> int:
        return len(self.grid.cells) - len(self.grid.uncovered)


@dataclass(frozen=True)
class RegionListing:
    region: Region
    agencies: tuple[Listing, ...]

    def count(self, status: str) -> int:
        return sum(1 for listing in self.agencies if listing.grid.status == status)


def certified_officers(agency_ids: list[int], today: date) -> dict[int, int]:
    """Officers with an active CIT certification per agency, in one grouped query."""
    rows = db.session.execute(
        select(Employment.agency_id, func.count(distinct(Employment.person_id)))
        .join(Certificate, Certificate.person_id == Employment.person_id)
        .where(Employment.agency_id.in_(agency_ids), Employment.ended_on.is_(None), Employment.rank != "recruit",
               in_force(today))
        .group_by(Employment.agency_id)).all()
    return dict(rows)


def directory(today: date) -> list[RegionListing]:
    regions = list(db.session.execute(select(Region).order_by(Region.name)).scalars())
    agencies = list(db.session.execute(select(Agency).order_by(Agency.name)).scalars())
    ids = [agency.id for agency in agencies]
    grids, certified = coverages(agencies, today), certified_officers(ids, today) if ids else {}
    return [RegionListing(region, tuple(Listing(agency, certified.get(agency.id, 0), grids[agency.id])
                                        for agency in agencies if agency.region_id == region.id))
            for region in regions]
