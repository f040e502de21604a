"""What the state, a region and an agency do with agencies and people, in a real browser.

Each flow signs in through the real form, moves through the site the way a person would (header
navigation, buttons, forms), runs axe on every page it reaches (pages with validation errors too)
and keeps a screenshot of each distinct page in test-artifacts/.
"""
import re
from datetime import date

import pyotp
from playwright.sync_api import expect

from lms.accounts.roles import Role
from tests.browser.conftest import check_accessibility, flash, header_link, row_of, screenshot
from tests.factories import PASSWORD

FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName.toLowerCase(), id: e.id || '', type: e.type || '',
          text: (e.innerText || '').trim().replace(/\\s+/g, ' '),
          label: e.labels && e.labels.length ? e.labels[0].innerText.trim() : ''};
}"""


# --- helpers ----------------------------------------------------------------------------------------------

def arrived(page, name: str, heading: str | re.Pattern | None = None, url: str | re.Pattern | None = None):
    """Wait for the page a person lands on, check it with axe, and keep a screenshot of it."""
    if url is not None:
        page.wait_for_url(url)
    if heading is not None:
        expect(page.locator("h1")).to_have_text(heading)
    page.wait_for_load_state("load")
    check_accessibility(page)
    screenshot(page, name)
    return page


def sign_in(page, account, name: str) -> None:
    """Sign in through the real form; a code from the authenticator app when the account has MFA."""
    page.goto("/login")
    check_accessibility(page)
    page.fill("#email", account.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name=re.compile("sign in", re.I)).click()
    if account.totp_plain:
        page.wait_for_url("**/login/code")
        check_accessibility(page)
        page.fill("#code", pyotp.TOTP(account.totp_plain).now())
        page.get_by_role("button", name="Verify and sign in").click()
    arrived(page, name, url=re.compile(r"/dashboard(#.*)?$"))
    expect(page.locator(".site-account__who")).to_contain_text(account.role_enum.label)








def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, description: str, is_it, *, backwards: bool = False, limit: int = 80) -> dict:
    """Press Tab (or Shift+Tab) until the focused element is the one wanted; fail if it never comes."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if is_it(now):
            return now
        seen.append(now["id"] or now["text"][:30] or now["tag"])
    raise AssertionError(f"{description} cannot be reached with the keyboard; focus went through {seen}")


def by_id(element_id: str):
    return lambda now: now["id"] == element_id


def by_text(tag: str, text: str):
    return lambda now: now["tag"] == tag and now["text"] == text


# --- 1. the state sets up a region, an agency, its districts and shifts ------------------------------------

