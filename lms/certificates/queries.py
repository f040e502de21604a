"""Read-only questions about certificates that pages, exports and the API share."""
from sqlalchemy import select
from sqlalchemy.orm import defer

from lms.certificates.models import Certificate
from lms.extensions import db
from lms.people.models import Employment


WITHOUT_DOCUMENTS = (defer(Certificate.pdf), defer(Certificate.credential))


def agency_certificates(agency_id: int) -> list[Certificate]:
    """Certificates held by the people who work for the agency now, wherever they were issued, in one query
    (without their PDFs and signed credentials, which lists never show)."""
    return list(db.session.execute(
        select(Certificate).options(*WITHOUT_DOCUMENTS).join(Employment, Employment.person_id == Certificate.person_id)
        .where(Employment.agency_id == agency_id, Employment.ended_on.is_(None))
        .order_by(Certificate.holder_name, Certificate.issued_on)).scalars())
