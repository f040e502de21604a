"""The hours ledger: attendance credits hours per module; what is missing is owed."""
from lms.attendance.ledger import Attended, ledger

MODULES = [("orientation", "Orientation", 1.0), ("de-escalation", "De-escalation", 4.0)]


def test_present_credits_the_whole_session_and_late_loses_the_minutes_missed():
    lines = ledger(MODULES, [Attended("orientation", 1.0, "present"), Attended("de-escalation", 4.0, "late", 30)])
    assert [(line.credited, line.owed) for line in lines] == [(1.0, 0.0), (3.5, 0.5)]
    assert lines[0].complete and not lines[1].complete


def test_absence_credits_nothing_and_the_whole_module_is_owed():
    lines = ledger(MODULES, [Attended("de-escalation", 4.0, "absent")])
    assert lines[1].credited == 0 and lines[1].owed == 4.0


def test_a_make_up_session_fills_what_was_owed_but_never_more_than_required():
    records = [Attended("de-escalation", 4.0, "late", 60), Attended("de-escalation", 2.0, "present")]
    line = ledger(MODULES, records)[1]
    assert line.credited == 4.0 and line.owed == 0 and line.complete


def test_lateness_longer_than_the_session_credits_nothing():
    assert ledger(MODULES, [Attended("orientation", 1.0, "late", 90)])[0].credited == 0
