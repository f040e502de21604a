"""Two evaluators score a role play on tablets, disagree, the lead evaluator reconciles and releases, and the
officer reads the feedback."""
from playwright.sync_api import expect

from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.extensions import db
from lms.people.models import Person
from lms.scenarios import services
from tests.browser.conftest import check_accessibility, flash, header_link, screenshot, sign_in_as

TABLET = {"width": 768, "height": 1024}


def fill_sheet(page, levels: dict[str, str], comments: dict[str, str] = {}) -> None:
    for criterion, level in levels.items():
        page.locator(f"label[for='score-{criterion}-{level}']").click()
        expect(page.locator("#save-status")).to_contain_text("Draft saved")
    for criterion, text in comments.items():
        page.locator(f"#comment-{criterion}").fill(text)


def test_two_evaluators_disagree_and_the_lead_reconciles(app, page, other_page, make_academy, make_account):
    class_id, _, lead, (talker_id, cover_id) = make_academy(people=2)
    clinician = make_account(Role.MHP, name="Dr. Mina Clinician")
    with app.app_context():
        actor = db.session.get(Account, lead.id)
        session = services.create_session(actor, db.session.get(AcademyClass, class_id), title="Final scenarios",
                                          final=True, min_evaluators=2, evaluator_ids=[lead.id, clinician.id],
                                          lead_evaluator_id=lead.id)
        run = services.add_run(session, actor, scenario_slug="tiny-scenario", talker_id=talker_id, cover_id=cover_id)
        db.session.commit()
        session_id, run_id = session.id, run.id
        officer = make_account(Role.OFFICER, person=db.session.get(Person, talker_id))

    sign_in_as(page, lead)
    header_link(page, "Role plays").click()
    page.set_viewport_size(TABLET)
    check_accessibility(page)
    page.get_by_role("link", name="Learner 0").click()
    expect(page.get_by_test_id("scoring-bar")).to_contain_text("Learner 0")
    check_accessibility(page)
    fill_sheet(page, {"safety": "5", "listening": "5", "suicide-question": "na"})
    page.reload()  # a reload loses nothing
    expect(page.locator("#score-safety-5")).to_be_checked()
    screenshot(page, "scoring-tablet")
    page.get_by_role("button", name="Submit and lock my evaluation").click()
    expect(flash(page)).to_contain_text("submitted and locked")
    check_accessibility(page)

    other_page.set_viewport_size(TABLET)
    sign_in_as(other_page, clinician)
    other_page.goto(f"/scoring/runs/{run_id}")
    expect(other_page.get_by_text("Scores by criterion")).to_have_count(0)  # blind until submitted
    fill_sheet(other_page, {"safety": "2", "listening": "4", "suicide-question": "na"})
    other_page.get_by_role("button", name="Submit and lock my evaluation").click()
    expect(other_page.get_by_role("table")).to_contain_text("Scene safety")

    page.goto(f"/scoring/runs/{run_id}/review")
    expect(page.get_by_test_id("disagreement")).to_contain_text("disagree on pass or fail")
    check_accessibility(page)
    screenshot(page, "scoring-reconcile")
    page.get_by_role("button", name="Record the final result").click()
    expect(page.locator(".usa-error-message").first).to_be_visible()
    page.locator("label[for=decision-0]").click()
    page.get_by_label("Rationale").fill("Distance was kept after the first approach; the clinician saw only the "
                                        "opening seconds.")
    page.get_by_role("button", name="Record the final result").click()
    expect(page.get_by_test_id("final-result")).to_contain_text("Passed")
    page.goto(f"/scoring/sessions/{session_id}")
    page.get_by_role("button", name="Release the results to the officers").click()
    expect(flash(page)).to_contain_text("The results are released")
    check_accessibility(page)

    other_page.context.clear_cookies()
    other_page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_as(other_page, officer)
    header_link(other_page, "Role-play results").click()
    expect(other_page.locator("h2", has_text="A man at the rail")).to_be_visible()
    expect(other_page.get_by_text("Distance was kept after the first approach")).to_be_visible()
    check_accessibility(other_page)
    screenshot(other_page, "scoring-officer-feedback")


def test_a_coordinator_publishes_a_calibration_case_and_an_evaluator_scores_it(page, other_page, make_account):
    coordinator = make_account(Role.COORDINATOR, name="Casey Coordinator")
    clinician = make_account(Role.MHP, name="Dr. Mina Clinician")
    sign_in_as(page, coordinator)
    header_link(page, "Calibration").click()
    check_accessibility(page)
    page.get_by_role("link", name="Publish a calibration case").click()
    page.get_by_label("Scenario").select_option(label="A man at the rail")
    page.get_by_role("button", name="Continue").click()
    check_accessibility(page)
    page.get_by_label("Title").fill("Bridge, take 3")
    page.get_by_label("What happened in the role play").fill(
        "Officer Reyes stops twenty feet back behind the patrol car, gives her name and asks the man his. She "
        "paraphrases twice and asks plainly whether he is thinking of killing himself.")
    for criterion, level in (("safety", "6"), ("listening", "5"), ("suicide-question", "6")):
        page.locator(f"label[for='score-{criterion}-{level}']").click()
    page.get_by_role("button", name="Publish the case").click()
    expect(flash(page)).to_contain_text("The calibration case is published")

    sign_in_as(other_page, clinician)
    header_link(other_page, "Calibration").click()
    other_page.get_by_role("link", name="Bridge, take 3").click()
    check_accessibility(other_page)
    for criterion, level in (("safety", "4"), ("listening", "5"), ("suicide-question", "6")):
        other_page.locator(f"label[for='score-{criterion}-{level}']").click()
    other_page.get_by_role("button", name="Submit my scores").click()
    expect(other_page.get_by_role("table")).to_contain_text("-2")
    check_accessibility(other_page)
    screenshot(other_page, "calibration-drift")
    page.get_by_role("link", name="Bridge, take 3").click()
    expect(page.get_by_role("table")).to_contain_text("Dr. Mina Clinician")
    check_accessibility(page)
