"""A coordinator schedules an academy and its first session; a training officer assigns the baseline course."""
from datetime import date, timedelta

from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.curriculum import catalogue, versions
from lms.extensions import db
from tests.browser.conftest import check_accessibility, screenshot, sign_in_as




def test_a_coordinator_schedules_an_academy_with_staff_and_a_session(app, page, make_region, make_account):
    with app.app_context():
        versions.publish_all(catalogue.courses())
        db.session.commit()
    region = make_region(name="Central Region")
    coordinator = make_account(Role.COORDINATOR, region=region)
    make_account(Role.INSTRUCTOR, name="Ivy Instructor")
    make_account(Role.MHP, name="Dr. Mina Clinician")
    first = date.today() + timedelta(days=30)
    sign_in_as(page, coordinator)
    page.get_by_role("link", name="Academies").first.click()
    check_accessibility(page)
    page.get_by_role("link", name="Schedule an academy").click()
    check_accessibility(page)
    page.get_by_label("Name of the academy").fill("Central Region academy, spring")
    page.get_by_label("Where it is held").fill("Regional training center")
    page.get_by_label("First day").fill(first.isoformat())
    page.get_by_label("Last day").fill((first - timedelta(days=1)).isoformat())
    page.get_by_label("Seats").fill("24")
    page.get_by_label("Lead instructor").select_option(label="Ivy Instructor")
    page.locator("label", has_text="Dr. Mina Clinician (Mental health professional)").click()
    page.get_by_role("button", name="Schedule the academy").click()
    expect(page.locator("#ends_on-error")).to_contain_text("cannot be before the first day")
    check_accessibility(page)
    page.get_by_label("Last day").fill((first + timedelta(days=4)).isoformat())
    page.get_by_role("button", name="Schedule the academy").click()
    expect(page.locator("h1")).to_have_text("Central Region academy, spring")
    expect(page.get_by_text("Dr. Mina Clinician (Mental health professional)")).to_be_visible()
    page.get_by_label("Module").select_option(label="Practice (1 h)")
    page.get_by_label("Day").fill(first.isoformat())
    page.get_by_label("Starts at").fill("08:00")
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_label("Place").fill("Room 2")
    page.get_by_role("button", name="Add to the schedule").click()
    expect(page.get_by_role("status")).to_contain_text("The session is on the schedule.")
    expect(page.locator("table").last).to_contain_text("08:00–12:00")
    check_accessibility(page)
    screenshot(page, "academy-scheduled")
    page.goto("/courses/")
    expect(page.get_by_text("Central Region academy, spring")).to_be_visible()
    check_accessibility(page)


def test_a_training_officer_assigns_the_baseline_course_with_a_due_date(app, page, make_agency, make_person,
                                                                      make_account):
    with app.app_context():
        versions.publish_all(catalogue.courses())
        db.session.commit()
    agency = make_agency()
    make_person(name="Ray Recruit", agency=agency, rank="recruit")
    trainer = make_account(Role.TRAINING_OFFICER, agency=agency)
    sign_in_as(page, trainer)
    page.get_by_role("link", name="Baseline course").first.click()
    check_accessibility(page)
    page.get_by_role("button", name="Assign the course").click()
    expect(page.locator("#people-error")).to_contain_text("Choose at least one person")
    check_accessibility(page)
    page.locator("label", has_text="Ray Recruit").click()
    page.get_by_label("Due date").fill((date.today() + timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Assign the course").click()
    expect(page.get_by_role("status")).to_contain_text("Assigned to 1 person")
    expect(page.locator("tr", has_text="Ray Recruit")).to_contain_text("In progress")
    check_accessibility(page)
    screenshot(page, "baseline-assigned")