def test_state_administrator_sets_up_a_region_and_an_agency_with_districts_and_an_overnight_shift(
        page, make_account):
    admin = make_account(Role.ADMIN, name="Stella State")
    sign_in(page, admin, "flows-admin-dashboard")

    header_link(page, "Regions").click()
    arrived(page, "flows-regions-empty", "Regions", re.compile(r"/agencies/regions$"))
    expect(page.get_by_role("region", name="No regions yet")).to_be_visible()
    expect(header_link(page, "Regions")).to_have_attribute("aria-current", "page")

    # A code with a space is refused next to the field, and what was typed stays.
    page.fill("#code", "N E")
    page.fill("#name", "Northeast Region")
    page.get_by_role("button", name="Add region").click()
    expect(page.locator("#code-error")).to_have_text("Use letters and digits only, with no spaces.")
    arrived(page, "flows-regions-error")
    expect(page.get_by_test_id("form-errors")).to_contain_text("Region code")
    assert page.locator("#code").get_attribute("aria-invalid") == "true"
    assert "code-error" in page.locator("#code").get_attribute("aria-describedby")
    assert page.input_value("#name") == "Northeast Region"

    page.fill("#code", "ne")
    page.get_by_role("button", name="Add region").click()
    expect(flash(page)).to_have_text("Region Northeast Region (NE) is added.")
    arrived(page, "flows-regions-added", "Regions")
    region_row = row_of(page, "Northeast Region")
    expect(region_row.locator("td").nth(1)).to_have_text("0")
    expect(region_row.locator("td").nth(2)).to_contain_text("None yet")

    # The region's public contact, for the public directory.
    region_row.get_by_role("link", name="Edit the public contact of Northeast Region").click()
    arrived(page, "flows-region-contact", "Public contact: Northeast Region")
    page.get_by_label("Name").fill("Noor Haddad")
    page.get_by_label("Public email address").fill("cit.northeast@example.gov")
    page.get_by_role("button", name="Publish this contact").click()
    expect(flash(page)).to_contain_text("The public directory now shows this contact for Northeast Region.")
    expect(page.get_by_test_id("region-contact")).to_contain_text("Noor Haddad")
    header_link(page, "Regions").click()

    header_link(page, "Agencies").click()
    arrived(page, "flows-agencies-admin-empty", "Agencies", re.compile(r"/agencies/$"))
    page.get_by_role("link", name="Add an agency").click()
    arrived(page, "flows-agency-new", "Add an agency", re.compile(r"/agencies/new$"))
    page.get_by_label("Agency name").fill("Riverton Police Department")
    page.get_by_label("Kind of agency").select_option(label="Police department")
    page.get_by_label("Region", exact=True).select_option(label="Northeast Region (NE)")
    page.get_by_role("button", name="Add agency").click()

    expect(flash(page)).to_have_text("Riverton Police Department is added.")
    arrived(page, "flows-agency-detail-new", "Riverton Police Department", re.compile(r"/agencies/\d+$"))
    expect(page.locator("dl")).to_contain_text("Northeast Region (NE)")
    expect(page.get_by_role("region", name="No districts yet")).to_be_visible()
    expect(page.get_by_role("region", name="No shifts yet")).to_be_visible()
    agency_url = page.url

    for district in ("North", "Precinct 3"):
        page.get_by_label("District name").fill(district)
        page.get_by_role("button", name="Add district").click()
        expect(flash(page)).to_have_text(f"District {district} is added.")
        check_accessibility(page)
    expect(page.get_by_test_id("districts").locator("li")).to_have_text(["North", "Precinct 3"])

    page.get_by_label("Shift name").fill("Night")
    page.get_by_label("Starts at").fill("22:00")
    page.get_by_label("Ends at").fill("06:00")
    page.get_by_role("button", name="Add shift").click()
    expect(flash(page)).to_have_text("Shift Night (22:00–06:00) is added.")
    arrived(page, "flows-agency-detail-set-up", "Riverton Police Department")
    expect(page.get_by_role("table", name="Shifts of Riverton Police Department").locator("tbody tr")).to_have_count(1)
    expect(row_of(page, "Night").locator("td")).to_have_text("22:00–06:00 (ends the next day)")
    expect(page.get_by_test_id("districts").locator("li")).to_have_text(["North", "Precinct 3"])

    # The same district again, in other letters: refused next to the field, with the name kept.
    page.get_by_label("District name").fill("north")
    page.get_by_role("button", name="Add district").click()
    expect(page.locator("#district-name-error")).to_have_text("This agency already has a district with that name.")
    arrived(page, "flows-agency-detail-duplicate-district", "Riverton Police Department")
    assert page.locator("#district-name").get_attribute("aria-invalid") == "true"
    assert "district-name-error" in page.locator("#district-name").get_attribute("aria-describedby")
    assert page.input_value("#district-name") == "north"
    expect(page.get_by_test_id("form-errors")).to_have_count(1)  # only the district form complains
    expect(page.get_by_test_id("districts").locator("li")).to_have_text(["North", "Precinct 3"])

    # Back on the list, the new agency shows its region and counts; the region now counts one agency.
    header_link(page, "Agencies").click()
    arrived(page, "flows-agencies-admin", "Agencies", re.compile(r"/agencies/$"))
    expect(row_of(page, "Riverton Police Department").locator("td")).to_have_text(
        ["Police department", "Northeast Region", "2", "1"])
    row_of(page, "Riverton Police Department").get_by_role("link").click()
    page.wait_for_url(agency_url)
    check_accessibility(page)
    header_link(page, "Regions").click()
    page.wait_for_url("**/agencies/regions")
    expect(row_of(page, "Northeast Region").locator("td")).to_have_text(["NE", "1", re.compile("Noor Haddad")])
    check_accessibility(page)


