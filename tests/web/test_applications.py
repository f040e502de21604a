"""Volunteering for the academy: who may apply, one open application, and the agency's endorsement."""
from datetime import date

import pytest

from lms.accounts.roles import Role
from lms.applications.models import Application
from lms.audit.models import AuditEvent
from lms.extensions import db

WHY = "I have worked nights for six years and want to handle crisis calls better, with the clinics nearby."


@pytest.fixture
def agency(make_agency):
    return make_agency(name="Cedar Hollow Police Department")


@pytest.fixture
def veteran(make_person, make_account, agency):
    person = make_person(name="Val Veteran", agency=agency, started_on=date(2018, 3, 1))
    return make_account(Role.OFFICER, person=person)


@pytest.fixture
def trainer(make_account, agency):
    return make_account(Role.TRAINING_OFFICER, agency=agency)


@pytest.fixture
def submitted(app, client, sign_in, veteran) -> int:
    """The veteran (signed in on `client`) has applied; the application's id."""
    sign_in(veteran)
    client.post("/academy/apply", data={"motivation": WHY})
    with app.app_context():
        return db.session.execute(db.select(Application.id)).scalar_one()


def test_an_experienced_officer_applies_and_sees_the_status(client, sign_in, veteran):
    sign_in(veteran)
    assert "Why do you volunteer" in client.get("/academy/apply").get_data(as_text=True)
    page = client.post("/academy/apply", data={"motivation": WHY}, follow_redirects=True).get_data(as_text=True)
    assert "Your application is sent to your agency" in page
    assert "Waiting for your agency&#39;s endorsement" in page


def test_a_recruit_is_told_why_and_pointed_to_the_baseline_course(client, sign_in, make_account, agency):
    sign_in(make_account(Role.RECRUIT, agency=agency))
    page = client.get("/academy/apply").get_data(as_text=True)
    assert "not for recruits" in page and "Go to the baseline course" in page
    refused = client.post("/academy/apply", data={"motivation": WHY})
    assert refused.status_code == 400 and "not for recruits" in refused.get_data(as_text=True)


def test_an_officer_short_of_experience_is_refused(client, sign_in, make_person, make_account, agency):
    person = make_person(agency=agency, started_on=date.today().replace(year=date.today().year - 1))
    sign_in(make_account(Role.OFFICER, person=person))
    assert "at least 2 years of patrol experience" in client.get("/academy/apply").get_data(as_text=True)


def test_a_second_open_application_is_refused(app, client, sign_in, veteran):
    sign_in(veteran)
    client.post("/academy/apply", data={"motivation": WHY})
    again = client.post("/academy/apply", data={"motivation": WHY})
    assert again.status_code == 400 and "already have an open application" in again.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Application.id))) == 1


def test_a_motivation_too_short_gets_a_message_next_to_the_field(client, sign_in, veteran):
    sign_in(veteran)
    response = client.post("/academy/apply", data={"motivation": "I want to."})
    assert response.status_code == 400
    assert 'id="motivation-error"' in response.get_data(as_text=True)


def test_the_training_officer_endorses_and_the_officer_sees_it(app, client, sign_in, submitted, trainer):
    application_id = submitted
    desk = app.test_client()
    sign_in(trainer, via=desk)
    assert "Val Veteran" in desk.get("/academy/endorsements").get_data(as_text=True)
    done = desk.post(f"/academy/applications/{application_id}/endorse",
                     data={f"a{application_id}-decision": "endorse", f"a{application_id}-comment": "Steady and kind."})
    assert done.status_code == 302
    page = client.get("/academy/apply").get_data(as_text=True)
    assert "Endorsed by your agency" in page and "Steady and kind." in page
    with app.app_context():
        assert "application.endorsed" in db.session.execute(db.select(AuditEvent.action)).scalars().all()


