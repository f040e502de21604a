"""Account administration and the audit trail, in a real browser.

Locked, reset, re-roled and disabled accounts, the audit trail's filters and CSV export, and an officer
turning on two-step sign-in for themselves. Each flow signs in through the real form, moves through the
site the way a person would, runs axe on every page it reaches (pages with validation errors too) and
keeps a screenshot of each distinct page in test-artifacts/. Where a second person acts at the same time
(the officer whose account is changed), they use their own browser context, as on their own computer.
"""
import csv
import re
from datetime import UTC, date, datetime, timedelta

import pyotp
import pytest
from playwright.sync_api import expect

from lms.accounts.roles import Role
from tests.browser.conftest import check_accessibility, flash, header_link, row_of, screenshot
from tests.factories import PASSWORD

DASHBOARD = re.compile(r"/dashboard(#.*)?$")
LOGIN = re.compile(r"/login(\?.*)?$")
SIGN_IN_BUTTON = re.compile("sign in", re.IGNORECASE)
CSV_HEADER = ["Sequence", "Time (UTC)", "Actor", "Action", "Object type", "Object ID", "Outcome",
              "Client address", "Endpoint", "Details"]


# --- helpers ----------------------------------------------------------------------------------------------

@pytest.fixture
def new_tab(browser, live_server):
    """new_tab() -> a page in a NEW browser context: another person at another computer."""
    contexts = []

    def open_tab():
        context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        tab.console_errors = errors
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def arrived(page, name: str | None, heading: str | re.Pattern | None = None, url: str | re.Pattern | None = None):
    """Wait for the page a person lands on, check it with axe, and keep a screenshot of it (if named)."""
    if url is not None:
        page.wait_for_url(url)
    if heading is not None:
        expect(page.locator("h1")).to_have_text(heading)
    page.wait_for_load_state("load")
    check_accessibility(page)
    if name:
        screenshot(page, name)
    return page


def submit_sign_in(page, email: str, password: str) -> None:
    page.fill("#email", email)
    page.fill("#password", password)
    page.get_by_role("button", name=SIGN_IN_BUTTON).click()


def open_sign_in(page, name: str | None = None) -> None:
    page.goto("/login")
    arrived(page, name, "Sign in")


def sign_in(page, account, name: str | None = None) -> None:
    """Sign in through the real form; a code from the authenticator app when the account has MFA."""
    open_sign_in(page)
    submit_sign_in(page, account.email, PASSWORD)
    if account.totp_plain:
        page.wait_for_url("**/login/code")
        check_accessibility(page)
        page.fill("#code", pyotp.TOTP(account.totp_plain).now())
        page.get_by_role("button", name="Verify and sign in").click()
    arrived(page, name, f"Welcome, {account.display_name}", DASHBOARD)
    expect(page.locator(".site-account__who")).to_contain_text(account.role_enum.label)








def detail(page, term: str):
    """The value next to a term in the account's description list."""
    return page.locator("main dl dt", has_text=re.compile(f"^{re.escape(term)}$")).locator("xpath=following-sibling::dd[1]")


def open_account_from_header(page, name: str, screenshot_name: str | None = None) -> None:
    """Accounts in the header, a search by name, then the person's account."""
    header_link(page, "Accounts").click()
    arrived(page, None, "Accounts", re.compile(r"/admin/accounts$"))
    page.get_by_label("Name or email contains").fill(name)
    page.get_by_role("button", name="Show accounts").click()
    page.wait_for_url(re.compile(r"/admin/accounts\?.*q="))
    check_accessibility(page)
    row_of(page, name).get_by_role("link", name=name).click()
    arrived(page, screenshot_name, f"Account of {name}", re.compile(r"/admin/accounts/\d+$"))


