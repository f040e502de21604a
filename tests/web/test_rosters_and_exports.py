"""The dispatch roster (page, CSV, JSON), the CSV exports (completions for POST, certifications, continuing
education, an academy's roster) and the planning helper: scoped to the account, safe in a spreadsheet,
readable by a CSV reader, audited, and in a fixed number of queries."""
import csv
import io
from datetime import date, timedelta

import pytest

from lms.accounts.roles import Role
from lms.applications.models import Application
from lms.audit.models import AuditEvent
from lms.certificates.models import Certificate
from lms.extensions import db
from tests.certification import certify, post, ready_academy
from tests.query_count import counting_queries

HOSTILE = '=HYPERLINK("http://evil.example","Click"), "Jr."\nZoë Ñúñez 李小龍'


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


@pytest.fixture
def agency(app, make_agency, make_person):
    """North-Day: a certified officer with a hostile name; North-Night: a certified officer; South-Day: one whose
    certification was revoked and one never certified."""
    agency = make_agency(name="Cedar Hollow Police Department")
    hostile = make_person(name=HOSTILE, agency=agency)
    night = make_person(name="Avery Night", agency=agency)
    revoked = make_person(name="Riley Revoked", agency=agency)
    plain = make_person(name="Casey Uncertified", agency=agency)
    post(app, hostile.id, "North", "Day")
    post(app, night.id, "North", "Night")
    post(app, revoked.id, "South", "Day")
    post(app, plain.id, "South", "Day")
    for person in (hostile, night, revoked):
        certify(app, person.id, date.today() - timedelta(days=10))
    with app.app_context():
        found = db.session.execute(db.select(Certificate).where(Certificate.person_id == revoked.id)).scalar_one()
        found.status = "revoked"
        db.session.commit()
    return agency


def test_the_dispatch_roster_lists_the_certified_officers_by_district_and_shift(client, sign_in, make_account, agency):
    sign_in(make_account(Role.TRAINING_OFFICER, agency=agency))
    page = client.get(f"/coverage/agencies/{agency.id}/roster").get_data(as_text=True)
    assert "Avery Night" in page and "Zoë Ñúñez 李小龍" in page
    assert "Riley Revoked" not in page and "Casey Uncertified" not in page
    assert "Dispatch roster" in client.get("/coverage/agency").get_data(as_text=True)

    rows = rows_of(client.get(f"/coverage/agencies/{agency.id}/roster.csv"))
    assert rows[0] == ["District", "Shift", "Name", "State officer ID", "Rank", "Certificate number", "Valid until"]
    assert [(r[0], r[1]) for r in rows[1:]] == [("North", "Day"), ("North", "Night")]
    assert rows[1][2] == "'" + HOSTILE  # a spreadsheet shows the text and does not run it
    assert date.fromisoformat(rows[2][6]) > date.today() and rows[2][5].startswith("UT-")

    officers = client.get(f"/coverage/agencies/{agency.id}/roster.json").get_json()["officers"]
    assert [o["name"] for o in officers] == [HOSTILE, "Avery Night"]
    assert officers[1]["district"] == "North" and officers[1]["shift"] == "Night"


def test_the_roster_is_refused_to_another_agency_and_region(app, sign_in, make_account, make_agency, make_region,
                                                            agency):
    trainer = app.test_client()
    sign_in(make_account(Role.TRAINING_OFFICER, agency=make_agency()), via=trainer)
    coordinator = app.test_client()
    sign_in(make_account(Role.COORDINATOR, region=make_region()), via=coordinator)
    for desk in (trainer, coordinator):
        for suffix in ("", ".csv", ".json"):
            assert desk.get(f"/coverage/agencies/{agency.id}/roster{suffix}").status_code == 404
    own = app.test_client()
    sign_in(make_account(Role.COORDINATOR, region=agency.region), via=own)
    assert own.get(f"/coverage/agencies/{agency.id}/roster.csv").status_code == 200


def test_the_roster_takes_the_same_queries_for_3_or_40_officers(app, client, sign_in, make_account, make_person,
                                                               agency):
    sign_in(make_account(Role.TRAINING_OFFICER, agency=agency))
    with counting_queries(app) as few:
        assert client.get(f"/coverage/agencies/{agency.id}/roster").status_code == 200
    for n in range(37):
        person = make_person(agency=agency)
        post(app, person.id, ("North", "South")[n % 2], ("Day", "Night")[n % 3 % 2])
        certify(app, person.id, date.today())
    with counting_queries(app) as many:
        page = client.get(f"/coverage/agencies/{agency.id}/roster").get_data(as_text=True)
    assert len(few) == len(many) and page.count('data-label="Officer"') == 39


