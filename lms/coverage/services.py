"""Counting, in SQL, the officers and active CIT certifications of each district and shift of an agency."""
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import and_, case, distinct, func, select

from lms.agencies.models import Agency, District, Shift
from lms.certificates.models import Certificate
from lms.coverage.grid import Coverage, coverage
from lms.extensions import db
from lms.people.models import Employment

HORIZON_DAYS = 90


def agency_coverage(agency: Agency, today: date) -> Coverage:
    """The agency's grid in three queries, whatever its size: districts, shifts, and one grouped count."""
    districts = db.session.execute(select(District.id, District.name).where(District.agency_id == agency.id)
                                   .order_by(District.name)).all()
    shifts = db.session.execute(select(Shift.id, Shift.name).where(Shift.agency_id == agency.id)
                                .order_by(Shift.starts_at)).all()
    horizon = today + timedelta(days=HORIZON_DAYS)
    active = and_(Certificate.person_id == Employment.person_id, Certificate.kind == "certification",
                  Certificate.status == "active", Certificate.valid_until >= today)
    rows = db.session.execute(
        select(Employment.district_id, Employment.shift_id, func.count(distinct(Employment.person_id)),
               func.count(distinct(Certificate.person_id)),
               func.count(distinct(case((Certificate.valid_until < horizon, Certificate.person_id)))))
        .outerjoin(Certificate, active)
        .where(Employment.agency_id == agency.id, Employment.ended_on.is_(None), Employment.rank != "recruit")
        .group_by(Employment.district_id, Employment.shift_id)).all()
    names_d, names_s = dict(districts), dict(shifts)
    counts = {(names_d[d], names_s[s]): (officers, certified, expiring)
              for d, s, officers, certified, expiring in rows if d in names_d and s in names_s}
    return coverage([name for _, name in districts], [name for _, name in shifts], counts,
                    current_app.config["COVERAGE_MINIMUM"])