def not_a_current_code(secret: str) -> str:
    """Six digits that are surely not a code the app shows now (nor just before or after)."""
    totp, now = pyotp.TOTP(secret), datetime.now(UTC)
    valid = {totp.at(now + timedelta(seconds=30 * step)) for step in range(-2, 3)}
    return next(code for code in (f"{n:06d}" for n in range(0, 1_000_000, 111_111)) if code not in valid)


def field_error(page, field_id: str):
    """The message shown next to a field, after checking that the field points to it."""
    field = page.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") == "true"
    assert f"{field_id}-error" in (field.get_attribute("aria-describedby") or "").split()
    return page.locator(f"#{field_id}-error")


# --- 1. a lockout, released by the region's coordinator ----------------------------------------------------

def test_regional_coordinator_unlocks_an_officer_locked_out_after_five_wrong_passwords(
        page, new_tab, make_region, make_agency, make_account):
    region = make_region(name="Bear River Region", code="BR")
    agency = make_agency(name="Logan Police Department", region=region)
    officer = make_account(Role.OFFICER, agency=agency, name="Luca Locked")
    make_account(Role.OFFICER, agency=agency, name="Ava Active")  # same region, never locked
    coordinator = make_account(Role.COORDINATOR, region=region, name="Cory Coordinator")

    # The officer mistypes five times; the fifth attempt locks the account, and then even the right one fails.
    officer_tab = new_tab()
    open_sign_in(officer_tab)
    for attempt in range(1, 6):
        submit_sign_in(officer_tab, officer.email, f"wrong password {attempt}")
        expected = "This account is locked" if attempt == 5 else "The email address or password is not right."
        expect(officer_tab.locator("#password-error")).to_contain_text(expected)
    arrived(officer_tab, "admin-flows-login-locked", "Sign in")
    expect(field_error(officer_tab, "password")).to_have_text(
        "This account is locked after too many failed sign-ins. "
        "Ask your regional coordinator or the state administrator to unlock it.")
    submit_sign_in(officer_tab, officer.email, PASSWORD)
    expect(officer_tab.locator("#password-error")).to_contain_text("This account is locked")
    expect(officer_tab).to_have_url(LOGIN)

    # The coordinator finds the locked account from the header.
    sign_in(page, coordinator, "admin-flows-coordinator-dashboard")
    header_link(page, "Accounts").click()
    arrived(page, "admin-flows-accounts-coordinator", "Accounts", re.compile(r"/admin/accounts$"))
    expect(page.get_by_text("Sign-in accounts of people employed by agencies in Bear River Region.")).to_be_visible()
    expect(row_of(page, "Luca Locked").locator("td").nth(2)).to_have_text("Locked")
    expect(row_of(page, "Ava Active").locator("td").nth(2)).to_have_text("Active")
    expect(row_of(page, "Cory Coordinator")).to_have_count(0)  # not employed in the region

    page.get_by_label("State", exact=True).select_option(label="Locked")
    page.get_by_role("button", name="Show accounts").click()
    arrived(page, "admin-flows-accounts-locked", "Accounts", re.compile(r"/admin/accounts\?.*state=locked"))
    table = page.get_by_role("table", name="Accounts matching the filters: 1 in all, page 1 of 1")
    expect(table.locator("tbody th")).to_have_text(["Luca Locked"])
    expect(page.get_by_label("State", exact=True)).to_have_value("locked")
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()

    row_of(page, "Luca Locked").get_by_role("link", name="Luca Locked").click()
    arrived(page, "admin-flows-account-locked", "Account of Luca Locked", re.compile(r"/admin/accounts/\d+$"))
    expect(detail(page, "State")).to_have_text("Locked")
    expect(detail(page, "Failed sign-ins since the last success")).to_have_text("5")
    expect(detail(page, "Locked since (UTC)")).to_be_visible()
    # A coordinator may help, but not disable or re-role.
    expect(page.get_by_role("button", name="Disable account")).to_have_count(0)
    expect(page.get_by_role("link", name="Change role")).to_have_count(0)

    page.get_by_role("button", name="Unlock account").click()
    expect(flash(page)).to_have_text("Luca Locked's account is unlocked. They can sign in again.")
    arrived(page, "admin-flows-account-unlocked", "Account of Luca Locked")
    expect(detail(page, "State")).to_have_text("Active")
    expect(detail(page, "Failed sign-ins since the last success")).to_have_text("0")
    expect(page.locator("main dl")).not_to_contain_text("Locked since")
    expect(page.get_by_role("button", name="Unlock account")).to_have_count(0)

    # Back on the list, no account is locked any more.
    page.get_by_role("link", name="Back to accounts").click()
    page.wait_for_url(re.compile(r"/admin/accounts$"))
    page.get_by_label("State", exact=True).select_option(label="Locked")
    page.get_by_role("button", name="Show accounts").click()
    expect(page.get_by_role("region", name="No accounts found")).to_be_visible()
    arrived(page, "admin-flows-accounts-none-locked", "Accounts")

    # The officer, at their own computer, signs in with their own password.
    officer_again = new_tab()
    sign_in(officer_again, officer, "admin-flows-officer-dashboard-after-unlock")


