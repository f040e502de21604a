"""An experienced officer volunteers for the academy; their training officer endorses them."""
from datetime import date

from playwright.sync_api import expect

from lms.accounts.roles import Role
from tests.browser.conftest import check_accessibility, screenshot, sign_in_as




def test_an_officer_applies_is_endorsed_and_accepted(browser, live_server, page, make_agency, make_region,
                                                     make_person, make_account, make_academy):
    region = make_region(name="Central Region")
    coordinator = make_account(Role.COORDINATOR, region=region, name="Casey Coordinator")
    make_academy(people=0, coordinator=coordinator, capacity=12)
    agency = make_agency(name="Cedar Hollow Police Department", region=region)
    officer = make_account(Role.OFFICER, person=make_person(name="Val Veteran", agency=agency,
                                                            started_on=date(2018, 3, 1)))
    trainer = make_account(Role.TRAINING_OFFICER, agency=agency, name="Terry Trainer")
    sign_in_as(page, officer)
    page.get_by_role("link", name="CIT academy").click()
    expect(page.locator("h1")).to_have_text("Volunteer for the CIT academy")
    check_accessibility(page)
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator("#motivation-error")).to_be_visible()
    check_accessibility(page)
    page.fill("#motivation", "Six years on nights; I want to handle crisis calls with more skill and patience.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_test_id("current-application")).to_contain_text("Waiting for your agency")
    check_accessibility(page)
    screenshot(page, "application-sent")

    desk = browser.new_context(base_url=live_server).new_page()
    sign_in_as(desk, trainer)
    desk.get_by_role("link", name="Volunteers").first.click()
    expect(desk.locator("h2", has_text="Val Veteran")).to_be_visible()
    check_accessibility(desk)
    desk.get_by_label("Your decision").select_option("endorse")
    desk.get_by_label("Comment for the officer and the coordinator").fill("Calm under pressure; strong community ties.")
    desk.get_by_role("button", name="Record my decision").click()
    expect(desk.get_by_role("status")).to_contain_text("Your decision on Val Veteran")
    check_accessibility(desk)
    screenshot(desk, "application-endorsed")
    desk.context.close()

    page.reload()
    expect(page.get_by_test_id("current-application")).to_contain_text("Endorsed by your agency")
    expect(page.get_by_test_id("current-application")).to_contain_text("Calm under pressure")

    office = browser.new_context(base_url=live_server).new_page()
    sign_in_as(office, coordinator)
    office.get_by_role("link", name="Academies").first.click()
    office.get_by_role("link", name="Volunteers to decide on").click()
    expect(office.locator("h2", has_text="Val Veteran")).to_be_visible()
    check_accessibility(office)
    office.get_by_label("Decision").select_option("accept")
    office.get_by_label("Academy").select_option(label="Test academy: 12 of 12 seats left")
    office.get_by_role("button", name="Record the decision").click()
    expect(office.get_by_role("status")).to_contain_text("Val Veteran: Accepted into an academy")
    check_accessibility(office)
    screenshot(office, "application-accepted")
    office.context.close()
    page.reload()
    expect(page.get_by_test_id("current-application")).to_contain_text("Accepted into an academy")
