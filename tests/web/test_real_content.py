"""The two courses we teach load cleanly, with the hours and structure the program requires."""
from pathlib import Path

import pytest

from lms.curriculum.loader import load_catalogue
from tests.conftest import settings_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def loaded():
    return load_catalogue(ROOT / "courses", ROOT / "assessments")


def test_the_course_content_has_no_problems(loaded):
    courses, problems = loaded
    assert [str(p) for p in problems] == []
    assert set(courses) == {"cit-advanced", "mh-awareness"}


def test_the_academy_has_the_eighteen_modules_in_exactly_forty_hours_with_a_quarter_role_play(loaded):
    course = loaded[0]["cit-advanced"]
    assert course.kind == "advanced" and len(course.modules) == 18
    assert sum(m.hours for m in course.modules) == 40.0
    assert course.scenario_hours >= 10.0
    assert course.module("scenario-practice").hours == 10.0


def test_the_baseline_course_is_eight_to_sixteen_hours_online(loaded):
    course = loaded[0]["mh-awareness"]
    assert course.kind == "awareness" and 8 <= course.total_hours <= 16
    assert {m.delivery for m in course.modules} == {"online"}


@pytest.mark.parametrize("slug", ["cit-advanced", "mh-awareness"])
def test_every_module_has_objectives_and_lessons_of_substance(loaded, slug):
    for module in loaded[0][slug].modules:
        assert 3 <= len(module.objectives) <= 6, module.slug
        assert module.lessons, module.slug
        assert sum(lesson.words for lesson in module.lessons) >= 300, module.slug


def test_lms_content_check_is_clean_on_the_real_courses(build_app, database_url):
    root = ROOT
    app = build_app(settings_for(database_url, CONTENT_ROOT=str(root / "courses"),
                                 ASSESSMENTS_ROOT=str(root / "assessments")))
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "cit-advanced" in result.output and "18 modules" in result.output and "40 of 40 hours" in result.output
    assert "mh-awareness" in result.output
