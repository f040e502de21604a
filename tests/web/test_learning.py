"""Learners enrol in the baseline course, read lessons on their pinned version, and see their progress."""
import pytest

from lms.accounts.roles import Role
from lms.curriculum import catalogue, versions
from lms.extensions import db
from lms.learning.models import Enrolment, LessonRead
from tests.exam_answers import answers
from tests.query_count import counting_queries


@pytest.fixture
def published(app):
    with app.app_context():
        versions.publish_all(catalogue.courses())
        db.session.commit()


@pytest.fixture
def recruit(make_account, sign_in):
    account = make_account(Role.RECRUIT, name="Rita Recruit")
    sign_in(account)
    return account


def enrol(client) -> int:
    response = client.post("/learn/enrol/tiny-awareness")
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_a_recruit_reads_every_lesson_passes_the_check_and_completes_the_course(app, client, published, recruit):
    assert "Enrol in A tiny awareness course" in client.get("/learn/").get_data(as_text=True)
    enrolment_id = enrol(client)
    page = client.get(f"/learn/{enrolment_id}").get_data(as_text=True)
    assert "Continue: Lesson one A" in page and "0 of 2 lessons read" in page
    lesson = client.get(f"/learn/{enrolment_id}/one/01-a").get_data(as_text=True)
    assert "First reading of module one." in lesson
    response = client.post(f"/learn/{enrolment_id}/one/01-a")
    assert response.headers["Location"].endswith(f"/learn/{enrolment_id}/one/02-b")
    client.post(f"/learn/{enrolment_id}/one/02-b")
    page = client.get("/learn/").get_data(as_text=True)
    assert "1 of 2 modules done." in page and "Hours credited: 1.0 of 1.5" in page
    read = client.post(f"/learn/{enrolment_id}/two/01-a", follow_redirects=True).get_data(as_text=True)
    assert "take its knowledge check to complete it" in read and "Start attempt 1 of 3" in read
    assert "1 of 2 modules done." in client.get("/learn/").get_data(as_text=True)  # read, but not yet checked
    started = client.post("/exams/check-tiny-check/start")
    attempt_id = int(started.headers["Location"].rstrip("/").split("/")[-1])
    done = client.post(f"/exams/attempts/{attempt_id}/submit", data=answers(app, attempt_id),
                       follow_redirects=True).get_data(as_text=True)
    assert "You have completed A tiny awareness course." in done and "Passed: 100.0%" in done
    mine = client.get("/certificates/mine").get_data(as_text=True)  # a certificate of completion, at once
    assert "A tiny awareness course" in mine and "UT-MHA-" in mine and "valid until" not in mine


def test_marking_a_lesson_twice_records_it_once(app, client, published, recruit):
    enrolment_id = enrol(client)
    client.post(f"/learn/{enrolment_id}/one/01-a")
    client.post(f"/learn/{enrolment_id}/one/01-a")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LessonRead.id))) == 1


def test_enrolling_twice_is_refused_with_a_message(client, published, recruit):
    enrol(client)
    page = client.post("/learn/enrol/tiny-awareness", follow_redirects=True).get_data(as_text=True)
    assert "You are already enrolled in this course." in page


def test_the_academy_cannot_be_self_enrolled(client, published, recruit):
    page = client.post("/learn/enrol/tiny-course", follow_redirects=True).get_data(as_text=True)
    assert "by application only" in page


def test_an_unpublished_course_is_not_open(client, recruit):
    page = client.post("/learn/enrol/tiny-awareness", follow_redirects=True).get_data(as_text=True)
    assert "not open for enrolment yet" in page


def test_a_learner_keeps_their_version_when_the_course_changes(app, client, published, recruit, tmp_path):
    import shutil

    from tests.conftest import TEST_DATA

    enrolment_id = enrol(client)
    changed = tmp_path / "changed"
    shutil.copytree(TEST_DATA / "courses", changed)
    lesson = changed / "tiny-awareness/modules/01-one/lessons/01-a.md"
    lesson.write_text(lesson.read_text().replace("First reading", "Rewritten reading"))
    app.config["CONTENT_ROOT"] = str(changed)
    app.extensions.pop("curriculum")
    with app.app_context():
        assert versions.publish_all(catalogue.courses())
        db.session.commit()
    page = client.get(f"/learn/{enrolment_id}/one/01-a").get_data(as_text=True)
    assert "First reading of module one." in page and "Rewritten" not in page


def test_another_learners_enrolment_is_not_found(app, client, published, recruit, make_account, sign_in):
    enrolment_id = enrol(client)
    other = app.test_client()
    sign_in(make_account(Role.OFFICER), via=other)
    assert other.get(f"/learn/{enrolment_id}").status_code == 404
    assert other.post(f"/learn/{enrolment_id}/one/01-a").status_code == 404


def test_an_unknown_lesson_is_not_found(client, published, recruit):
    enrolment_id = enrol(client)
    assert client.get(f"/learn/{enrolment_id}/one/99-none").status_code == 404
    assert client.get(f"/learn/{enrolment_id}/nope/01-a").status_code == 404


def test_my_courses_takes_the_same_queries_with_more_lessons_read(app, client, published, recruit):
    enrolment_id = enrol(client)
    with counting_queries(app) as before:
        client.get("/learn/")
    client.post(f"/learn/{enrolment_id}/one/01-a")
    client.post(f"/learn/{enrolment_id}/one/02-b")
    with counting_queries(app) as after:
        client.get("/learn/")
    assert len(before) == len(after)


def test_instructors_do_not_have_a_learner_page(make_account, sign_in, client):
    sign_in(make_account(Role.INSTRUCTOR))
    assert client.get("/learn/").status_code == 403


def test_enrolment_is_audited(app, client, published, recruit):
    enrol(client)
    from lms.audit.models import AuditEvent

    with app.app_context():
        actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
        assert "enrolment.created" in actions and "course.published" in actions
        assert db.session.scalar(db.select(db.func.count(Enrolment.id))) == 1