# --- 2. a password reset and the first sign-in with the temporary password --------------------------------

def test_administrator_resets_a_password_and_the_officer_must_choose_a_new_one(page, new_tab, make_account):
    admin = make_account(Role.ADMIN, name="Stella State")
    officer = make_account(Role.OFFICER, name="Pat Forgetful")
    sign_in(page, admin, "admin-flows-admin-dashboard")

    open_account_from_header(page, "Pat Forgetful", "admin-flows-account-officer")
    expect(detail(page, "Password")).to_have_text("Chosen by the account holder")
    page.get_by_role("button", name="Reset password").click()
    arrived(page, "admin-flows-temporary-password", "Password reset for Pat Forgetful",
            re.compile(r"/reset-password$"))
    expect(page.get_by_role("heading", name="Give them this temporary password now")).to_be_visible()
    temporary = page.get_by_test_id("temporary-password").inner_text().strip()
    assert re.fullmatch(r"[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){4}", temporary), temporary
    expect(page.locator("main")).to_contain_text(f"They sign in with {officer.email}.")

    # Once noted, it is never shown again: the account only says a temporary password is due for change.
    page.get_by_role("link", name="I have noted it: back to the account").click()
    arrived(page, None, "Account of Pat Forgetful", re.compile(r"/admin/accounts/\d+$"))
    expect(detail(page, "Password")).to_contain_text("Temporary: must be changed at the next sign-in")
    assert temporary not in page.content()
    expect(page.get_by_test_id("temporary-password")).to_have_count(0)

    # The officer signs in with it at their own computer and is sent to choose their own password.
    officer_tab = new_tab()
    open_sign_in(officer_tab)
    submit_sign_in(officer_tab, officer.email, PASSWORD)  # the old password no longer works
    expect(officer_tab.locator("#password-error")).to_have_text("The email address or password is not right.")
    submit_sign_in(officer_tab, officer.email, temporary)
    arrived(officer_tab, "admin-flows-change-temporary-password", "Change your password",
            re.compile(r"/account/password$"))
    expect(officer_tab.locator("main [role=status]")).to_contain_text("Choose a new password before you go on.")
    expect(officer_tab.get_by_text("You signed in with a temporary password. Choose your own to continue.")).to_be_visible()

    # Nothing else opens until the password is changed.
    header_link(officer_tab, "Dashboard").click()
    officer_tab.wait_for_url(re.compile(r"/account/password$"))
    expect(officer_tab.locator("h1")).to_have_text("Change your password")
    check_accessibility(officer_tab)

    officer_tab.get_by_label("Current password").fill(temporary)
    officer_tab.get_by_label("New password", exact=True).fill("short1")
    officer_tab.get_by_label("Type the new password again").fill("short1")
    officer_tab.get_by_role("button", name="Change password").click()
    expect(officer_tab.locator("#new_password-error")).to_have_text("Use at least 8 characters (this one has 6).")
    arrived(officer_tab, "admin-flows-change-password-too-short", "Change your password")
    expect(field_error(officer_tab, "new_password")).to_be_visible()
    expect(officer_tab.get_by_test_id("form-errors")).to_contain_text("Please correct 1 field: New password")
    expect(officer_tab.locator("#current_password-error")).to_have_count(0)

    officer_tab.get_by_label("Current password").fill(temporary)
    officer_tab.get_by_label("New password", exact=True).fill("lantern harbor walrus seven")
    officer_tab.get_by_label("Type the new password again").fill("lantern harbor walrus seven")
    officer_tab.get_by_role("button", name="Change password").click()
    expect(officer_tab.locator("main [role=status]")).to_contain_text("Your password is changed.")
    arrived(officer_tab, "admin-flows-password-changed", "My account", re.compile(r"/account$"))
    header_link(officer_tab, "Dashboard").click()
    arrived(officer_tab, "admin-flows-officer-dashboard-after-reset", "Welcome, Pat Forgetful", DASHBOARD)

    # The administrator sees the password is the officer's own again.
    page.reload()
    expect(detail(page, "Password")).to_have_text("Chosen by the account holder")
    expect(detail(page, "Last sign-in (UTC)")).not_to_have_text("Never")
    check_accessibility(page)