# --- 2. the state adds people ----------------------------------------------------------------------------

def test_state_administrator_adds_a_person_without_an_officer_id_and_cannot_reuse_their_email(page, make_account):
    admin = make_account(Role.ADMIN, name="Stella State")
    sign_in(page, admin, "flows-admin-dashboard-2")

    header_link(page, "People").click()
    arrived(page, "flows-people", "People", re.compile(r"/people/$"))
    page.get_by_role("link", name="Add a person").click()
    arrived(page, "flows-person-new", "Add a person", re.compile(r"/people/new$"))
    page.get_by_label("Legal name").fill("Riley Recruit")
    page.get_by_label("Email address").fill("riley.recruit@riverton.test")
    expect(page.get_by_label("State officer ID (optional)")).to_have_value("")
    page.get_by_role("button", name="Add person").click()

    expect(flash(page)).to_contain_text(re.compile(r"Riley Recruit is added with state officer ID P-[0-9A-F]{8}\."))
    arrived(page, "flows-person-detail-provisional", "Riley Recruit", re.compile(r"/people/\d+$"))
    officer_id = re.search(r"P-[0-9A-F]{8}", flash(page).inner_text()).group(0)
    details = page.locator("main dl")
    expect(details).to_contain_text(officer_id)
    expect(details.locator(".usa-tag")).to_have_text("Provisional")
    expect(details).to_contain_text("riley.recruit@riverton.test")
    expect(details).to_contain_text("Not employed by an agency on record")
    expect(page.get_by_role("region", name="No employment on record")).to_be_visible()

    header_link(page, "People").click()
    arrived(page, "flows-people-one", "People")
    expect(row_of(page, "Riley Recruit").locator("td").first).to_have_text(f"{officer_id} Provisional")

    page.get_by_role("link", name="Add a person").click()
    page.wait_for_url("**/people/new")
    check_accessibility(page)
    page.get_by_label("Legal name").fill("Riley Other")
    page.get_by_label("Email address").fill("Riley.Recruit@Riverton.test")
    page.get_by_label("State officer ID (optional)").fill("UT-424242")
    page.get_by_role("button", name="Add person").click()

    expect(page.locator("#email-error")).to_have_text("Another person already uses this email address.")
    arrived(page, "flows-person-new-duplicate-email", "Add a person")
    email = page.get_by_label("Email address")
    assert email.get_attribute("aria-invalid") == "true"
    assert "email-error" in email.get_attribute("aria-describedby")
    expect(page.get_by_test_id("form-errors")).to_contain_text("Please correct 1 field: Email address")
    expect(page.get_by_label("Legal name")).to_have_value("Riley Other")
    expect(email).to_have_value("Riley.Recruit@Riverton.test")
    expect(page.get_by_label("State officer ID (optional)")).to_have_value("UT-424242")
    expect(page.locator("#legal_name-error")).to_have_count(0)
    expect(page.locator("#officer_id-error")).to_have_count(0)

    # Following the summary's link puts the cursor in the field to correct.
    page.get_by_test_id("form-errors").get_by_role("link", name="Email address").click()
    expect(email).to_be_focused()


# --- 3. an agency's training officer keeps the roster -----------------------------------------------------

