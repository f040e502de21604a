"""What each API endpoint returns, as plain JSON-ready dicts (dates in ISO 8601), for one agency only."""
from datetime import date

from lms.agencies.models import Agency
from lms.certificates import queries as certificate_queries
from lms.certificates.pdf import verification_url
from lms.certificates.services import shown_status
from lms.coverage.roster import dispatch_roster
from lms.coverage.services import agency_coverage


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def agency_document(agency: Agency, today: date) -> dict:
    """The agency, its districts and shifts, and its CIT coverage by district and shift today."""
    grid = agency_coverage(agency, today)
    return {
        "agency": {"name": agency.name, "kind": agency.kind, "region": agency.region.name,
                   "districts": [district.name for district in agency.districts],
                   "shifts": [{"name": shift.name, "starts_at": shift.starts_at.strftime("%H:%M"),
                               "ends_at": shift.ends_at.strftime("%H:%M")} for shift in agency.shifts]},
        "coverage": {
            "as_of": today.isoformat(), "status": grid.status, "minimum": grid.minimum,
            "saturation": grid.saturation(),
            "cells": [{"district": cell.district, "shift": cell.shift, "officers": cell.officers,
                       "certified": cell.certified, "expiring": cell.expiring,
                       "covered": cell.covered(grid.minimum)} for cell in grid.cells.values()],
        },
    }


def roster_document(agency: Agency, today: date) -> dict:
    """The CIT-certified officers on each district and shift, for dispatch."""
    return {"as_of": today.isoformat(), "officers": [entry.as_json() for entry in dispatch_roster(agency, today)]}


def certifications_document(agency: Agency, today: date) -> dict:
    """Every certificate held by the agency's current people, with its status today and its public check."""
    return {"as_of": today.isoformat(), "certificates": [
        {"number": cert.number, "holder_name": cert.holder_name, "officer_id": cert.officer_id, "kind": cert.kind,
         "course_title": cert.course_title, "hours": cert.hours, "certified_on": _iso(cert.certified_on),
         "issued_on": _iso(cert.issued_on), "valid_until": _iso(cert.valid_until),
         "status": shown_status(cert, today), "verification_url": verification_url(cert)}
        for cert in certificate_queries.agency_certificates(agency.id)]}
