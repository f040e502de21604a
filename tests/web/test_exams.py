"""Sitting the written exam: answers saved as the learner goes, a deadline kept by the server, one graded
submission computed from the stored answers only, and a limit on attempts."""
from datetime import timedelta

import pytest

from lms.accounts.roles import Role
from lms.assessments.models import AttemptAnswer, ExamAttempt
from lms.audit.models import AuditEvent
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person
from tests.concurrency import at_once
from tests.exam_answers import answers
from tests.query_count import counting_queries

FETCH = {"X-Requested-With": "fetch"}


@pytest.fixture
def volunteer(app, make_academy, make_account, sign_in, client):
    """An officer accepted into an academy of the tiny course, signed in on `client`."""
    _, _, _, (person_id, *_) = make_academy(people=1)
    with app.app_context():
        person = db.session.get(Person, person_id)
    account = make_account(Role.OFFICER, person=person)
    sign_in(account)
    return account


def start(client) -> int:
    response = client.post("/exams/tiny-exam/start")
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def test_an_accepted_volunteer_takes_the_exam_and_passes(app, client, volunteer):
    overview = client.get("/exams/tiny-exam").get_data(as_text=True)
    assert "5 questions" in overview and "Time limit: 30 minutes" in overview and "Start attempt 1 of 2" in overview
    attempt_id = start(client)
    page = client.get(f"/exams/attempts/{attempt_id}").get_data(as_text=True)
    assert "Time left" in page and "Submit for grading" in page and page.count('name="shown"') == 5
    result = client.post(f"/exams/attempts/{attempt_id}/submit", data=answers(app, attempt_id), follow_redirects=True)
    text = result.get_data(as_text=True)
    assert "Passed: 100.0%" in text and "5 of 5 right" in text and "Your answers" in text
    assert "Start attempt" not in client.get("/exams/tiny-exam").get_data(as_text=True)


def test_answers_are_saved_as_the_learner_goes_and_a_reload_resumes(app, client, volunteer):
    attempt_id = start(client)
    data = answers(app, attempt_id)
    first = {"shown": data["shown"][:1], **{k: v for k, v in data.items() if k.startswith(("q0", "slots0"))}}
    saved = client.post(f"/exams/attempts/{attempt_id}", data=first, headers=FETCH)
    assert saved.status_code == 200 and saved.get_json()["saved"] == 1
    assert start(client) == attempt_id  # starting again (another tab) resumes the open attempt
    page = client.get(f"/exams/attempts/{attempt_id}").get_data(as_text=True)
    assert " checked" in page or " selected" in page
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AttemptAnswer.id))) == 1


def test_a_posted_score_changes_nothing_the_server_grades_stored_answers(app, client, volunteer):
    attempt_id = start(client)
    data = answers(app, attempt_id, right=2)
    data.update({"score": "100", "passed": "true", "correct": "5"})
    client.post(f"/exams/attempts/{attempt_id}/submit", data=data)
    with app.app_context():
        attempt = db.session.get(ExamAttempt, attempt_id)
        assert (attempt.correct, attempt.score, attempt.passed) == (2, 40.0, False)


def test_submitting_twice_records_one_submission(app, client, volunteer):
    attempt_id = start(client)
    data = answers(app, attempt_id, right=1)
    client.post(f"/exams/attempts/{attempt_id}/submit", data=data)
    again = client.post(f"/exams/attempts/{attempt_id}/submit", data=answers(app, attempt_id))
    assert again.status_code == 302
    with app.app_context():
        assert db.session.get(ExamAttempt, attempt_id).correct == 1
        submitted = db.session.scalar(db.select(db.func.count(AuditEvent.id)).where(AuditEvent.action == "exam.submitted"))
        assert submitted == 1


def test_two_tabs_submitting_at_once_record_one_submission(app, build_app, app_settings, client, volunteer, sign_in):
    attempt_id = start(client)
    other = build_app(app_settings).test_client()
    sign_in(volunteer, via=other)
    data = answers(app, attempt_id)
    codes = at_once(*(lambda http=http: http.post(f"/exams/attempts/{attempt_id}/submit", data=data).status_code
                      for http in (client, other)))
    assert codes == [302, 302]
    with app.app_context():
        assert db.session.get(ExamAttempt, attempt_id).passed is True
        submitted = db.session.scalar(db.select(db.func.count(AuditEvent.id)).where(AuditEvent.action == "exam.submitted"))
        assert submitted == 1


