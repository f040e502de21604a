"""What people do first: read the home page, sign in by keyboard, look around, sign out."""
import re

import pyotp
from playwright.sync_api import expect

from lms.accounts.roles import Role
from tests.browser.conftest import check_accessibility, screenshot
from tests.factories import PASSWORD


def test_the_public_home_page_explains_the_program_and_passes_axe(visit):
    page = visit("/", "home")
    assert page.locator("h1").inner_text() == "Crisis Intervention Team training and certification"
    assert "experienced patrol officers who volunteer" in page.content()


def test_an_officer_signs_in_and_out_by_keyboard_alone(page, visit, make_account):
    officer = make_account(Role.OFFICER, name="Kim Keyboard")
    visit("/login", "login")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    page.locator("#email").focus()
    page.keyboard.type(officer.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard(#.*)?$"))
    assert page.locator("h1").inner_text() == "Welcome, Kim Keyboard"
    check_accessibility(page)
    screenshot(page, "dashboard-officer")
    page.get_by_role("link", name="My account").first.click()
    assert page.locator("h1").inner_text() == "My account"
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/login(#.*)?$"))
    expect(page.get_by_role("status")).to_contain_text("You have signed out.")


def test_a_wrong_password_is_explained_next_to_the_field(page, visit, make_account):
    officer = make_account(Role.OFFICER)
    visit("/login")
    page.fill("#email", officer.email)
    page.fill("#password", "not my password")
    page.get_by_role("button", name=re.compile("sign in")).click()
    expect(page.locator("#password-error")).to_contain_text("not right")
    assert page.locator("#password").get_attribute("aria-describedby") == "password-error"
    assert page.input_value("#email") == officer.email
    check_accessibility(page)
    screenshot(page, "login-error")


def test_five_wrong_passwords_lock_the_account_in_the_browser(page, visit, make_account):
    officer = make_account(Role.OFFICER)
    visit("/login")
    for _ in range(5):
        page.fill("#email", officer.email)
        page.fill("#password", "wrong password")
        page.get_by_role("button", name=re.compile("sign in")).click()
    page.fill("#email", officer.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name=re.compile("sign in")).click()
    expect(page.locator("#password-error")).to_contain_text("This account is locked")


def test_an_instructor_sets_up_two_step_sign_in_at_first_sign_in(page, visit, make_account):
    instructor = make_account(Role.INSTRUCTOR, with_mfa=False, name="Ines Instructor")
    visit("/login")
    page.fill("#email", instructor.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name=re.compile("sign in")).click()
    page.wait_for_url("**/login/set-up-code")
    assert page.locator(".site-qr svg").count() == 1
    check_accessibility(page)
    screenshot(page, "mfa-enrol")
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.fill("#code", pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    check_accessibility(page)
    screenshot(page, "recovery-codes")
    page.get_by_role("link", name=re.compile("continue")).click()
    assert page.locator("h1").inner_text() == "Welcome, Ines Instructor"


def test_an_administrator_signs_in_with_a_code_and_changes_their_password(page, visit, make_account):
    admin = make_account(Role.ADMIN, name="Ada Admin")
    visit("/login")
    page.fill("#email", admin.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name=re.compile("sign in")).click()
    page.wait_for_url("**/login/code")
    check_accessibility(page)
    page.fill("#code", pyotp.TOTP(admin.totp_plain).now())
    page.get_by_role("button", name="Verify and sign in").click()
    page.wait_for_url(re.compile(r"/dashboard(#.*)?$"))
    check_accessibility(page)
    screenshot(page, "dashboard-admin")
    visit("/account/password", "change-password")
    page.fill("#current_password", PASSWORD)
    page.fill("#new_password", "password1234")
    page.fill("#confirm_password", "password1234")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#new_password-error")).to_contain_text("common or breached")
    check_accessibility(page)
    page.fill("#current_password", PASSWORD)
    page.fill("#new_password", "lantern harbor walrus seven")
    page.fill("#confirm_password", "lantern harbor walrus seven")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("status")).to_contain_text("Your password is changed")


def test_the_not_found_page_is_themed_and_accessible(visit):
    page = visit("/no-such-page", "not-found")
    assert page.locator("h1").inner_text() == "Page not found"
