"""Who may volunteer for the academy: officers with enough patrol years, never recruits."""
from datetime import date

from lms.applications.eligibility import Posting, may_apply, patrol_years

TODAY = date(2026, 11, 23)


def test_patrol_years_add_up_across_agencies_without_double_counting():
    postings = [
        Posting("officer", date(2020, 1, 1), date(2022, 1, 1), date(2020, 1, 1)),
        Posting("officer", date(2021, 6, 1), date(2023, 1, 1), date(2021, 6, 1)),  # overlaps the first
        Posting("officer", date(2024, 1, 1), None, date(2024, 1, 1)),
    ]
    years = patrol_years(postings, TODAY)
    assert 5.8 < years < 5.95  # 2020-01..2023-01 (3 y) + 2024-01..2026-11 (2.9 y)


def test_time_before_patrol_began_does_not_count():
    postings = [Posting("officer", date(2018, 1, 1), None, date(2025, 1, 1))]
    assert 1.8 < patrol_years(postings, TODAY) < 1.95


def test_a_recruit_is_told_to_take_the_baseline_course():
    verdict = may_apply("recruit", [Posting("recruit", date(2026, 8, 1), None, None)], TODAY, 2)
    assert not verdict.eligible and "not for recruits" in verdict.reason and "baseline" in verdict.reason


def test_an_officer_short_of_experience_is_told_how_much_they_have():
    verdict = may_apply("officer", [Posting("officer", date(2025, 5, 1), None, date(2025, 5, 1))], TODAY, 2)
    assert not verdict.eligible and "at least 2 years" in verdict.reason and "shows 1.6" in verdict.reason


def test_an_experienced_officer_may_apply():
    assert may_apply("officer", [Posting("officer", date(2019, 5, 6), None, date(2019, 11, 1))], TODAY, 2).eligible


def test_someone_without_a_current_posting_cannot_apply():
    verdict = may_apply("officer", [Posting("officer", date(2010, 1, 1), date(2020, 1, 1), date(2010, 1, 1))], TODAY, 2)
    assert not verdict.eligible and "current posting" in verdict.reason


def test_the_minimum_is_configurable():
    postings = [Posting("officer", date(2025, 5, 1), None, date(2025, 5, 1))]
    assert may_apply("officer", postings, TODAY, 1).eligible