def test_training_officer_hires_a_recruit_moves_an_officer_to_nights_and_records_a_separation(
        page, make_agency, make_person, make_account):
    agency = make_agency(name="Cedar City Police Department", districts=("North", "South"))
    make_person(name="Olive Officer", agency=agency, started_on=date(2020, 1, 6))
    make_person(name="Sam Leaving", agency=agency, started_on=date(2021, 5, 3))
    trainer = make_account(Role.TRAINING_OFFICER, agency=agency, name="Terry Trainer")
    assert trainer.totp_plain is None  # no two-step sign-in for this role by default
    sign_in(page, trainer, "flows-trainer-dashboard")

    header_link(page, "Agency roster").click()
    arrived(page, "flows-roster", "Cedar City Police Department roster", re.compile(r"/people/roster$"))
    expect(page.get_by_role("table", name="Current staff: 3 people")).to_be_visible()
    expect(row_of(page, "Olive Officer").locator("td").nth(2)).to_have_text("North")
    expect(row_of(page, "Olive Officer").locator("td").nth(3)).to_have_text("Day")

    # Hire a new recruit; a forgotten email address is asked for next to its field first.
    page.get_by_role("link", name="Hire someone").click()
    arrived(page, "flows-hire", "Hire someone into Cedar City Police Department", re.compile(r"/people/roster/hire$"))
    page.get_by_text("Someone new to the state records, such as a recruit").click()  # the tile's label
    expect(page.get_by_label("Someone new to the state records, such as a recruit")).to_be_checked()
    page.get_by_label("Legal name").fill("Rowan Recruit")
    page.get_by_label("Start date").fill("2024-03-04")
    page.get_by_label("Rank").select_option(label="Recruit")
    page.get_by_label("District").select_option(label="South")
    page.get_by_label("Shift").select_option(label="Night (22:00–06:00)")
    page.get_by_role("button", name="Hire", exact=True).click()
    expect(page.locator("#email-error")).to_have_text("Enter the person's email address.")
    arrived(page, "flows-hire-error", "Hire someone into Cedar City Police Department")
    expect(page.get_by_label("Legal name")).to_have_value("Rowan Recruit")
    expect(page.get_by_label("Someone new to the state records, such as a recruit")).to_be_checked()
    expect(page.get_by_label("District")).to_have_value(str(agency.districts[1].id))

    page.get_by_label("Email address").fill("rowan.recruit@cedar.test")
    page.get_by_role("button", name="Hire", exact=True).click()
    expect(flash(page)).to_have_text("Rowan Recruit is on your roster from 2024-03-04.")
    arrived(page, "flows-roster-hired", "Cedar City Police Department roster")
    expect(page.get_by_role("table", name="Current staff: 4 people")).to_be_visible()
    recruit = row_of(page, "Rowan Recruit").locator("td")
    expect(recruit.nth(0)).to_contain_text("Provisional")
    expect(recruit.nth(1)).to_have_text("Recruit")
    expect(recruit.nth(2)).to_have_text("South")
    expect(recruit.nth(3)).to_have_text("Night")
    expect(recruit.nth(4)).to_have_text("None recorded")

    # Olive moves from the day shift to nights from 1 March 2024.
    page.get_by_role("link", name="Manage Olive Officer").click()
    arrived(page, "flows-manage", "Manage Olive Officer's posting", re.compile(r"/people/roster/\d+/assign$"))
    page.get_by_label("Takes effect on").fill("2024-03-01")
    page.get_by_label("Shift").select_option(label="Night (22:00–06:00)")
    page.get_by_role("button", name="Save the change").click()
    expect(flash(page)).to_have_text("Olive Officer's posting is changed from 2024-03-01.")
    arrived(page, "flows-roster-reassigned", "Cedar City Police Department roster")
    expect(row_of(page, "Olive Officer").locator("td").nth(2)).to_have_text("North")
    expect(row_of(page, "Olive Officer").locator("td").nth(3)).to_have_text("Night")

    # Her history keeps the day-shift posting, ended by the reassignment.
    row_of(page, "Olive Officer").get_by_role("link", name="Olive Officer", exact=True).click()
    arrived(page, "flows-person-history", "Olive Officer", re.compile(r"/people/\d+$"))
    history = page.locator("tbody tr")
    expect(history).to_have_count(2)
    expect(history.nth(0).locator("td")).to_have_text(["Officer", "North", "Night", "2024-03-01", "Current", ""])
    expect(history.nth(1).locator("td")).to_have_text(
        ["Officer", "North", "Day", "2020-01-06", "2024-03-01", "Reassigned"])

    # Sam leaves: a last day before the posting began is refused next to the field, then a good one.
    header_link(page, "Agency roster").click()
    page.wait_for_url("**/people/roster")
    check_accessibility(page)
    page.get_by_role("link", name="Manage Sam Leaving").click()
    expect(page.locator("h1")).to_have_text("Manage Sam Leaving's posting")
    check_accessibility(page)
    page.get_by_label("Last day").fill("2021-05-02")
    page.get_by_label("Reason").select_option(label="Retired")
    page.get_by_role("button", name="Record the separation").click()
    expect(page.locator("#separate-ended_on-error")).to_have_text(
        "The date cannot be before this posting began (2021-05-03).")
    arrived(page, "flows-manage-separation-error", "Manage Sam Leaving's posting")
    last_day = page.get_by_label("Last day")
    assert last_day.get_attribute("aria-invalid") == "true"
    assert "separate-ended_on-error" in last_day.get_attribute("aria-describedby")
    expect(last_day).to_have_value("2021-05-02")
    expect(page.get_by_label("Reason")).to_have_value("retired")
    expect(page.get_by_test_id("form-errors")).to_have_count(1)  # the reassignment form is untouched

    last_day.fill("2024-06-28")
    page.get_by_role("button", name="Record the separation").click()
    expect(flash(page)).to_have_text("Sam Leaving is off your roster from 2024-06-28. "
                                     "Their history and everything they earned stay on their record.")
    arrived(page, "flows-roster-separated", "Cedar City Police Department roster")
    expect(row_of(page, "Sam Leaving")).to_have_count(0)
    expect(page.get_by_role("table", name="Current staff: 3 people")).to_be_visible()
    expect(page.locator("tbody").first).not_to_contain_text("Sam Leaving")