# --- 3. a new role needs its scope ------------------------------------------------------------------------

def test_administrator_makes_an_officer_a_regional_coordinator_only_with_a_region(
        page, make_region, make_agency, make_account):
    region = make_region(name="Southwest Region", code="SW")
    make_region(name="Northeast Region", code="NE")
    admin = make_account(Role.ADMIN, name="Stella State")
    make_account(Role.OFFICER, agency=make_agency(region=region), name="Rory Promoted")
    sign_in(page, admin)

    open_account_from_header(page, "Rory Promoted")
    expect(detail(page, "Role")).to_have_text("Patrol officer")
    page.get_by_role("link", name="Change role").click()
    arrived(page, "admin-flows-change-role", "Change the role of Rory Promoted", re.compile(r"/role$"))
    expect(page.get_by_label("Role", exact=True)).to_have_value("officer")
    expect(page.locator("#region_id")).to_have_value("")

    page.get_by_label("Role", exact=True).select_option(label="Regional coordinator")
    page.get_by_role("button", name="Change role").click()
    expect(page.locator("#region_id-error")).to_have_text("A regional coordinator needs a region.")
    arrived(page, "admin-flows-change-role-no-region", "Change the role of Rory Promoted")
    expect(field_error(page, "region_id")).to_be_visible()
    expect(page.get_by_test_id("form-errors")).to_contain_text("Please correct 1 field: Region (regional coordinators only)")
    expect(page.get_by_label("Role", exact=True)).to_have_value("coordinator")  # the choice is kept
    expect(page.locator("#agency_id-error")).to_have_count(0)
    # Following the summary's link puts the cursor in the region field.
    page.get_by_test_id("form-errors").get_by_role("link", name="Region (regional coordinators only)").click()
    expect(page.locator("#region_id")).to_be_focused()

    page.locator("#region_id").select_option(label="Southwest Region")
    page.get_by_role("button", name="Change role").click()
    expect(flash(page)).to_have_text(
        "Rory Promoted is now: Regional coordinator. The new role applies from their next sign-in.")
    # (The summary's link left #region_id in the address; the redirect keeps it, as browsers do.)
    arrived(page, "admin-flows-role-changed", "Account of Rory Promoted", re.compile(r"/admin/accounts/\d+(#.*)?$"))
    expect(detail(page, "Role")).to_have_text("Regional coordinator, Southwest Region")

    header_link(page, "Accounts").click()
    page.wait_for_url(re.compile(r"/admin/accounts$"))
    expect(row_of(page, "Rory Promoted").locator("td").nth(1)).to_have_text("Regional coordinator, Southwest Region")
    check_accessibility(page)


