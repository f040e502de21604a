"""A training officer sees which districts and shifts of the agency lack a CIT officer, and the forecast."""
from datetime import date, timedelta

from playwright.sync_api import expect

from lms.accounts.roles import Role
from tests.browser.conftest import check_accessibility, header_link, screenshot, sign_in_as
from tests.certification import certify, post


def test_a_training_officer_sees_the_gaps_and_the_forecast(app, page, make_agency, make_person, make_account):
    agency = make_agency(name="Cedar Hollow Police Department")
    first, second = make_person(agency=agency), make_person(agency=agency)
    post(app, second.id, "South", "Night")
    certify(app, first.id, date.today())
    certify(app, second.id, date.today() - timedelta(days=700))
    sign_in_as(page, make_account(Role.TRAINING_OFFICER, agency=agency))
    header_link(page, "CIT coverage").click()
    expect(page.get_by_test_id("coverage-status")).to_contain_text("Some districts and shifts are not covered.")
    expect(page.get_by_test_id("coverage-grid")).to_contain_text("Covered, expiring")
    expect(page.get_by_test_id("forecast")).to_contain_text("South, Night")
    expect(page.get_by_test_id("to-train")).to_contain_text("Certify 3 more officers")
    check_accessibility(page)
    screenshot(page, "coverage-agency")


def test_a_coordinator_sees_the_region(app, page, make_agency, make_person, make_account, make_region):
    region = make_region(name="Central Region")
    agency = make_agency(name="Cedar Hollow Police Department", region=region)
    certify(app, make_person(agency=agency).id, date.today())
    make_agency(name="Juniper County Sheriff's Office", region=region)
    sign_in_as(page, make_account(Role.COORDINATOR, region=region))
    header_link(page, "Coverage").click()
    expect(page.get_by_test_id("coverage-counts")).to_contain_text("0 agencies fully covered, 1 partly, 1 not yet.")
    check_accessibility(page)
    page.get_by_role("link", name="Cedar Hollow Police Department").click()
    expect(page.get_by_test_id("coverage-grid")).to_contain_text("Covered")
    check_accessibility(page)