def test_answers_after_the_deadline_are_not_counted_and_the_attempt_closes_itself(app, client, volunteer):
    attempt_id = start(client)
    data = answers(app, attempt_id)
    first = {"shown": data["shown"][:1], **{k: v for k, v in data.items() if k.startswith(("q0", "slots0"))}}
    client.post(f"/exams/attempts/{attempt_id}", data=first, headers=FETCH)
    with app.app_context():
        attempt = db.session.get(ExamAttempt, attempt_id)
        attempt.deadline_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    late = client.post(f"/exams/attempts/{attempt_id}", data=data, headers=FETCH)
    assert late.status_code == 409 and late.get_json()["closed"] is True
    page = client.get(f"/exams/attempts/{attempt_id}/result").get_data(as_text=True)
    assert "Time ran out" in page and "1 of 5 right" in page
    with app.app_context():
        attempt = db.session.get(ExamAttempt, attempt_id)
        assert (attempt.status, attempt.closed_by, attempt.correct) == ("submitted", "time", 1)


def test_an_answer_to_a_question_not_in_the_attempt_is_refused(app, client, volunteer):
    attempt_id = start(client)
    stray = client.post(f"/exams/attempts/{attempt_id}", data={"shown": "99", "q99": "0"}, headers=FETCH)
    assert stray.status_code == 409 and "not part of this attempt" in stray.get_json()["error"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(AttemptAnswer.id))) == 0


def test_an_option_that_is_not_offered_is_refused_next_to_the_question(app, client, volunteer):
    attempt_id = start(client)
    with app.app_context():
        from lms.assessments import attempts

        items = attempts.paper(db.session.get(ExamAttempt, attempt_id))
    single = next(item for item in items if item.question.type == "single")
    response = client.post(f"/exams/attempts/{attempt_id}", data={"shown": str(single.position),
                                                                  f"q{single.position}": "9"})
    assert response.status_code == 400
    assert f'id="q{single.position}-error"' in response.get_data(as_text=True)
    assert "Choose from the options shown." in response.get_data(as_text=True)


def test_another_learner_cannot_open_an_attempt(app, client, volunteer, make_account, sign_in):
    attempt_id = start(client)
    stranger = app.test_client()
    sign_in(make_account(Role.OFFICER), via=stranger)
    assert stranger.get(f"/exams/attempts/{attempt_id}").status_code == 404
    assert stranger.post(f"/exams/attempts/{attempt_id}/submit", data={"shown": "0"}).status_code == 404
    assert stranger.get(f"/exams/attempts/{attempt_id}/result").status_code == 404


def test_after_the_allowed_attempts_no_more_can_start(app, client, volunteer):
    for _ in range(2):
        attempt_id = start(client)
        client.post(f"/exams/attempts/{attempt_id}/submit", data=answers(app, attempt_id, right=0))
    refused = client.post("/exams/tiny-exam/start", follow_redirects=True).get_data(as_text=True)
    assert "You have used all 2 attempts" in refused
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ExamAttempt.id))) == 2


def test_an_officer_without_an_academy_seat_may_not_sit_the_state_exam(app, client, make_account, sign_in):
    sign_in(make_account(Role.OFFICER))
    assert "is for volunteers accepted into an academy" in client.get("/exams/tiny-exam").get_data(as_text=True)
    refused = client.post("/exams/tiny-exam/start", follow_redirects=True).get_data(as_text=True)
    assert "is for volunteers accepted into an academy" in refused
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(ExamAttempt.id))) == 0


def test_the_coordinator_sees_item_analysis(app, client, volunteer, make_account, sign_in):
    attempt_id = start(client)
    client.post(f"/exams/attempts/{attempt_id}/submit", data=answers(app, attempt_id, right=3))
    desk = app.test_client()
    sign_in(make_account(Role.COORDINATOR), via=desk)
    page = desk.get("/exams/tiny-exam/items").get_data(as_text=True)
    assert "Item analysis" in page and "tiny-bank/pick-one" in page and "Discrimination" in page
    assert client.get("/exams/tiny-exam/items").status_code == 403


def test_saving_and_submitting_take_the_same_queries_with_2_or_40_learners_sitting(app, make_academy, make_account,
                                                                                  sign_in):
    """The autosave and the submission of one learner do not grow with the other learners' attempts."""
    counts = []
    for size in (2, 40):
        _, _, _, people = make_academy(people=size)
        clients = []
        for person_id in people:
            with app.app_context():
                person = db.session.get(Person, person_id)
            http = app.test_client()
            sign_in(make_account(Role.OFFICER, person=person), via=http)
            clients.append((http, start(http)))
        for http, attempt_id in clients[1:]:
            http.post(f"/exams/attempts/{attempt_id}", data=answers(app, attempt_id), headers=FETCH)
        http, attempt_id = clients[0]
        data = answers(app, attempt_id)
        with counting_queries(app) as saved:
            assert http.post(f"/exams/attempts/{attempt_id}", data=data, headers=FETCH).status_code == 200
        with counting_queries(app) as submitted:
            assert http.post(f"/exams/attempts/{attempt_id}/submit", data=data).status_code == 302
        counts.append((len(saved), len(submitted)))
    assert counts[0] == counts[1]