# --- 4. disabling ends the session at once ----------------------------------------------------------------

def test_a_disabled_officer_is_signed_out_at_their_next_page_load(page, new_tab, make_account):
    admin = make_account(Role.ADMIN, name="Stella State")
    officer = make_account(Role.OFFICER, name="Dana Departing")

    officer_tab = new_tab()
    sign_in(officer_tab, officer, "admin-flows-officer-dashboard-before-disable")

    sign_in(page, admin)
    open_account_from_header(page, "Dana Departing")
    expect(detail(page, "State")).to_have_text("Active")
    page.get_by_role("button", name="Disable account").click()
    expect(flash(page)).to_have_text("Dana Departing's account is disabled and their sessions have ended.")
    arrived(page, "admin-flows-account-disabled", "Account of Dana Departing")
    expect(detail(page, "State")).to_have_text("Disabled")
    expect(detail(page, "Disabled since (UTC)")).to_be_visible()
    expect(page.get_by_role("button", name="Enable account")).to_be_visible()
    expect(page.get_by_role("button", name="Disable account")).to_have_count(0)

    # The officer, still looking at their dashboard, opens My account and lands on the sign-in page.
    header_link(officer_tab, "My account").click()
    arrived(officer_tab, "admin-flows-officer-signed-out-by-disable", "Sign in", LOGIN)
    expect(officer_tab.locator("main [role=status]").first).to_have_text("Your session has ended. Please sign in again.")
    expect(officer_tab.locator(".site-account__who")).to_have_count(0)
    expect(officer_tab.get_by_role("navigation", name="Primary navigation")).to_have_count(0)

    # And their password no longer lets them in.
    submit_sign_in(officer_tab, officer.email, PASSWORD)
    expect(officer_tab.locator("#password-error")).to_have_text(
        "This account is disabled. Ask your regional coordinator or the state administrator.")
    check_accessibility(officer_tab)
    officer_tab.goto("/dashboard")
    officer_tab.wait_for_url(re.compile(r"/login\?next="))
    check_accessibility(officer_tab)


# --- 5. the audit trail: filters, a refused date range, CSV export ----------------------------------------

