"""The content loader: a valid course loads; every kind of bad content is named with file and field."""
import shutil
from pathlib import Path

import pytest

from lms.curriculum.loader import load_catalogue
from lms.curriculum.markdown import render_lesson, unsafe_parts

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def content(tmp_path) -> Path:
    """A private copy of the tiny course and its assessments, to break in each test."""
    shutil.copytree(DATA / "courses", tmp_path / "courses")
    shutil.copytree(DATA / "assessments", tmp_path / "assessments")
    return tmp_path


def load(root: Path):
    return load_catalogue(root / "courses", root / "assessments")


def messages(root: Path) -> list[str]:
    return [str(problem) for problem in load(root)[1]]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


COURSE = "courses/tiny-course/course.toml"
MODULE = "courses/tiny-course/modules/01-basics/module.toml"
LESSON = "courses/tiny-course/modules/01-basics/lessons/01-first.md"


def test_the_tiny_course_loads_with_its_modules_and_lessons(content):
    courses, problems = load(content)
    assert problems == []
    course = courses["tiny-course"]
    assert [m.slug for m in course.modules] == ["basics", "practice"]
    assert course.modules[0].lessons[0].title == "The first lesson"
    assert "<strong>text</strong>" in course.modules[0].lessons[0].html
    assert course.version_id.startswith("1.0+") and len(course.content_hash) == 64


def test_an_unknown_key_and_a_missing_field_are_named(content):
    edit(content / MODULE, 'title = "Basics"', 'titel = "Basics"')
    found = messages(content)
    assert any("01-basics/module.toml: titel: unknown key" in m for m in found)
    assert any("01-basics/module.toml: title: is missing" in m for m in found)


def test_hours_that_do_not_add_up_are_reported(content):
    edit(content / COURSE, "total_hours = 2.0", "total_hours = 3.0")
    assert any("total_hours: declares 3 h but the modules add up to 2 h" in m for m in messages(content))


def test_an_advanced_course_needs_a_quarter_of_role_play(content):
    edit(content / "courses/tiny-course/modules/02-practice/module.toml", 'delivery = "scenario"', 'delivery = "classroom"')
    assert any("at least 25%" in m for m in messages(content))


def test_a_broken_link_to_a_question_bank_is_reported(content):
    edit(content / MODULE, 'knowledge_check = "tiny-bank"', 'knowledge_check = "no-such-bank"')
    assert any("knowledge_check: names question bank 'no-such-bank'" in m for m in messages(content))


def test_duplicate_module_and_course_slugs_are_reported(content):
    edit(content / "courses/tiny-course/modules/02-practice/module.toml", 'slug = "practice"', 'slug = "basics"')
    shutil.copytree(content / "courses/tiny-course", content / "courses/tiny-copy")
    found = messages(content)
    assert any("duplicate module slug 'basics'" in m for m in found)
    assert any("duplicate course slug 'tiny-course'" in m for m in found)


def test_unsafe_markdown_is_reported_and_stripped(content):
    (content / LESSON).write_text(
        "# Lesson\n\nHi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n")
    found = messages(content)
    assert any("raw HTML '<script>'" in m for m in found)
    assert any("contains link 'javascript:alert" in m for m in found)


def test_placeholder_text_and_a_missing_title_are_reported(content):
    (content / LESSON).write_text("No heading here\n\nTODO write this\n")
    assert any("title: the first line must be a level-1 heading" in m for m in messages(content))
    (content / LESSON).write_text("# A title\n\nTODO write this\n")
    assert any("text: contains placeholder text ('TODO')" in m for m in messages(content))


def test_every_problem_is_listed_at_once(content):
    edit(content / COURSE, "total_hours = 2.0", "total_hours = 5.0")
    edit(content / MODULE, 'delivery = "online"', 'delivery = "podcast"')
    edit(content / MODULE, "objectives = [", "objectives = [\"Extra.\", \"More.\", \"Too many.\", \"Really.\", ")
    found = messages(content)
    assert len(found) >= 3


def test_the_version_fingerprint_changes_when_any_file_changes(content):
    before = load(content)[0]["tiny-course"].content_hash
    edit(content / LESSON, "Some **text**", "Some **changed text**")
    after = load(content)[0]["tiny-course"].content_hash
    assert before != after


@pytest.mark.parametrize("attack", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>", "<iframe src=https://evil.example></iframe>", "<div style=\"background:url(x)\">s</div>",
    "[x](javascript:alert(1))", "<a href=\"data:text/html,hi\">d</a>", "<math><mi xlink:href=\"javascript:1\">m</mi></math>",
])
def test_the_sanitizer_strips_scripts_handlers_and_script_links(attack):
    html = render_lesson(f"Text before.\n\n{attack}\n\nText after.").lower()
    assert "<script" not in html and "onerror" not in html and "onload" not in html
    assert "javascript:" not in html.replace("[x](javascript:alert(1))", "") and "<iframe" not in html
    assert "style=" not in html and 'href="data:' not in html
    assert "text before." in html and "text after." in html
    assert unsafe_parts(attack)