def test_declining_needs_a_reason(app, sign_in, submitted, trainer):
    application_id = submitted
    desk = app.test_client()
    sign_in(trainer, via=desk)
    response = desk.post(f"/academy/applications/{application_id}/endorse",
                         data={f"a{application_id}-decision": "decline", f"a{application_id}-comment": ""})
    assert response.status_code == 400 and "Say why you do not endorse" in response.get_data(as_text=True)


def test_a_training_officer_cannot_endorse_for_another_agency(app, sign_in, submitted, make_account, make_agency):
    application_id = submitted
    other = app.test_client()
    sign_in(make_account(Role.TRAINING_OFFICER, agency=make_agency()), via=other)
    response = other.post(f"/academy/applications/{application_id}/endorse",
                          data={f"a{application_id}-decision": "endorse"})
    assert response.status_code == 404
    assert "Val Veteran" not in other.get("/academy/endorsements").get_data(as_text=True)


def test_withdrawing_frees_the_officer_to_apply_again(client, submitted):
    client.post(f"/academy/applications/{submitted}/withdraw")
    page = client.get("/academy/apply").get_data(as_text=True)
    assert "Withdrawn" in page and "Why do you volunteer" in page


@pytest.fixture
def sergeant(make_person, make_account, agency):
    person = make_person(name="Sam Sergeant", agency=agency, rank="sergeant", started_on=date(2012, 5, 1))
    return make_account(Role.OFFICER, person=person)


def test_a_supervisor_of_the_agency_endorses_from_the_volunteers_page(app, client, sign_in, submitted, sergeant):
    desk = app.test_client()
    sign_in(sergeant, via=desk)
    assert 'href="/academy/endorsements"' in desk.get("/dashboard").get_data(as_text=True)
    assert "Val Veteran" in desk.get("/academy/endorsements").get_data(as_text=True)
    done = desk.post(f"/academy/applications/{submitted}/endorse",
                     data={f"a{submitted}-decision": "endorse", f"a{submitted}-comment": "Calm on every call."})
    assert done.status_code == 302
    assert "Calm on every call." in client.get("/academy/apply").get_data(as_text=True)


def test_a_sergeant_who_leaves_the_agency_loses_the_volunteers_page_at_the_next_request(app, sign_in, submitted,
                                                                                        sergeant):
    from lms.people import services as people
    from lms.people.models import Person

    desk = app.test_client()
    sign_in(sergeant, via=desk)
    assert 'href="/academy/endorsements"' in desk.get("/dashboard").get_data(as_text=True)
    with app.app_context():
        people.separate(db.session.get(Person, sergeant.person_id).current_employment, on=date.today())
        db.session.commit()
    assert 'href="/academy/endorsements"' not in desk.get("/dashboard").get_data(as_text=True)
    assert desk.get("/academy/endorsements").status_code == 404


def test_an_officer_below_sergeant_neither_sees_nor_uses_the_volunteers_page(app, sign_in, submitted, make_account,
                                                                              agency):
    desk = app.test_client()
    sign_in(make_account(Role.OFFICER, agency=agency), via=desk)
    assert 'href="/academy/endorsements"' not in desk.get("/dashboard").get_data(as_text=True)
    assert desk.get("/academy/endorsements").status_code == 404
    refused = desk.post(f"/academy/applications/{submitted}/endorse", data={f"a{submitted}-decision": "endorse"})
    assert refused.status_code == 404
    with app.app_context():
        assert db.session.get(Application, submitted).status == "submitted"


def test_a_supervisor_cannot_endorse_their_own_application(app, client, sign_in, sergeant):
    sign_in(sergeant)
    client.post("/academy/apply", data={"motivation": WHY})
    with app.app_context():
        application_id = db.session.execute(db.select(Application.id)).scalar_one()
    response = client.post(f"/academy/applications/{application_id}/endorse",
                           data={f"a{application_id}-decision": "endorse"})
    assert response.status_code == 400 and "Nobody endorses their own application" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Application, application_id).status == "submitted"
