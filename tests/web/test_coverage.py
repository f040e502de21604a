"""The agency's CIT coverage: counts per district and shift from postings and active certifications, expiries
within 90 days, what to train, scoped to the agency, in a fixed number of queries."""
from datetime import date, time, timedelta

import pytest

from lms.accounts.roles import Role
from tests.certification import certify, post
from tests.query_count import counting_queries


@pytest.fixture
def agency(app, make_agency, make_person):
    """North/South x Day/Night: North-Day has a certified officer, North-Night one expiring within 90 days."""
    agency = make_agency(name="Cedar Hollow Police Department")
    officers = [make_person(name=f"Officer {n}", agency=agency) for n in range(4)]
    post(app, officers[0].id, "North", "Day")
    post(app, officers[1].id, "North", "Night")
    post(app, officers[2].id, "South", "Day")
    post(app, officers[3].id, "South", "Day")
    certify(app, officers[0].id, date.today())
    certify(app, officers[1].id, date.today() - timedelta(days=700))  # valid for 2 years: ends in about 30 days
    return agency


def test_the_training_officer_sees_the_gaps_the_forecast_and_whom_to_train(client, sign_in, make_account, agency):
    sign_in(make_account(Role.TRAINING_OFFICER, agency=agency))  # posted to North, Day: a fifth sworn officer
    page = client.get("/coverage/agency").get_data(as_text=True)
    assert "Some districts and shifts are not covered." in page
    assert "1 of 2" in page and "1 of 1" in page and "Covered, expiring" in page and "0 of 2" in page
    assert "North, Night: 1 certification expires, leaving it uncovered." in page
    assert "Certify 3 more officers" in page and "1 in South, Night (nobody is posted there yet)" in page
    assert "40.0% of the agency" in page


def test_another_agency_or_region_cannot_see_it(app, sign_in, make_account, make_agency, make_region, agency):
    other = app.test_client()
    sign_in(make_account(Role.COORDINATOR, region=make_region()), via=other)
    assert other.get(f"/coverage/agencies/{agency.id}").status_code == 404
    trainer = app.test_client()
    sign_in(make_account(Role.TRAINING_OFFICER, agency=make_agency()), via=trainer)
    assert "Cedar Hollow" not in trainer.get("/coverage/agency").get_data(as_text=True)


def test_the_coverage_page_takes_the_same_queries_for_4_or_60_officers(app, client, sign_in, make_account,
                                                                     make_person, agency):
    desk = app.test_client()
    sign_in(make_account(Role.COORDINATOR, region=agency.region), via=desk)
    with counting_queries(app) as few:
        assert desk.get(f"/coverage/agencies/{agency.id}").status_code == 200
    for n in range(56):
        person = make_person(agency=agency)
        if n % 3 == 0:
            certify(app, person.id, date.today())
    with counting_queries(app) as many:
        page = desk.get(f"/coverage/agencies/{agency.id}").get_data(as_text=True)
    assert len(few) == len(many) and "of 58" not in page


def test_the_coordinator_sees_the_region_with_the_biggest_gaps_first(app, sign_in, make_account, make_agency,
                                                                      make_person, agency):
    covered = make_agency(name="Bear Creek Police Department", region=agency.region, districts=("Campus",),
                          shifts=(("Day", time(6), time(18)),))
    certify(app, make_person(agency=covered).id, date.today())
    make_agency(name="Juniper County Sheriff's Office", region=agency.region)
    desk = app.test_client()
    sign_in(make_account(Role.COORDINATOR, region=agency.region), via=desk)
    with counting_queries(app) as three:
        page = desk.get("/coverage/").get_data(as_text=True)
    assert "1 agency fully covered, 1 partly, 1 not yet." in page
    assert page.index("Juniper County") < page.index("Cedar Hollow") < page.index("Bear Creek")
    for n in range(3):
        make_agency(region=agency.region)
    with counting_queries(app) as six:
        assert desk.get("/coverage/").status_code == 200
    assert len(three) == len(six)


def test_the_administrator_sees_saturation_by_region(app, client, sign_in, make_account, make_agency, make_region,
                                                     make_person, agency):
    elsewhere = make_agency(region=make_region(name="Southern Region"))
    make_person(agency=elsewhere)
    sign_in(make_account(Role.ADMIN))
    page = client.get("/coverage/").get_data(as_text=True)
    table = page.split("Saturation by region")[-1].split("</table>")[0]
    assert "Southern Region" in table and "0.0% (0 of 1)" in table
    assert "50.0% (2 of 4)" in table  # the fixture's agency: 2 of its 4 posted officers are certified


def test_the_status_counts_agree_with_the_full_grids(app, make_agency, make_person, make_region, agency):
    from lms.coverage import services

    region = agency.region
    covered = make_agency(region=region, districts=("Only",), shifts=(("Day", time(6), time(18)),))
    certify(app, make_person(agency=covered).id, date.today())
    make_agency(region=region)  # nobody certified
    make_agency(region=region, districts=(), shifts=())  # no districts or shifts yet
    other = make_agency(region=make_region())
    certify(app, make_person(agency=other).id, date.today())
    with app.app_context():
        for region_id in (region.id, None):
            grids = services.roll_up(region_id, date.today())
            expected = {status: sum(1 for _, grid in grids if grid.status == status)
                        for status in ("covered", "partly", "not yet")}
            assert services.status_counts(region_id, date.today()) == expected
        assert services.status_counts(region.id, date.today()) == {"covered": 1, "partly": 1, "not yet": 2}


def test_the_grid_is_kept_until_the_next_audited_change(app, sign_in, make_account, make_person, agency):
    """Reading the page again costs a read of the audit chain's head instead of the aggregate queries; an
    audited change (a certificate issued) shows on the next read, on every application server alike."""
    newcomer = make_person(name="Officer Newcomer", agency=agency)
    post(app, newcomer.id, "South", "Day")
    desk = app.test_client()
    sign_in(make_account(Role.COORDINATOR, region=agency.region), via=desk)
    with counting_queries(app) as first:
        before = desk.get(f"/coverage/agencies/{agency.id}").get_data(as_text=True)
    with counting_queries(app) as again:
        assert desk.get(f"/coverage/agencies/{agency.id}").get_data(as_text=True) == before
    assert len(again) < len(first) and any("audit_chain_head" in statement for statement in again)
    assert "0 of 3" in before
    certify(app, newcomer.id, date.today())
    after = desk.get(f"/coverage/agencies/{agency.id}").get_data(as_text=True)
    assert "1 of 3" in after and "0 of 3" not in after


def test_with_keeping_off_the_grid_is_counted_on_every_read(app, sign_in, make_account, agency):
    app.config["KEEP_UNTIL_AUDITED_CHANGE"] = False
    desk = app.test_client()
    sign_in(make_account(Role.COORDINATOR, region=agency.region), via=desk)
    reads = []
    for _ in range(2):
        with counting_queries(app) as seen:
            assert desk.get(f"/coverage/agencies/{agency.id}").status_code == 200
        reads.append(seen)
    assert len(reads[0]) == len(reads[1]) and not any("audit_chain_head" in s for s in reads[1])
