"""Counting, in SQL, the officers and active CIT certifications of each district and shift of an agency."""
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from flask import current_app, request
from sqlalchemy import and_, bindparam, case, distinct, func, select
from sqlalchemy.orm import joinedload

from lms.agencies.models import Agency, District, Shift
from lms.audit.unchanged import kept_until_change
from lms.certificates.models import Certificate
from lms.certificates.queries import in_force
from lms.coverage import planning
from lms.coverage.grid import STATUSES, Coverage, coverage
from lms.extensions import db
from lms.people.models import Employment

HORIZON_DAYS = 90
T = TypeVar("T")


# Built once, values bound per call: building a statement costs SQLAlchemy about as much Python as running it.
DISTRICTS = (select(District.agency_id, District.id, District.name)
             .where(District.agency_id.in_(bindparam("agency_ids", expanding=True))).order_by(District.name))
SHIFTS = (select(Shift.agency_id, Shift.id, Shift.name)
          .where(Shift.agency_id.in_(bindparam("agency_ids", expanding=True))).order_by(Shift.starts_at))
CELL_COUNTS = (
    select(Employment.agency_id, Employment.district_id, Employment.shift_id,
           func.count(distinct(Employment.person_id)), func.count(distinct(Certificate.person_id)),
           func.count(distinct(case((Certificate.valid_until < bindparam("horizon"), Certificate.person_id)))))
    .outerjoin(Certificate, and_(Certificate.person_id == Employment.person_id, in_force(bindparam("today"))))
    .where(Employment.agency_id.in_(bindparam("agency_ids", expanding=True)), Employment.ended_on.is_(None),
           Employment.rank != "recruit")
    .group_by(Employment.agency_id, Employment.district_id, Employment.shift_id))


def coverages(agencies: list[Agency], today: date) -> dict[int, Coverage]:
    """Each agency's grid, in three queries however many agencies and officers: districts, shifts, and one
    count grouped by agency, district and shift."""
    ids = [agency.id for agency in agencies]
    if not ids:
        return {}
    districts = db.session.execute(DISTRICTS, {"agency_ids": ids}).all()
    shifts = db.session.execute(SHIFTS, {"agency_ids": ids}).all()
    rows = db.session.execute(CELL_COUNTS, {"agency_ids": ids, "today": today,
                                            "horizon": today + timedelta(days=HORIZON_DAYS)}).all()
    district_names = {row.id: row.name for row in districts}
    shift_names = {row.id: row.name for row in shifts}
    counts: dict[int, dict] = {agency_id: {} for agency_id in ids}
    for agency_id, district_id, shift_id, officers, certified, expiring in rows:
        if district_id in district_names and shift_id in shift_names:
            counts[agency_id][(district_names[district_id], shift_names[shift_id])] = (officers, certified, expiring)
    minimum = current_app.config["COVERAGE_MINIMUM"]
    district_lists: dict[int, list[str]] = {agency_id: [] for agency_id in ids}
    shift_lists: dict[int, list[str]] = {agency_id: [] for agency_id in ids}
    for row in districts:
        district_lists[row.agency_id].append(row.name)
    for row in shifts:
        shift_lists[row.agency_id].append(row.name)
    return {agency_id: coverage(district_lists[agency_id], shift_lists[agency_id], counts[agency_id], minimum)
            for agency_id in ids}


def agency_coverage(agency: Agency, today: date) -> Coverage:
    return coverages([agency], today)[agency.id]


def agency_page(agency: Agency, today: date, draw: Callable[[Coverage, planning.Plan], T]) -> T:
    """What `draw` makes of the agency's grid and of what its pipeline of volunteers would make of it, kept until
    the next audited change (hires, postings, certificates, applications, academies and the agency's own name
    are all audited). `draw` may use nothing else, the agency's id and name aside."""
    def compute() -> T:
        grid = agency_coverage(agency, today)
        return draw(grid, planning.plan(grid, planning.pipeline(agency, today)))

    return kept_until_change("agency_coverage", (agency.id, today, current_app.config["COVERAGE_MINIMUM"],
                                                 request.script_root), compute)


def roll_up(region_id: int | None, today: date) -> list[tuple[Agency, Coverage]]:
    """The agencies of a region (or of the state, with None), each with its coverage, biggest gaps first."""
    query = select(Agency).options(joinedload(Agency.region)).order_by(Agency.name)
    if region_id is not None:
        query = query.where(Agency.region_id == region_id)
    agencies = list(db.session.execute(query).scalars())
    found = coverages(agencies, today)
    return sorted(((agency, found[agency.id]) for agency in agencies),
                  key=lambda pair: (-sum(n for _, n in pair[1].to_train), pair[0].name))


def status_counts(region_id: int | None, today: date) -> dict[str, int]:
    """How many agencies of a region (or of the state) are covered, partly or not yet, without building each
    agency's grid: the districts x shifts of every agency and the cells that reach the minimum, each counted in
    one grouped query (the state's dashboard reads thousands of agencies)."""
    agencies = select(Agency.id)
    if region_id is not None:
        agencies = agencies.where(Agency.region_id == region_id)
    ids = list(db.session.execute(agencies).scalars())
    cells = dict(db.session.execute(
        select(District.agency_id, func.count()).join(Shift, Shift.agency_id == District.agency_id)
        .where(District.agency_id.in_(agencies)).group_by(District.agency_id)).all())
    certified = and_(Certificate.person_id == Employment.person_id, in_force(today))
    per_cell = (select(Employment.agency_id.label("agency_id"))
                .join(Certificate, certified)
                .join(District, District.id == Employment.district_id).join(Shift, Shift.id == Employment.shift_id)
                .where(Employment.agency_id.in_(agencies), Employment.ended_on.is_(None), Employment.rank != "recruit")
                .group_by(Employment.agency_id, Employment.district_id, Employment.shift_id)
                .having(func.count(distinct(Certificate.person_id)) >= current_app.config["COVERAGE_MINIMUM"])
                .subquery())
    covered = dict(db.session.execute(select(per_cell.c.agency_id, func.count()).group_by(per_cell.c.agency_id)).all())
    found = dict.fromkeys(STATUSES, 0)
    for agency_id in ids:
        done, total = covered.get(agency_id, 0), cells.get(agency_id, 0)
        found["covered" if total and done == total else "partly" if done else "not yet"] += 1
    return found
