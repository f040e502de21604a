"""Eligibility for a certificate: every rule of the course checked, every gap named."""
from lms.certificates.eligibility import Record, ScenarioResult, verdict

ACADEMY = ("all_module_hours", "state_written_exam", "final_scenarios")
BASELINE = ("all_modules_complete",)


def test_a_complete_academy_record_is_eligible():
    record = Record(owed_hours={"Orientation": 0.0}, exam_passed=True,
                    scenarios=(ScenarioResult("A man at the rail", True),))
    assert verdict(ACADEMY, record).eligible


def test_every_gap_is_named():
    record = Record(owed_hours={"Orientation": 0.0, "Psychotropic medications": 1.0}, exam_passed=False,
                    scenarios=(ScenarioResult("A man at the rail", True), ScenarioResult("Mania", False, True)))
    assert verdict(ACADEMY, record).missing == (
        "1 h owed in Psychotropic medications", "State written exam not passed",
        "Role play “Mania” not passed (a retest is open)")


def test_no_released_role_play_is_a_gap():
    record = Record(exam_passed=True)
    assert verdict(ACADEMY, record).missing == ("No final role-play result released yet",)


def test_the_baseline_course_needs_every_module_complete():
    assert verdict(BASELINE, Record()).eligible
    assert verdict(BASELINE, Record(modules_incomplete=("Suicide awareness",))).missing == (
        "Suicide awareness not complete",)
