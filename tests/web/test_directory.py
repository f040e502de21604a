"""The public directory: agencies by region with counts only, each region's published contact, no account
needed, a fixed number of queries; the region's contact is set by its coordinator or the administrator."""
from datetime import date, time, timedelta

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.certification import certify, post
from tests.query_count import counting_queries


def test_the_public_sees_agencies_by_region_with_counts_and_no_names(app, client, make_region, make_agency,
                                                                     make_person):
    north = make_region(name="North Valley")
    covered = make_agency(name="Alder Police Department", region=north, districts=("Central",),
                          shifts=(("Day", time(6), time(18)),))
    partly = make_agency(name="Birch Sheriff's Office", region=north)
    make_agency(name="Cedar Campus Police", region=make_region(name="South Basin"))
    officer = make_person(name="Jordan Secretname", agency=covered)
    certify(app, officer.id, date.today())
    other = make_person(name="Robin Hiddenname", agency=partly)
    post(app, other.id, "North", "Night")
    certify(app, other.id, date.today() - timedelta(days=20))

    page = client.get("/directory/").get_data(as_text=True)
    assert "North Valley" in page and "South Basin" in page
    assert "1 fully covered, 1 partly, 0 not yet, of 2 agencies." in page
    assert "Covered: every district and shift" in page and "Partly covered" in page and "Not yet covered" in page
    assert "1 of 4" in page and "1 of 1" in page
    assert "Secretname" not in page and "Hiddenname" not in page and "@" not in page.split("<main")[1].split(
        "</main>")[0]
    assert "has not published a contact yet" in page


def test_the_directory_takes_the_same_queries_for_3_or_30_agencies(app, client, make_region, make_agency):
    region = make_region()
    for _ in range(3):
        make_agency(region=region)
    with counting_queries(app) as few:
        assert client.get("/directory/").status_code == 200
    for _ in range(27):
        make_agency(region=region)
    with counting_queries(app) as many:
        page = client.get("/directory/").get_data(as_text=True)
    assert len(few) == len(many) and "of 30 agencies" in page


def test_the_coordinator_publishes_the_regions_contact(app, client, sign_in, make_account, make_region):
    coordinator = make_account(Role.COORDINATOR, region=make_region(name="Uinta Basin"))
    sign_in(coordinator)
    url = f"/agencies/regions/{coordinator.region_id}/contact"
    refused = client.post(url, data={"contact_name": "Dana Reyes", "contact_email": "not-an-address",
                                     "contact_phone": "call me"})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Enter an email address like" in text and "Enter a phone number" in text
    done = client.post(url, data={"contact_name": "Dana Reyes", "contact_title": "Regional coordinator",
                                  "contact_email": "dana.reyes@basin.example.gov", "contact_phone": "(435) 555-0142"},
                       follow_redirects=True)
    page = done.get_data(as_text=True)
    assert "Dana Reyes" in page and "mailto:dana.reyes@basin.example.gov" in page and "tel:(435)555-0142" in page
    assert coordinator.email not in page
    with app.app_context():
        assert db.session.execute(db.select(AuditEvent.action).where(
            AuditEvent.action == "region.contact_changed")).scalar_one()
    other = app.test_client()
    sign_in(make_account(Role.COORDINATOR, region=make_region()), via=other)
    assert other.get(url).status_code == 404
