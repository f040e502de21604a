"""A coordinator previews and issues certificates, the officer finds theirs, the public verifies it, the
coordinator revokes it and the public page says so."""
from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.extensions import db
from lms.people.models import Person
from tests.browser.conftest import check_accessibility, flash, header_link, screenshot, sign_in_as
from tests.certification import ready_academy
from tests.factories import PASSWORD


def test_issue_verify_and_revoke_a_certificate(app, page, other_page, make_academy, make_account, make_region):
    coordinator = make_account(Role.COORDINATOR, region=make_region(), name="Casey Coordinator")
    class_id, coordinator, (ready_id, _) = ready_academy(app, make_academy, make_account, coordinator=coordinator)
    with app.app_context():
        officer = make_account(Role.OFFICER, person=db.session.get(Person, ready_id))
    sign_in_as(page, coordinator)
    page.goto(f"/academies/{class_id}")
    page.get_by_role("link", name="Certificates").click()
    expect(page.get_by_text("Ready to issue")).to_be_visible()
    expect(page.get_by_text("State written exam not passed")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Issue 1 certificate").click()
    expect(flash(page)).to_contain_text("1 certificate issued.")
    check_accessibility(page)
    screenshot(page, "certificates-issued")

    sign_in_as(other_page, officer)
    header_link(other_page, "My certificates").click()
    check_accessibility(other_page)
    share = other_page.locator("a", has_text="/verify/").first.get_attribute("href")
    other_page.context.clear_cookies()
    other_page.goto(share)  # the public, signed out
    expect(other_page.get_by_test_id("verdict")).to_contain_text("Active")
    check_accessibility(other_page)
    screenshot(other_page, "certificate-verified")

    page.get_by_role("link", name="UT-CIT-").first.click()
    page.get_by_label("Change").select_option("revoked")
    page.get_by_label("Reason").select_option("issued-in-error")
    page.get_by_label("Note (kept with the record)").fill("Hours were entered for the wrong academy.")
    page.get_by_label("Your password, to confirm").fill(PASSWORD)
    page.get_by_role("button", name="Change the status").click()
    expect(flash(page)).to_contain_text("is now revoked")
    expect(page.get_by_test_id("events")).to_contain_text("revoked")
    check_accessibility(page)
    other_page.reload()
    expect(other_page.get_by_test_id("verdict")).to_contain_text("Revoked since")
    expect(other_page.get_by_test_id("verdict")).to_contain_text("Issued in error")
    other_page.goto("/verify")
    check_accessibility(other_page)


def test_continuing_education_leads_to_a_renewal(app, page, other_page, make_academy, make_account, make_region):
    from datetime import date

    coordinator = make_account(Role.COORDINATOR, region=make_region(), name="Casey Coordinator")
    class_id, coordinator, (ready_id, _) = ready_academy(app, make_academy, make_account, coordinator=coordinator)
    with app.app_context():
        officer = make_account(Role.OFFICER, person=db.session.get(Person, ready_id))
    sign_in_as(page, coordinator)
    page.goto(f"/certificates/classes/{class_id}")
    page.get_by_role("button", name="Issue 1 certificate").click()
    expect(flash(page)).to_contain_text("1 certificate issued.")

    sign_in_as(other_page, officer)
    header_link(other_page, "My certificates").click()
    other_page.get_by_text("Log continuing education").click()
    other_page.get_by_label("Course or training").fill("Mental health first aid refresher")
    other_page.get_by_label("Provider").fill("Juniper County Behavioral Health")
    other_page.get_by_label("Completed on").fill(date.today().isoformat())
    other_page.get_by_label("Hours").fill("4")
    other_page.get_by_label("Evidence (PDF, PNG or JPEG, up to 5 MB)").set_input_files(
        files=[{"name": "refresher.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% evidence\n"}])
    other_page.get_by_role("button", name="Log it").click()
    expect(flash(other_page)).to_contain_text("Logged: your coordinator reviews it.")
    check_accessibility(other_page)

    page.get_by_role("link", name="UT-CIT-").first.click()
    expect(page.get_by_test_id("ce-hours")).to_contain_text("0.0 of 4.0")
    check_accessibility(page)
    page.get_by_role("button", name="Approve Mental health first aid refresher", exact=True).click()
    expect(page.get_by_test_id("ce-hours")).to_contain_text("4.0 of 4.0")
    page.get_by_role("button", name="Renew for a new period").click()
    expect(flash(page)).to_contain_text("Renewed: valid until")
    check_accessibility(page)
    screenshot(page, "certificate-renewed")