# --- 4. the same hire, by keyboard alone ------------------------------------------------------------------

def test_training_officer_reaches_and_submits_the_hire_form_by_keyboard_alone(page, make_agency, make_account):
    agency = make_agency(name="Juniper County Sheriff's Office", kind="sheriff", districts=("East", "West"))
    trainer = make_account(Role.TRAINING_OFFICER, agency=agency, name="Kai Keys")

    page.goto("/login")
    check_accessibility(page)
    tab_to(page, "the email field", by_id("email"))
    page.keyboard.type(trainer.email)
    tab_to(page, "the password field", by_id("password"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard(#.*)?$"))
    check_accessibility(page)

    tab_to(page, "the Agency roster link in the header", by_text("a", "Agency roster"))
    page.keyboard.press("Enter")
    arrived(page, "flows-keyboard-roster", "Juniper County Sheriff's Office roster", re.compile(r"/people/roster$"))
    tab_to(page, "the Hire someone link", by_text("a", "Hire someone"))
    page.keyboard.press("Enter")
    arrived(page, "flows-keyboard-hire", "Hire someone into Juniper County Sheriff's Office",
            re.compile(r"/people/roster/hire$"))

    # The "who" radio group is one Tab stop, as everywhere: Tab lands on its first option, and, as in every
    # radio group, the arrow keys move between its options (Tab alone never reaches the second one).
    now = tab_to(page, "the first choice of who is hired", by_id("who-0"))
    assert now["label"] == "Someone already in the state records"
    page.keyboard.press("ArrowDown")
    now = focused(page)
    assert (now["id"], now["label"]) == ("who-1", "Someone new to the state records, such as a recruit")
    page.keyboard.press("Space")  # already chosen by the arrow key; Space keeps it chosen
    expect(page.locator("#who-1")).to_be_checked()
    expect(page.locator("#who-0")).not_to_be_checked()

    tab_to(page, "the legal name field", by_id("legal_name"))
    page.keyboard.type("Kendall Keyboard")
    tab_to(page, "the email field", by_id("email"))
    page.keyboard.type("kendall.keyboard@juniper.test")
    tab_to(page, "the start date", by_id("started_on"))
    page.keyboard.type("03042024")  # month, day, year: the date field moves through its parts by itself
    expect(page.locator("#started_on")).to_have_value("2024-03-04")
    tab_to(page, "the rank list", by_id("rank"))
    page.keyboard.type("Recruit")
    expect(page.locator("#rank")).to_have_value("recruit")
    tab_to(page, "the district list", by_id("district_id"))
    page.keyboard.type("West")
    expect(page.locator("#district_id")).to_have_value(str(agency.districts[1].id))
    tab_to(page, "the shift list", by_id("shift_id"))
    page.keyboard.type("Night")
    expect(page.locator("#shift_id")).to_have_value(str(agency.shifts[1].id))
    tab_to(page, "the Hire button", by_text("button", "Hire"))
    check_accessibility(page)
    screenshot(page, "flows-keyboard-hire-filled")
    page.keyboard.press("Enter")

    expect(flash(page)).to_have_text("Kendall Keyboard is on your roster from 2024-03-04.")
    arrived(page, "flows-keyboard-roster-hired", "Juniper County Sheriff's Office roster")
    row = row_of(page, "Kendall Keyboard").locator("td")
    expect(row.nth(1)).to_have_text("Recruit")
    expect(row.nth(2)).to_have_text("West")
    expect(row.nth(3)).to_have_text("Night")


# --- 5. a regional coordinator sees their own region only -------------------------------------------------

def test_regional_coordinator_sees_only_the_agencies_of_their_region(page, make_region, make_agency, make_account):
    mine = make_region(name="Bear River Region", code="BR")
    other = make_region(name="Southwest Region", code="SW")
    make_agency(name="Logan Police Department", region=mine)
    make_agency(name="Box Elder County Sheriff's Office", kind="sheriff", region=mine, districts=("Brigham",))
    elsewhere = make_agency(name="St. George Police Department", region=other)
    coordinator = make_account(Role.COORDINATOR, region=mine, name="Cory Coordinator")
    sign_in(page, coordinator, "flows-coordinator-dashboard")

    expect(header_link(page, "Regions")).to_have_count(0)
    header_link(page, "Agencies").click()
    arrived(page, "flows-agencies-coordinator", "Agencies", re.compile(r"/agencies/$"))
    expect(page.get_by_text("Agencies in your region, Bear River Region.")).to_be_visible()
    expect(page.get_by_role("link", name="Add an agency")).to_have_count(0)
    table = page.get_by_role("table", name="Agencies (2)")
    expect(table.locator("tbody th")).to_have_text(["Box Elder County Sheriff's Office", "Logan Police Department"])
    expect(table.locator("tbody td:nth-child(3)")).to_have_text(["Bear River Region", "Bear River Region"])
    expect(page.locator("main")).not_to_contain_text("St. George Police Department")
    expect(page.locator("main")).not_to_contain_text("Southwest Region")

    # Their own agency opens read-only; another region's agency is not found.
    page.get_by_role("link", name="Logan Police Department").click()
    arrived(page, "flows-agency-detail-coordinator", "Logan Police Department", re.compile(r"/agencies/\d+$"))
    expect(page.get_by_role("button", name="Add district")).to_have_count(0)
    expect(page.get_by_role("link", name="Change name, kind or region")).to_have_count(0)
    page.goto(f"/agencies/{elsewhere.id}")
    expect(page.locator("h1")).to_have_text("Page not found")
    check_accessibility(page)
