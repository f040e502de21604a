"""A training officer gives the dispatch system an API token, sees it once, and revokes it: from then on the
system is refused."""
import json
import urllib.error
import urllib.request
from datetime import date

from playwright.sync_api import expect

from lms.accounts.roles import Role
from tests.browser.conftest import check_accessibility, flash, header_link, row_of, screenshot, sign_in_as
from tests.certification import certify


def roster(live_server: str, token: str) -> tuple[int, dict]:
    """What the agency's dispatch system gets: a plain HTTP request with the token and no cookies."""
    request = urllib.request.Request(f"{live_server}/api/v1/roster", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refused:
        with refused:
            return refused.code, json.loads(refused.read())


def test_a_training_officer_creates_uses_and_revokes_an_api_token(app, page, live_server, make_agency, make_person,
                                                                  make_account):
    agency = make_agency(name="Cedar Hollow Police Department")
    certify(app, make_person(name="Zoë Ñúñez", agency=agency).id, date.today())
    sign_in_as(page, make_account(Role.TRAINING_OFFICER, agency=agency))

    header_link(page, "Exports").click()
    expect(page.locator("h1")).to_have_text("Exports")  # the page has arrived before its link is followed
    page.wait_for_load_state("load")  # and finished loading: on a loaded machine a click before that was lost
    page.get_by_role("link", name="API tokens").click()
    expect(page.locator("h1")).to_have_text("API tokens for Cedar Hollow Police Department")
    check_accessibility(page)

    page.get_by_label("Name of the system that will use it").fill("CAD system")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("heading", name="Copy it now: it will not be shown again")).to_be_visible()
    token = page.get_by_test_id("api-token").inner_text().strip()
    assert token.startswith("cit_")
    check_accessibility(page)
    screenshot(page, "api-token-created")

    status, body = roster(live_server, token)
    assert status == 200 and [officer["name"] for officer in body["officers"]] == ["Zoë Ñúñez"]

    page.get_by_role("link", name="I have copied it: back to API tokens").click()
    row = row_of(page, "CAD system")
    expect(row).to_contain_text(token[:12])
    expect(row).to_contain_text("Active")
    assert token not in page.content()
    check_accessibility(page)

    row.get_by_role("button", name="Revoke CAD system").click()
    expect(flash(page)).to_contain_text("is revoked")
    expect(row_of(page, "CAD system")).to_contain_text("Revoked")
    check_accessibility(page)
    screenshot(page, "api-tokens-revoked")

    status, body = roster(live_server, token)
    assert status == 401 and body["error"] == "unauthorized"
