"""A recruit finds the baseline course, enrols, reads lessons on a phone-sized screen, and sees progress."""
import re

import pytest
from playwright.sync_api import expect

from lms.accounts.roles import Role
from lms.curriculum import catalogue, versions
from lms.extensions import db
from tests.browser.conftest import check_accessibility, screenshot
from tests.factories import PASSWORD


@pytest.fixture
def published(app):
    with app.app_context():
        versions.publish_all(catalogue.courses())
        db.session.commit()


def test_a_recruit_takes_a_baseline_module(page, visit, make_account, published):
    recruit = make_account(Role.RECRUIT, name="Rosa Recruit")
    visit("/courses/", "catalogue")
    page.get_by_role("link", name=re.compile("See the course outline for A tiny awareness course")).click()
    expect(page.locator("h1")).to_have_text("A tiny awareness course")
    check_accessibility(page)
    visit("/login")
    page.fill("#email", recruit.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name=re.compile("sign in")).click()
    expect(page.locator("h1")).to_have_text("Welcome, Rosa Recruit")
    page.get_by_role("link", name="My courses").first.click()
    expect(page.locator("h1")).to_have_text("My courses")
    check_accessibility(page)
    screenshot(page, "learning-my-courses-empty")
    page.get_by_role("button", name="Enrol in A tiny awareness course").click()
    expect(page.get_by_role("status")).to_contain_text("You are enrolled")
    check_accessibility(page)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.get_by_role("link", name="Continue: Lesson one A").click()
    expect(page.locator("h1")).to_have_text("Lesson one A")
    check_accessibility(page)
    screenshot(page, "learning-lesson-phone")
    page.get_by_role("button", name="Mark as read and continue").click()
    expect(page.locator("h1")).to_have_text("Lesson one B")
    page.get_by_role("button", name="Mark as read and continue").click()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/learn/")
    expect(page.get_by_text("1 of 2 modules done.")).to_be_visible()
    expect(page.locator("label", has_text="Hours credited: 1.0 of 1.5")).to_be_visible()
    check_accessibility(page)
    screenshot(page, "learning-progress")
