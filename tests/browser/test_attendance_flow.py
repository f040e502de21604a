"""The lead instructor takes attendance on a tablet; the officer then sees the hours on their dashboard."""

from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.extensions import db
from lms.people.models import Person
from tests.browser.conftest import check_accessibility, screenshot, sign_in_as




def test_the_instructor_takes_attendance_on_a_tablet_and_the_officer_sees_hours(app, browser, live_server, page,
                                                                                make_academy, make_account):
    class_id, session_id, lead, (first, second) = make_academy(people=2)
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in_as(page, lead)
    page.get_by_role("button", name="Menu", exact=True).click()  # at tablet width the navigation folds into a menu
    page.get_by_role("link", name="My sessions").click()
    expect(page.locator("h1")).to_have_text("My sessions")
    check_accessibility(page)
    page.locator("tbody a").first.click()
    expect(page.locator("h1")).to_have_text("Attendance")
    check_accessibility(page)
    row = page.locator(f"#person-{first}")
    row.get_by_text("Present", exact=True).click()
    row.get_by_role("button", name="Save Learner 0").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    expect(page.locator(f"#person-{first}")).to_contain_text("now present")
    other = page.locator(f"#person-{second}")
    other.get_by_text("Late", exact=True).click()
    other.get_by_role("button", name="Save Learner 1").click()
    expect(page.locator(f"#person-{second}").locator(".usa-error-message")).to_contain_text("Enter the minutes late")
    check_accessibility(page)
    other = page.locator(f"#person-{second}")
    other.get_by_text("Late", exact=True).click()
    other.get_by_label("Minutes late").fill("20")
    other.get_by_role("button", name="Save Learner 1").click()
    expect(page.locator(f"#person-{second}")).to_contain_text("now late")
    expect(page.locator(f"#person-{first}")).to_contain_text("now present")
    screenshot(page, "attendance-tablet")
    page.get_by_role("button", name="Lock this attendance sheet").click()
    expect(page.get_by_role("status")).to_contain_text("locked")
    check_accessibility(page)

    with app.app_context():
        person = db.session.get(Person, first)
        db.session.expunge(person)
    officer = make_account(Role.OFFICER, person=person)
    tab = browser.new_context(base_url=live_server).new_page()
    sign_in_as(tab, officer)
    expect(tab.get_by_test_id("figure").first).to_have_text("1.0")
    check_accessibility(tab)
    tab.get_by_role("link", name="My academy application").first.click()
    expect(tab.locator("label", has_text="Hours credited: 1.0 of 2.0")).to_be_visible()
    check_accessibility(tab)
    screenshot(tab, "officer-academy-hours")
    tab.context.close()