def test_exports_are_scoped_safe_and_audited(app, client, sign_in, make_account, make_agency, make_person, agency):
    elsewhere = make_agency()
    certify(app, make_person(name="Other Agency Officer", agency=elsewhere).id, date.today())
    sign_in(make_account(Role.TRAINING_OFFICER, agency=agency))

    rows = rows_of(client.get("/exports/certifications.csv"))
    assert rows[0][:6] == ["Certificate number", "Name", "State officer ID", "Kind", "Course", "Status"]
    by_name = {row[1]: row for row in rows[1:]}
    assert set(by_name) == {"'" + HOSTILE, "Avery Night", "Riley Revoked"}  # not the other agency's officer
    assert by_name["Riley Revoked"][5] == "revoked" and by_name["Avery Night"][5] == "active"

    completions = rows_of(client.get("/exports/completions.csv"))
    assert completions[0] == ["Name", "State officer ID", "Agency at completion", "Course", "Course version", "Hours",
                              "Completed on", "Certificate issued on", "Provider", "Certificate number"]
    assert len(completions) == 4 and completions[1][6] == (date.today() - timedelta(days=10)).isoformat()
    later = rows_of(client.get(f"/exports/completions.csv?since={date.today().isoformat()}"))
    assert len(later) == 1  # the header only: everything was completed ten days ago

    with app.app_context():
        actions = db.session.execute(db.select(AuditEvent.object_id).where(
            AuditEvent.action == "export.downloaded")).scalars().all()
    assert actions == ["certifications", "completions", "completions"]


def test_a_bad_period_is_explained_next_to_the_field(client, sign_in, make_account, agency):
    sign_in(make_account(Role.COORDINATOR, region=agency.region))
    response = client.get("/exports/completions.csv?since=2026-05-01&until=2026-04-01")
    assert response.status_code == 400
    assert "The end of the period cannot be before its start." in response.get_data(as_text=True)
    assert client.get("/exports/completions.csv?since=yesterday").status_code == 400


def test_continuing_education_export(app, client, sign_in, make_account, agency):
    from lms.certificates.models import ContinuingEducation

    with app.app_context():
        found = db.session.execute(db.select(Certificate).where(Certificate.holder_name == "Avery Night")).scalar_one()
        db.session.add(ContinuingEducation(certificate_id=found.id, person_id=found.person_id,
                                           course_name="+Crisis refresher", provider="State academy",
                                           completed_on=date(2026, 3, 2), hours=4.0, evidence=b"%PDF",
                                           evidence_type="application/pdf", evidence_name="ce.pdf", status="approved"))
        db.session.commit()
    sign_in(make_account(Role.ADMIN))
    rows = rows_of(client.get("/exports/continuing-education.csv"))
    assert rows[1][:1] == ["Avery Night"] and rows[1][3:] == ["'+Crisis refresher", "State academy", "2026-03-02",
                                                              "4", "approved"]


def test_an_academy_roster_with_attendance_and_results(app, client, sign_in, make_academy, make_account):
    class_id, coordinator, people = ready_academy(app, make_academy, make_account)
    sign_in(coordinator)
    rows = rows_of(client.get(f"/exports/academies/{class_id}/roster.csv"))
    assert rows[0][:8] == ["Name", "State officer ID", "Hours credited", "Hours owed", "State written exam",
                           "Role plays passed", "Eligible", "What is missing"]
    ready, unready = rows[1], rows[2]
    assert ready[0] == "Learner 0" and ready[3] == "0" and ready[4] == "Passed" and ready[5] == "1 of 1"
    assert ready[6] == "Yes"
    assert unready[6] == "No" and "State written exam not passed" in unready[7] and float(unready[3]) > 0
    other = app.test_client()
    sign_in(make_account(Role.COORDINATOR), via=other)
    assert other.get(f"/exports/academies/{class_id}/roster.csv").status_code == 404


def test_the_planning_helper_shows_what_the_pipeline_would_cover(app, client, sign_in, make_account, make_person,
                                                                 agency):
    """South-Day and South-Night are uncovered: an accepted volunteer on South-Day and a waiting one on
    South-Night would cover them."""
    accepted = make_person(name="Pat Accepted", agency=agency)
    waiting = make_person(name="Sam Waiting", agency=agency)
    post(app, accepted.id, "South", "Day")
    post(app, waiting.id, "South", "Night")
    with app.app_context():
        for person, status in ((accepted, "accepted"), (waiting, "endorsed")):
            db.session.add(Application(person_id=person.id, agency_id=agency.id, course_slug="tiny-course",
                                       motivation="I want to help.", status=status))
        db.session.commit()
    sign_in(make_account(Role.TRAINING_OFFICER, agency=agency))
    page = client.get("/coverage/agency").get_data(as_text=True)
    assert "Today: 2 of 4 districts and shifts covered, 2 more officers to certify." in page
    assert ("If the volunteers already accepted into an academy finish: 3 of 4 districts and shifts covered, "
            "1 more officer to certify.") in page
    assert "If every open application is accepted and finishes: 4 of 4 districts and shifts covered, every one" in page
    assert "Pat Accepted" in page and "Endorsed; the coordinator decides" in page
