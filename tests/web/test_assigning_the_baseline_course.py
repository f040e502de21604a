"""Training officers assign the baseline course to their people with a due date and see who is overdue."""
from datetime import date, timedelta

import pytest

from lms.accounts.roles import Role
from lms.curriculum import catalogue, versions
from lms.extensions import db
from lms.learning.models import Enrolment
from tests.query_count import counting_queries


@pytest.fixture
def agency(app, make_agency):
    with app.app_context():
        versions.publish_all(catalogue.courses())
        db.session.commit()
    return make_agency()


@pytest.fixture
def trainer(make_account, agency, sign_in):
    account = make_account(Role.TRAINING_OFFICER, agency=agency)
    sign_in(account)
    return account


def test_assigning_with_a_due_date_and_seeing_who_is_overdue(app, client, trainer, agency, make_person):
    recruit = make_person(name="Ray Recruit", agency=agency, rank="recruit")
    due = date.today() + timedelta(days=14)
    response = client.post("/learn/agency", data={"people": [str(recruit.id)], "due_on": due.isoformat()})
    assert response.status_code == 302
    page = client.get("/learn/agency").get_data(as_text=True)
    assert "Ray Recruit" in page and due.isoformat() in page and "Overdue" not in page
    with app.app_context():
        enrolment = db.session.execute(db.select(Enrolment)).scalar_one()
        assert enrolment.assigned_by_id == trainer.id and enrolment.due_on == due
        enrolment.due_on = date.today() - timedelta(days=1)  # the due date passes
        db.session.commit()
    assert "Overdue" in client.get("/learn/agency").get_data(as_text=True)


def test_someone_from_another_agency_cannot_be_assigned(client, trainer, make_person, make_agency):
    stranger = make_person(agency=make_agency())
    response = client.post("/learn/agency", data={"people": [str(stranger.id)],
                                                  "due_on": (date.today() + timedelta(days=5)).isoformat()})
    assert response.status_code == 400


def test_a_due_date_in_the_past_is_refused(client, trainer, agency, make_person):
    person = make_person(agency=agency)
    response = client.post("/learn/agency", data={"people": [str(person.id)], "due_on": "2020-01-01"})
    assert response.status_code == 400 and "cannot be in the past" in response.get_data(as_text=True)


def test_the_agency_page_takes_the_same_queries_for_5_or_40_people(app, client, trainer, agency, make_person):
    for _ in range(4):
        make_person(agency=agency)
    with counting_queries(app) as few:
        client.get("/learn/agency")
    for _ in range(35):
        make_person(agency=agency)
    with counting_queries(app) as many:
        client.get("/learn/agency")
    assert len(few) == len(many)
