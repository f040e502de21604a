"""Read-only questions about certificates that pages, exports and the API share."""
from datetime import date

from sqlalchemy import BindParameter, ColumnElement, and_, select
from sqlalchemy.orm import defer

from lms.certificates.models import Certificate
from lms.certificates.scope import Scope, certificates_in
from lms.extensions import db

WITHOUT_DOCUMENTS = (defer(Certificate.pdf), defer(Certificate.credential))


def agency_certificates(agency_id: int) -> list[Certificate]:
    """Certificates held by the people who work for the agency now, wherever they were issued, in one query
    (without their PDFs and signed credentials, which lists never show)."""
    query = certificates_in(Scope(agency_id=agency_id), select(Certificate).options(*WITHOUT_DOCUMENTS))
    return list(db.session.execute(query.order_by(Certificate.holder_name, Certificate.issued_on)).scalars())


def in_force(today: date | BindParameter) -> ColumnElement[bool]:
    """A CIT certification that counts today: active and within its validity (not suspended, revoked, superseded
    or lapsed, even before the daily job records the lapse). Coverage, rosters and the directory count these.
    `today` may be a bound parameter, for a statement built once."""
    return and_(Certificate.kind == "certification", Certificate.status == "active", Certificate.valid_until >= today)
