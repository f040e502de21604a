"""A supervisor endorses a volunteer; a coordinator changes an academy and books a make-up seat for missed hours."""
from datetime import date

from playwright.sync_api import expect

from lms.academies.models import ClassSession
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.applications.models import Application
from lms.attendance import services as attendance
from lms.extensions import db
from tests.browser.conftest import check_accessibility, flash, header_link, screenshot, sign_in_as


def test_a_sergeant_endorses_a_volunteer_of_their_agency(app, page, make_agency, make_person, make_account):
    agency = make_agency(name="Cedar Hollow Police Department")
    volunteer = make_person(name="Val Veteran", agency=agency, started_on=date(2016, 1, 4))
    with app.app_context():
        db.session.add(Application(person_id=volunteer.id, agency_id=agency.id, course_slug="tiny-course",
                                   motivation="Six years of nights; I want to handle crisis calls with more skill.",
                                   status="submitted"))
        db.session.commit()
    sergeant = make_account(Role.OFFICER, person=make_person(name="Sam Sergeant", agency=agency, rank="sergeant",
                                                             started_on=date(2010, 2, 1)))
    sign_in_as(page, sergeant)
    header_link(page, "Volunteers").click()
    expect(page.locator("h1")).to_have_text("Academy volunteers from your agency")
    check_accessibility(page)
    page.get_by_label("Your decision").select_option("endorse")
    page.get_by_label("Comment").fill("Calm and patient on every call I have seen.")
    page.get_by_role("button", name="Record my decision").click()
    expect(flash(page)).to_contain_text("Your decision on Val Veteran's application is recorded.")
    check_accessibility(page)
    screenshot(page, "supervisor-endorsed")


def test_a_coordinator_changes_an_academy_and_books_a_make_up(app, page, make_region, make_account, make_academy):
    region = make_region(name="Central Region")
    coordinator = make_account(Role.COORDINATOR, region=region, name="Casey Coordinator")
    home_id, home_session_id, home_lead, (person_id,) = make_academy(people=1, coordinator=coordinator)
    make_academy(people=0, coordinator=coordinator)
    with app.app_context():
        attendance.mark(db.session.get(ClassSession, home_session_id), person_id, status="absent", minutes_late=0,
                        actor=db.session.get(Account, home_lead.id))
        db.session.commit()
    sign_in_as(page, coordinator)
    page.goto(f"/academies/{home_id}")
    page.get_by_role("link", name="Change dates, seats or staff").click()
    check_accessibility(page)
    page.get_by_label("Seats").fill("0")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator("#capacity-error")).to_contain_text("Choose from 1 to 60 seats")
    check_accessibility(page)
    page.get_by_label("Seats").fill("12")
    page.get_by_label("Where it is held").fill("County hall, room 4")
    page.get_by_role("button", name="Save the changes").click()
    expect(flash(page)).to_contain_text("Test academy is updated.")
    expect(page.get_by_test_id("seats")).to_contain_text("1 of 12 seats taken")
    page.get_by_role("link", name="Learner 0").click()
    expect(page.locator("h1")).to_have_text("Learner 0")
    expect(page.locator("tr", has_text="Practice")).to_contain_text("1.0")
    check_accessibility(page)
    page.get_by_role("button", name="Book a make-up seat").click()
    expect(flash(page)).to_contain_text("Make-up seat booked")
    expect(page.get_by_test_id("make-ups")).to_contain_text("Practice")
    check_accessibility(page)
    screenshot(page, "make-up-booked")
