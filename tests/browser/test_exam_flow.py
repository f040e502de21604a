"""An accepted volunteer takes the written exam: answers save themselves, a reload resumes, the result shows."""
from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.assessments import attempts
from lms.assessments.models import ExamAttempt
from lms.extensions import db
from lms.people.models import Person
from tests.browser.conftest import check_accessibility, flash, header_link, screenshot, sign_in_as


def answer(page, item) -> None:
    """Choose the right answer to one question the way a person would: tap labels, pick from lists."""
    q, name = item.question, f"q{item.position}"
    if q.type in ("single", "multiple"):
        for index, option in enumerate(q.spec["options"]):
            if option.get("correct"):
                page.locator(f"label[for='{name}-o{index}']").click()
    elif q.type == "true-false":
        page.locator(f"label[for='{name}-{'true' if q.spec['answer'] else 'false'}']").click()
    elif q.type == "ordering":
        for k, index in enumerate(item.layout):
            page.locator(f"#{name}-{k}").select_option(str(index + 1))
    else:
        for k in range(len(item.layout)):
            page.locator(f"#{name}-{k}").select_option(str(k))


def test_a_volunteer_takes_and_passes_the_written_exam(app, page, make_academy, make_account):
    _, _, _, (person_id,) = make_academy(people=1)
    with app.app_context():
        officer = make_account(Role.OFFICER, person=db.session.get(Person, person_id))
    sign_in_as(page, officer)
    header_link(page, "CIT academy").click()
    page.get_by_role("link", name="Go to the written exam").click()
    expect(page.locator("h1")).to_have_text("Tiny written exam")
    check_accessibility(page)
    page.get_by_role("button", name="Start attempt 1 of 2").click()
    expect(page.get_by_text("Time left")).to_be_visible()
    check_accessibility(page)
    with app.app_context():
        attempt = db.session.execute(db.select(ExamAttempt)).scalar_one()
        items = attempts.paper(attempt)
    answer(page, items[0])
    expect(page.locator("#save-status")).to_contain_text("Saved at")  # autosaved without a button
    page.reload()
    first = items[0]
    if first.question.type in ("single", "multiple", "true-false"):
        expect(page.locator(f"#q{first.position} input:checked").first).to_be_checked()
    else:
        expect(page.locator(f"#q{first.position}-0")).not_to_have_value("")
    for item in items[1:]:
        answer(page, item)
    screenshot(page, "exam-taking")
    page.get_by_role("button", name="Submit for grading").click()
    expect(page.get_by_test_id("result")).to_contain_text("Passed: 100.0%")
    check_accessibility(page)
    screenshot(page, "exam-result")
    page.get_by_role("link", name="Back to Tiny written exam").click()
    expect(page.get_by_text("You have passed.")).to_be_visible()
    expect(flash(page)).to_have_count(0)
