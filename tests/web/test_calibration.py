"""Calibration: a coordinator publishes a described role play with reference scores, evaluators score it and see
their distance from the reference, and a setting can require a recent calibration for final assessments."""
import pytest

from lms.accounts.roles import Role
from lms.extensions import db
from lms.scenarios.calibration import drift
from lms.scenarios.models import CalibrationCase, CalibrationResponse
from tests.conftest import settings_for

ACCOUNT = ("Officer Reyes stops twenty feet back behind the patrol car, gives her name and asks the man his. "
           "She paraphrases twice and asks plainly whether he is thinking of killing himself.")
REFERENCE = {"score-safety": "6", "score-listening": "5", "score-suicide-question": "6"}


def publish(client):
    return client.post("/scoring/calibration/new", data={"scenario": "tiny-scenario", "title": "Bridge, take 3",
                                                         "account": ACCOUNT, **REFERENCE})


def test_drift_is_the_difference_from_the_reference():
    found = drift({"safety": 6, "listening": 5, "suicide-question": None}, {"safety": 4, "listening": 6,
                                                                            "suicide-question": 3})
    assert found.by_criterion == {"safety": -2, "listening": 1, "suicide-question": None}
    assert found.mean_absolute == 1.5


def test_a_coordinator_publishes_and_evaluators_see_their_distance(app, client, sign_in, make_account):
    sign_in(make_account(Role.COORDINATOR))
    assert publish(client).status_code == 302
    with app.app_context():
        case_id = db.session.execute(db.select(CalibrationCase.id)).scalar_one()
    evaluator = app.test_client()
    sign_in(make_account(Role.MHP, name="Dr. Mina Clinician"), via=evaluator)
    assert "Not scored yet" in evaluator.get("/scoring/calibration").get_data(as_text=True)
    page = evaluator.post(f"/scoring/calibration/{case_id}", data={
        "score-safety": "4", "score-listening": "6", "score-suicide-question": "6"}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "how far you are from the reference" in text and "-2" in text and "+1" in text and "1.0</strong>" in text
    again = evaluator.post(f"/scoring/calibration/{case_id}", data=REFERENCE)
    assert again.status_code == 400 and "scored this case already" in again.get_data(as_text=True)
    overview = client.get(f"/scoring/calibration/{case_id}").get_data(as_text=True)
    assert "Dr. Mina Clinician" in overview and "-2" in overview


def test_a_reference_missing_a_score_or_a_thin_account_is_refused(app, client, sign_in, make_account):
    sign_in(make_account(Role.COORDINATOR))
    thin = client.post("/scoring/calibration/new", data={"scenario": "tiny-scenario", "title": "x",
                                                         "account": "Short.", **REFERENCE})
    assert thin.status_code == 400 and "Describe the role play" in thin.get_data(as_text=True)
    partial = client.post("/scoring/calibration/new", data={"scenario": "tiny-scenario", "title": "x",
                                                            "account": ACCOUNT, "score-safety": "6"})
    assert partial.status_code == 400 and "Reference score" in partial.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(CalibrationCase.id))) == 0


@pytest.fixture
def app_settings(database_url):
    return settings_for(database_url, CALIBRATION_WITHIN_DAYS=90)


def test_with_the_rule_on_a_final_assessment_needs_a_recent_calibration(app, client, sign_in, make_academy,
                                                                        make_account):
    from tests.web.test_role_play_scoring import GOOD, score, set_up

    class_id, _, lead, people = make_academy(people=2)
    clinician = make_account(Role.MHP)
    _, run_id = set_up(app, (class_id, lead, clinician, people))
    sign_in(lead)
    refused = score(client, run_id, GOOD, action="submit")
    assert refused.status_code == 400 and "Score a calibration case first" in refused.get_data(as_text=True)
    desk = app.test_client()
    sign_in(make_account(Role.COORDINATOR), via=desk)
    publish(desk)
    with app.app_context():
        case_id = db.session.execute(db.select(CalibrationCase.id)).scalar_one()
    client.post(f"/scoring/calibration/{case_id}", data=REFERENCE)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(CalibrationResponse.id))) == 1
    assert score(client, run_id, GOOD, action="submit").status_code == 302
