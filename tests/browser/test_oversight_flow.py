"""Program oversight in a real browser: the training officer's dispatch roster, planning and exports; the
coordinator's dashboard with charts and the region's public contact; the public directory."""
import csv
from datetime import date, timedelta

from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.applications.models import Application
from lms.extensions import db
from tests.browser.conftest import check_accessibility, header_link, screenshot, sign_in_as
from tests.certification import certify, post

HOSTILE = '=HYPERLINK("http://evil.example"), Zoë "Jr" Ñúñez'


def csv_rows(download) -> list[list[str]]:
    with open(download.path(), encoding="utf-8", newline="") as file:
        return list(csv.reader(file))


def test_a_training_officer_plans_and_hands_dispatch_the_roster(app, page, make_agency, make_person, make_account):
    agency = make_agency(name="Cedar Hollow Police Department")
    hostile, night, volunteer = (make_person(name=HOSTILE, agency=agency), make_person(name="Avery Night", agency=agency),
                                 make_person(name="Pat Volunteer", agency=agency))
    post(app, night.id, "North", "Night")
    post(app, volunteer.id, "South", "Day")
    certify(app, hostile.id, date.today() - timedelta(days=3))
    certify(app, night.id, date.today())
    with app.app_context():
        db.session.add(Application(person_id=volunteer.id, agency_id=agency.id, course_slug="tiny-course",
                                   motivation="I want to help.", status="accepted"))
        db.session.commit()
    sign_in_as(page, make_account(Role.TRAINING_OFFICER, agency=agency))

    header_link(page, "CIT coverage").click()
    expect(page).to_have_title("CIT coverage: Cedar Hollow Police Department | State CIT Program")
    expect(page.get_by_test_id("plan")).to_contain_text(
        "If the volunteers already accepted into an academy finish: 3 of 4 districts and shifts covered")
    check_accessibility(page)

    page.get_by_role("link", name="Dispatch roster: who is CIT-certified on each district and shift").click()
    expect(page.locator("h1")).to_have_text("CIT dispatch roster: Cedar Hollow Police Department")
    expect(page.locator("tbody tr")).to_have_count(2)
    check_accessibility(page)
    screenshot(page, "dispatch-roster")
    with page.expect_download() as got:
        page.get_by_role("link", name="Download for dispatch (CSV)").click()
    rows = csv_rows(got.value)
    assert rows[0][:3] == ["District", "Shift", "Name"]
    assert [row[:3] for row in rows[1:]] == [["North", "Day", "'" + HOSTILE], ["North", "Night", "Avery Night"]]

    header_link(page, "Exports").click()
    check_accessibility(page)
    page.get_by_label("Completed on or after").fill("2026-06-01")
    page.get_by_label("Completed on or before").fill("2026-05-01")
    page.get_by_role("button", name="Download completions (CSV)").click()
    expect(page.locator(".usa-error-message").first).to_contain_text("The end of the period cannot be before its start.")
    check_accessibility(page)
    page.get_by_label("Completed on or before").fill("")
    page.get_by_label("Completed on or after").fill("")
    with page.expect_download() as got:
        page.get_by_role("button", name="Download completions (CSV)").click()
    completions = csv_rows(got.value)
    assert len(completions) == 3 and {row[0] for row in completions[1:]} == {"'" + HOSTILE, "Avery Night"}
    with page.expect_download() as got:
        page.get_by_role("link", name="Certificates with their status (CSV)").click()
    assert {row[5] for row in csv_rows(got.value)[1:]} == {"active"}


def test_a_coordinator_reads_the_dashboard_and_publishes_the_regions_contact(app, page, make_region, make_agency,
                                                                            make_person, make_account):
    region = make_region(name="Central Region")
    agency = make_agency(name="Cedar Hollow Police Department", region=region)
    for days in (400, 200, 10):
        certify(app, make_person(agency=agency).id, date.today() - timedelta(days=days))
    sign_in_as(page, make_account(Role.COORDINATOR, region=region))

    header_link(page, "Program").click()
    expect(page.locator("h1")).to_have_text("Program dashboard: Central Region")
    expect(page.get_by_test_id("headline")).to_contain_text("3")
    charts = page.locator("svg[role=img]")
    expect(charts).to_have_count(5)
    expect(charts.first.locator("desc")).to_contain_text("Certified officers: from")
    expect(page.get_by_role("region", name="Officers holding an active CIT certification, at the end of each "
                                            "month: the numbers")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "program-dashboard")

    page.get_by_role("link", name="The region's public contact").click()
    page.get_by_label("Name").fill("Casey Reyes")
    page.get_by_label("Public email address").fill("not an address")
    page.get_by_role("button", name="Publish this contact").click()
    expect(page.locator(".usa-error-message").first).to_contain_text("Enter an email address like")
    check_accessibility(page)
    page.get_by_label("Public email address").fill("cit.central@example.gov")
    page.get_by_label("Public phone number").fill("(801) 555-0140")
    page.get_by_role("button", name="Publish this contact").click()
    expect(page.locator("#region-" + str(region.id) + " ~ [data-testid=region-contact]")).to_contain_text(
        "Casey Reyes")


def test_the_public_finds_their_agency_in_the_directory(app, page, make_region, make_agency, make_person):
    region = make_region(name="Southern Region")
    agency = make_agency(name="Red Mesa Police Department", region=region, districts=("Central",))
    officer = make_person(name="Hidden Name", agency=agency)
    certify(app, officer.id, date.today())
    page.goto("/")
    page.get_by_role("link", name="Agencies in the program").click()
    expect(page.locator("h1")).to_have_text("Agencies in the state CIT program")
    row = page.locator("tbody tr").filter(has=page.locator("th", has_text="Red Mesa Police Department"))
    expect(row).to_contain_text("Partly covered")
    expect(row.locator("td").first).to_have_text("1")
    expect(page.locator("main")).not_to_contain_text("Hidden Name")
    check_accessibility(page)
    screenshot(page, "public-directory")
