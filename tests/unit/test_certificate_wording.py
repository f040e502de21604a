from lms.certificates.wording import course_and_hours


def test_the_hours_are_printed_once_whether_or_not_the_title_states_them():
    assert course_and_hours("Crisis Intervention Team academy (40 hours)", 40.0) == \
        "Crisis Intervention Team academy (40 hours)"
    assert course_and_hours("Mental-health awareness", 8.0) == "Mental-health awareness (8 hours)"
    assert course_and_hours("Refresher", 2.5) == "Refresher (2.5 hours)"
    assert course_and_hours("An academy (40 hours)", 32.0) == "An academy (40 hours) (32 hours)"  # they differ: both