def test_administrator_filters_the_audit_trail_and_downloads_it_as_csv(page, make_account):
    admin = make_account(Role.ADMIN, name="Stella State")
    officer = make_account(Role.OFFICER, name="Fay Failed")

    open_sign_in(page)
    submit_sign_in(page, officer.email, "not my password")
    expect(page.locator("#password-error")).to_have_text("The email address or password is not right.")
    sign_in(page, admin)

    header_link(page, "Audit trail").click()
    arrived(page, "audit-flows-trail", "Audit trail", re.compile(r"/audit/$"))
    expect(header_link(page, "Audit trail")).to_have_attribute("aria-current", "page")
    all_events = page.locator("tbody tr")
    expect(all_events.filter(has_text="login.succeeded")).to_have_count(1)
    expect(all_events.filter(has_text="audit.viewed")).to_have_count(1)  # looking is recorded too

    today = datetime.now(UTC).date()
    page.get_by_label("Action").select_option(label="login.failed")
    page.get_by_label("From (UTC date)").fill((today - timedelta(days=1)).isoformat())
    page.get_by_label("To (UTC date, included)").fill(today.isoformat())
    page.get_by_role("button", name="Show events").click()
    arrived(page, "audit-flows-trail-login-failed", "Audit trail", re.compile(r"/audit/\?.*action=login\.failed"))
    table = page.get_by_role("table", name="Audit events matching the filters: 1 in all, page 1 of 1")
    expect(table).to_be_visible()
    row = table.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text(officer.email)
    expect(row.locator("td").nth(1)).to_have_text("login.failed")
    expect(row.locator("td").nth(2)).to_have_text(f"account {officer.id}")
    expect(row.locator("td").nth(3)).to_have_text("Failure")
    expect(row.locator("td").nth(5)).to_contain_text('"reason": "password"')
    expect(page.get_by_label("Action")).to_have_value("login.failed")
    # The day it happened (today, unless the test crossed midnight UTC), for the filters that follow.
    stamp = row.locator("th time").get_attribute("datetime")
    day = date.fromisoformat(stamp[:10])
    assert day in (today - timedelta(days=1), today), stamp
    expect(row.locator("th time")).to_have_text(re.compile(rf"^{day.isoformat()}T\d\d:\d\d:\d\d\.\d\dZ$"))

    # A range that ends before it starts is refused next to the "to" field, with the dates kept.
    page.get_by_label("From (UTC date)").fill(day.isoformat())
    page.get_by_label("To (UTC date, included)").fill((day - timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Show events").click()
    expect(page.locator("#date_to-error")).to_have_text(
        "The end date must be the same as or later than the start date.")
    arrived(page, "audit-flows-trail-bad-range", "Audit trail")
    expect(field_error(page, "date_to")).to_be_visible()
    expect(page.get_by_test_id("form-errors")).to_contain_text("Please correct 1 field: To (UTC date, included)")
    expect(page.get_by_text("Correct the filters above to see events.")).to_be_visible()
    expect(page.get_by_role("link", name="Download these events as CSV")).to_have_count(0)
    expect(page.get_by_label("From (UTC date)")).to_have_value(day.isoformat())
    expect(page.get_by_label("To (UTC date, included)")).to_have_value((day - timedelta(days=3)).isoformat())

    # A range long past finds nothing.
    page.get_by_label("From (UTC date)").fill("2020-01-01")
    page.get_by_label("To (UTC date, included)").fill("2020-12-31")
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("region", name="No events found")).to_be_visible()
    arrived(page, "audit-flows-trail-nothing-found", "Audit trail")

    # That day's failed sign-ins again, then the download of exactly those.
    page.get_by_label("From (UTC date)").fill(day.isoformat())
    page.get_by_label("To (UTC date, included)").fill(day.isoformat())
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("table", name=re.compile(r"^Audit events matching the filters: 1 in all"))).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download these events as CSV").click()
    download = info.value
    assert download.failure() is None
    assert re.fullmatch(r"audit-trail-\d{8}T\d{6}Z\.csv", download.suggested_filename), download.suggested_filename
    with open(download.path(), encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == CSV_HEADER
    assert len(rows) == 2, rows
    failed = dict(zip(CSV_HEADER, rows[1]))
    assert failed["Actor"] == officer.email
    assert failed["Action"] == "login.failed"
    assert (failed["Object type"], failed["Object ID"], failed["Outcome"]) == ("account", str(officer.id), "failure")
    assert failed["Endpoint"] == "POST accounts.login"
    assert re.fullmatch(rf"{day.isoformat()}T\d\d:\d\d:\d\d\.\d{{6}}Z", failed["Time (UTC)"]), failed["Time (UTC)"]
    assert '"reason": "password"' in failed["Details"]

    # The export is itself on the trail.
    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_url(re.compile(r"/audit/$"))
    expect(page.locator("tbody tr").filter(has_text="audit.exported")).to_have_count(1)
    check_accessibility(page)


# --- 6. an officer turns on two-step sign-in and uses a recovery code ------------------------------------

def test_an_officer_turns_on_two_step_sign_in_and_signs_in_with_a_recovery_code(page, make_account):
    officer = make_account(Role.OFFICER, name="Tess Twostep")
    assert officer.totp_plain is None
    sign_in(page, officer)

    header_link(page, "My account").click()
    arrived(page, "mfa-flows-my-account-off", "My account", re.compile(r"/account$"))
    expect(detail(page, "Two-step sign-in")).to_have_text("Off")
    page.get_by_role("link", name="Set up two-step sign-in").click()
    arrived(page, "mfa-flows-set-up", "Set up two-step sign-in", re.compile(r"/account/two-step$"))
    expect(page.locator(".site-qr svg")).to_have_count(1)

    # A wrong code is explained next to the field first.
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("6-digit code from your app").fill(not_a_current_code(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.locator("#code-error")).to_contain_text("That code does not match.")
    arrived(page, "mfa-flows-set-up-wrong-code", "Set up two-step sign-in")
    expect(field_error(page, "code")).to_be_visible()
    assert page.get_by_test_id("totp-secret").inner_text().strip() == secret  # the same key stays

    page.get_by_label("6-digit code from your app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    arrived(page, "mfa-flows-recovery-codes", "Two-step sign-in is on")
    codes = page.get_by_test_id("recovery-codes").locator("li")
    expect(codes).to_have_count(10)
    recovery = [text.strip() for text in codes.all_inner_texts()]
    assert len(set(recovery)) == 10
    assert all(re.fullmatch(r"[a-z2-7]{5}-[a-z2-7]{5}-[a-z2-7]{5}", code) for code in recovery), recovery

    page.get_by_role("link", name="I have saved my codes: continue").click()
    arrived(page, None, "My account", re.compile(r"/account$"))
    expect(detail(page, "Two-step sign-in")).to_have_text("On")
    expect(page.get_by_role("link", name="Manage two-step sign-in")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(LOGIN)
    expect(flash(page)).to_have_text("You have signed out.")
    check_accessibility(page)

    # Without the phone: the password, then one of the recovery codes.
    submit_sign_in(page, officer.email, PASSWORD)
    arrived(page, "mfa-flows-enter-code", "Enter your sign-in code", re.compile(r"/login/code$"))
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(recovery[3])
    page.get_by_role("button", name="Verify and sign in").click()
    arrived(page, "mfa-flows-dashboard-after-recovery-code", "Welcome, Tess Twostep", DASHBOARD)

    # One code is spent; nine remain.
    header_link(page, "My account").click()
    page.wait_for_url(re.compile(r"/account$"))
    page.get_by_role("link", name="Manage two-step sign-in").click()
    arrived(page, "mfa-flows-status", "Two-step sign-in", re.compile(r"/account/two-step$"))
    expect(page.locator("main")).to_contain_text("9 unused recovery codes remain.")


OVERFLOW = """document.fonts.ready.then(() => ({
    width: document.documentElement.scrollWidth,
    past_the_edge: [...document.querySelectorAll('body *')]
        .filter(element => element.getBoundingClientRect().right > window.innerWidth).slice(0, 8)
        .map(element => `${element.tagName}.${element.className} right=${Math.round(element.getBoundingClientRect().right)}`),
}))"""


@pytest.mark.parametrize("width", [1024, 1100, 1440])
def test_the_administrators_header_fits_the_window_at_desktop_widths(browser, live_server, make_account, width):
    """Ten links in the header: none runs past the window's edge, the page never scrolls sideways, and each link
    still takes the administrator where it says."""
    from tests.browser.conftest import _open_tab, sign_in_as

    context, tab = _open_tab(browser, live_server, width=width, height=800)
    try:
        sign_in_as(tab, make_account(Role.ADMIN))
        # Measured once the web fonts are in, naming what runs past the edge if anything does: a CI run on a busy
        # machine once measured 1,088 px at 1,024 (not reproduced since, with the fonts loaded or blocked).
        measured = tab.evaluate(OVERFLOW)
        assert measured["width"] <= width, measured["past_the_edge"]
        links = tab.locator(".usa-nav__primary > .usa-nav__primary-item > a")
        assert links.count() >= 10
        for n in range(links.count()):
            box = links.nth(n).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, links.nth(n).inner_text()
        header_link(tab, "Audit trail").click()
        expect(tab.locator("h1")).to_contain_text("Audit trail")
        check_accessibility(tab)
        if width == 1024:
            screenshot(tab, "header-administrator-1024")
    finally:
        context.close()
