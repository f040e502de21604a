"""Scoring role plays: checking a sheet, combining evaluators, pass or fail, and flagging disagreement."""
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from lms.scenarios.loader import load_scenarios
from lms.scenarios.scoring import combine, disagreements, outcome, problems

RUBRICS, SCENARIOS, PROBLEMS = load_scenarios(Path(__file__).parents[1] / "data" / "assessments")
RUBRIC = RUBRICS["tiny-rubric"]
CRITICAL = SCENARIOS["tiny-scenario"].critical  # ("safety",)


def test_the_test_rubric_and_scenario_load():
    assert PROBLEMS == [] and [c.id for c in RUBRIC.criteria] == ["safety", "listening", "suicide-question"]


def test_a_sheet_needs_every_criterion_in_the_scale_and_comments_on_extreme_scores():
    assert problems(RUBRIC, {"safety": 5}, {}, complete=False) == {}
    found = problems(RUBRIC, {"safety": 9, "listening": 7, "bogus": 3}, {}, complete=True)
    assert found["safety"] == "Choose a score from 1 to 7."
    assert found["listening"] == "A score of 7 needs a comment saying what you saw."
    assert found["suicide-question"].startswith("Score this criterion or mark it not observed")
    assert found[""] == "Those criteria are not on this rubric."
    assert problems(RUBRIC, {"safety": 1, "listening": 4, "suicide-question": None},
                    {"safety": "Walked into reach twice."}, complete=True) == {}


def test_the_median_of_three_evaluators_and_the_weighted_mean():
    combined = combine(RUBRIC, [{"safety": 3, "listening": 6, "suicide-question": None},
                                {"safety": 5, "listening": 5, "suicide-question": None},
                                {"safety": 4, "listening": 2, "suicide-question": None}])
    assert combined == {"safety": 4.0, "listening": 5.0, "suicide-question": None}  # optional, never observed
    result = outcome(RUBRIC, combined, CRITICAL)
    assert result.passed and result.overall == round((2 * 4 + 5) / 3, 2)


def test_a_critical_criterion_below_its_floor_fails_even_with_a_high_mean():
    result = outcome(RUBRIC, {"safety": 2.0, "listening": 7.0, "suicide-question": 7.0}, CRITICAL)
    assert not result.passed and result.critical_failed == ("safety",) and result.below_floor == ("safety",)


def test_not_observed_counts_as_the_minimum_on_a_required_criterion():
    combined = combine(RUBRIC, [{"safety": None, "listening": 5, "suicide-question": 5}])
    assert combined["safety"] == 1.0 and not outcome(RUBRIC, combined, CRITICAL).passed


def test_all_must_pass_takes_the_lowest_score():
    strict = replace(RUBRIC, aggregation="all-must-pass", overall="floors-only")
    combined = combine(strict, [{"safety": 6, "listening": 6}, {"safety": 3, "listening": 2}])
    assert combined["safety"] == 3.0 and combined["listening"] == 2.0
    assert not outcome(strict, combined, CRITICAL).passed


def test_disagreement_on_pass_or_fail_or_by_more_than_the_allowed_levels_is_flagged():
    agree = [{"safety": 5, "listening": 5}, {"safety": 6, "listening": 4}]
    assert disagreements(RUBRIC, agree, CRITICAL) == []
    split = [{"safety": 5, "listening": 5}, {"safety": 2, "listening": 5}]
    reasons = disagreements(RUBRIC, split, CRITICAL)
    assert "The evaluators disagree on pass or fail." in reasons
    assert "Scene safety: scores range from 2 to 5." in reasons


levels = st.one_of(st.none(), st.integers(1, 7))
sheet = st.fixed_dictionaries({"safety": levels, "listening": levels, "suicide-question": levels})


@given(st.lists(sheet, min_size=1, max_size=6))
def test_combined_scores_stay_within_the_scale(sheets):
    for value in combine(RUBRIC, sheets).values():
        assert value is None or 1.0 <= value <= 7.0
    result = outcome(RUBRIC, combine(RUBRIC, sheets), CRITICAL)
    assert result.overall is None or 1.0 <= result.overall <= 7.0


@given(st.lists(sheet, min_size=1, max_size=6), st.randoms())
def test_aggregation_does_not_depend_on_the_order_of_the_evaluators(sheets, rng):
    shuffled = list(sheets)
    rng.shuffle(shuffled)
    for rubric in (RUBRIC, replace(RUBRIC, aggregation="all-must-pass")):
        assert combine(rubric, shuffled) == combine(rubric, sheets)
        assert disagreements(rubric, shuffled, CRITICAL) == disagreements(rubric, sheets, CRITICAL)


@pytest.mark.parametrize("slug", ["cit-scenario", "cit-pass-fail"])
def test_the_program_rubrics_load(slug):
    rubrics, scenarios, found = load_scenarios(Path(__file__).parents[2] / "assessments")
    assert found == [] and slug in rubrics and len(scenarios) >= 6
    assert all(scenario.rubric in rubrics for scenario in scenarios.values())


def test_the_anchor_for_a_combined_score_is_the_highest_anchored_level_at_or_below_it():
    safety = RUBRIC.criterion("safety")  # anchors at 1, 4 and 7
    assert safety.anchor_for(5.5) == (4, "Keeps distance.") and safety.anchor_for(7.0)[0] == 7
    assert safety.anchor_for(1.0)[0] == 1


def test_a_rubric_with_a_criterion_missing_its_anchors_and_a_scenario_naming_an_unknown_item_are_reported(tmp_path):
    import shutil

    root = tmp_path / "assessments"
    shutil.copytree(Path(__file__).parents[1] / "data" / "assessments", root)
    rubric = root / "rubrics" / "tiny-rubric.toml"
    rubric.write_text(rubric.read_text().replace(
        'anchors = { 1 = "Interrupts.", 4 = "Paraphrases.", 7 = "Paraphrases and names feelings." }',
        'anchors = { 4 = "Paraphrases." }'))
    scenario = root / "scenarios" / "tiny-scenario.toml"
    scenario.write_text(scenario.read_text().replace('critical = ["safety"]', 'critical = ["safety", "charm"]'))
    found = [str(p) for p in load_scenarios(root)[2]]
    assert ("assessments/rubrics/tiny-rubric.toml: criteria[1] (listening).anchors: needs behaviour anchors for at "
            "least 1 and 7, found [4]") in found
    assert "assessments/scenarios/tiny-scenario.toml: critical: 'charm' is not a criterion of rubric 'tiny-rubric'" \
        in found
