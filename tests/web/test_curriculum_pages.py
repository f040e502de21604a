"""The public catalogue, course outlines, publishing versions and the version history."""
import shutil
from pathlib import Path

import pytest

from lms.curriculum import catalogue, versions
from lms.curriculum.models import CourseVersion
from lms.extensions import db
from tests.conftest import settings_for

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def content_root(tmp_path) -> Path:
    shutil.copytree(DATA / "courses", tmp_path / "courses")
    shutil.copytree(DATA / "assessments", tmp_path / "assessments")
    return tmp_path


@pytest.fixture
def app_settings(database_url, content_root):
    return settings_for(database_url, CONTENT_ROOT=str(content_root / "courses"),
                        ASSESSMENTS_ROOT=str(content_root / "assessments"))


def test_anyone_can_read_the_catalogue_and_a_course_outline(client):
    page = client.get("/courses/").get_data(as_text=True)
    assert "A tiny course for tests" in page and "2.0 hours" in page
    outline = client.get("/courses/tiny-course").get_data(as_text=True)
    assert "Basics" in outline and "Scenario practice" in outline and "Explain a third thing." in outline


def test_an_unknown_course_is_not_found(client):
    assert client.get("/courses/no-such-course").status_code == 404


def test_content_is_loaded_once_per_process(app, content_root, client):
    client.get("/courses/")
    lesson = content_root / "courses/tiny-course/modules/01-basics/lessons/01-first.md"
    lesson.write_text(lesson.read_text().replace("The first lesson", "A renamed lesson"))
    with app.app_context():
        assert catalogue.course("tiny-course").modules[0].lessons[0].title == "The first lesson"


def test_sync_publishes_a_version_once_and_a_new_one_when_files_change(app, runner, content_root, build_app, database_url):
    first = runner.invoke(args=["content", "sync"])
    assert first.exit_code == 0 and "Published tiny-course 1.0+" in first.output
    again = runner.invoke(args=["content", "sync"])
    assert "already published" in again.output
    lesson = content_root / "courses/tiny-course/modules/01-basics/lessons/01-first.md"
    lesson.write_text(lesson.read_text().replace("Some **text**", "Some **new text**"))
    edit_course = content_root / "courses/tiny-course/course.toml"
    edit_course.write_text(edit_course.read_text().replace('version = "1.0"', 'version = "1.1"'))
    restarted = build_app(settings_for(database_url, CONTENT_ROOT=str(content_root / "courses"),
                                       ASSESSMENTS_ROOT=str(content_root / "assessments")))
    result = restarted.test_cli_runner().invoke(args=["content", "sync"])
    assert "Published tiny-course 1.1+" in result.output
    page = restarted.test_client().get("/courses/tiny-course/versions").get_data(as_text=True)
    assert page.index("1.1 (current)") < page.index(">1.0<")


def test_an_old_version_reads_back_exactly_as_published(app, runner, content_root):
    runner.invoke(args=["content", "sync"])
    with app.app_context():
        stored = db.session.execute(db.select(CourseVersion).where(CourseVersion.course_slug == "tiny-course")).scalar_one()
        old = versions.course_from_snapshot(stored.snapshot)
        assert old == catalogue.course("tiny-course")
        assert old.modules[0].lessons[0].html.startswith("<p>Some <strong>text</strong>")


def test_content_check_lists_every_problem_and_fails(runner, content_root):
    module = content_root / "courses/tiny-course/modules/01-basics/module.toml"
    module.write_text(module.read_text().replace('delivery = "online"', 'delivery = "podcast"') + 'colour = "red"\n')
    result = runner.invoke(args=["content", "check", str(content_root / "courses")])
    assert result.exit_code == 1
    assert "delivery: expected one of online" in result.output and "colour: unknown key" in result.output
    assert "2 problems found." in result.output


def test_content_check_passes_on_valid_content(runner, content_root):
    result = runner.invoke(args=["content", "check", str(content_root / "courses")])
    assert result.exit_code == 0 and "Content is valid." in result.output

