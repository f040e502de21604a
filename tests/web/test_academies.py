"""Coordinators schedule academies and admit endorsed volunteers; seats never overflow, waiting lists move up."""
import json
import re
from datetime import date, timedelta

import pytest

from lms.academies.models import AcademyClass
from lms.accounts.roles import Role
from lms.applications.models import Application
from lms.curriculum import catalogue, versions
from lms.extensions import db
from lms.people.models import Person
from tests.concurrency import at_once
from tests.query_count import counting_queries

SOON = date.today() + timedelta(days=30)


@pytest.fixture
def region(make_region):
    return make_region(name="Central Region")


@pytest.fixture
def coordinator(app, make_account, region, sign_in, client):
    with app.app_context():
        versions.publish_all(catalogue.courses())
        db.session.commit()
    account = make_account(Role.COORDINATOR, region=region, name="Casey Coordinator")
    sign_in(account)
    return account


@pytest.fixture
def lead(make_account):
    return make_account(Role.INSTRUCTOR, name="Ivy Instructor", with_mfa=True)


def schedule(client, lead, capacity=2, **overrides) -> int:
    data = {"title": "Central Region academy", "location": "Regional training center",
            "starts_on": SOON.isoformat(), "ends_on": (SOON + timedelta(days=4)).isoformat(),
            "capacity": str(capacity), "lead_instructor_id": str(lead.id), **overrides}
    response = client.post("/academies/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


@pytest.fixture
def volunteers(app, make_agency, make_person, region):
    """Three endorsed volunteers from an agency of the region; their application ids."""
    agency = make_agency(region=region)
    ids = []
    for n in range(3):
        person = make_person(name=f"Volunteer {n}", agency=agency, started_on=date(2015, 1, 1))
        with app.app_context():
            application = Application(person_id=person.id, agency_id=agency.id, course_slug="tiny-course",
                                      motivation="I volunteer because crisis calls deserve time and care.",
                                      status="endorsed")
            db.session.add(application)
            db.session.commit()
            ids.append(application.id)
    return ids


def decide(client, application_id, decision, class_id="", comment=""):
    prefix = f"d{application_id}-"
    return client.post(f"/academies/volunteers/{application_id}", data={
        prefix + "decision": decision, prefix + "class_id": str(class_id), prefix + "comment": comment})


def status_of(app, application_id) -> str:
    with app.app_context():
        return db.session.get(Application, application_id).status


def test_a_coordinator_schedules_an_academy_and_its_sessions(client, coordinator, lead):
    class_id = schedule(client, lead)
    page = client.post(f"/academies/{class_id}", data={
        "module_slug": "practice", "day": (SOON + timedelta(days=1)).isoformat(), "starts_at": "08:00",
        "ends_at": "12:00", "place": "Room 2"}, follow_redirects=True).get_data(as_text=True)
    assert "The session is on the schedule." in page and "08:00–12:00" in page and "Practice" in page
    outside = client.post(f"/academies/{class_id}", data={
        "module_slug": "practice", "day": (SOON + timedelta(days=40)).isoformat(), "starts_at": "08:00",
        "ends_at": "12:00", "place": "Room 2"})
    assert outside.status_code == 400 and "The day must fall within the academy" in outside.get_data(as_text=True)


def test_dates_out_of_order_are_refused_next_to_the_field(client, coordinator, lead):
    response = client.post("/academies/new", data={
        "title": "Backwards", "location": "Here", "starts_on": SOON.isoformat(),
        "ends_on": (SOON - timedelta(days=1)).isoformat(), "capacity": "10", "lead_instructor_id": str(lead.id)})
    assert response.status_code == 400
    assert 'id="ends_on-error"' in response.get_data(as_text=True)


def test_accepting_beyond_capacity_is_refused_and_the_waiting_list_moves_up(app, client, coordinator, lead, volunteers,
                                                                            make_account, sign_in):
    class_id = schedule(client, lead, capacity=1)
    first, second, third = volunteers
    assert decide(client, first, "accept", class_id).status_code == 302
    full = decide(client, second, "accept", class_id)
    assert full.status_code == 400 and "is full" in full.get_data(as_text=True)
    assert decide(client, second, "waitlist", class_id).status_code == 302
    assert decide(client, third, "decline", comment="").status_code == 400
    assert decide(client, third, "decline", comment="Please apply for the autumn academy.").status_code == 302
    page = client.get(f"/academies/{class_id}").get_data(as_text=True)
    assert "1 of 1 seats taken" in page and "Volunteer 1" in page
    with app.app_context():
        from lms.applications import services as applications

        accepted = db.session.get(Application, first)
        applications.withdraw(accepted, db.session.get(Person, accepted.person_id))
        db.session.commit()
    assert status_of(app, second) == "accepted"
    with app.app_context():
        assert db.session.get(AcademyClass, class_id).seats_taken == 1


def test_two_coordinators_racing_for_the_last_seat_get_exactly_one(app, build_app, app_settings, client, coordinator,
                                                                   lead, volunteers, sign_in, make_account, region):
    class_id = schedule(client, lead, capacity=1)
    other = build_app(app_settings).test_client()
    sign_in(make_account(Role.COORDINATOR, region=region), via=other)
    results = dict(zip(volunteers[:2], at_once(
        lambda: decide(client, volunteers[0], "accept", class_id).status_code,
        lambda: decide(other, volunteers[1], "accept", class_id).status_code)))
    assert sorted(results.values()) == [302, 400]
    with app.app_context():
        assert db.session.get(AcademyClass, class_id).seats_taken == 1
        accepted = db.session.scalar(db.select(db.func.count(Application.id)).where(Application.status == "accepted"))
        assert accepted == 1


def test_a_coordinator_cannot_decide_for_another_region(app, client, coordinator, make_region, make_agency,
                                                        make_person):
    agency = make_agency(region=make_region())
    person = make_person(agency=agency)
    with app.app_context():
        application = Application(person_id=person.id, agency_id=agency.id, course_slug="tiny-course",
                                  motivation="Elsewhere but keen to learn crisis work well.", status="endorsed")
        db.session.add(application)
        db.session.commit()
        application_id = application.id
    assert decide(client, application_id, "decline", comment="x").status_code == 404
    assert "Elsewhere" not in client.get("/academies/volunteers").get_data(as_text=True)


def test_the_academy_page_takes_the_same_queries_for_1_or_3_on_the_roster(app, client, coordinator, lead, volunteers):
    class_id = schedule(client, lead, capacity=5)
    decide(client, volunteers[0], "accept", class_id)
    client.get(f"/academies/{class_id}")  # the process reads a course version's content once, then keeps it
    with counting_queries(app) as few:
        client.get(f"/academies/{class_id}")
    decide(client, volunteers[1], "accept", class_id)
    decide(client, volunteers[2], "waitlist", class_id)
    with counting_queries(app) as many:
        client.get(f"/academies/{class_id}")
    assert len(few) == len(many)


def test_the_public_catalogue_lists_upcoming_academies_with_seats_left(app, client, make_academy):
    make_academy(people=3, capacity=10)
    public = app.test_client()
    page = public.get("/courses/").get_data(as_text=True)
    assert "Upcoming academies" in page and "Test academy" in page and "7 of 10" in page


def test_a_finished_academy_cannot_be_edited(app, make_academy):
    from datetime import time

    from lms.academies import services as academies

    class_id, _, _, _ = make_academy(people=0)
    with app.app_context():
        academy = db.session.get(AcademyClass, class_id)
        academy.starts_on, academy.ends_on = date(2020, 1, 6), date(2020, 1, 10)
        db.session.commit()
        with pytest.raises(academies.AcademyError, match="has finished"):
            academies.add_session(academy, module_slug="practice", day=date(2020, 1, 7), starts_at=time(8),
                                  ends_at=time(9), place="Room")


def test_the_roster_page_takes_the_same_queries_for_5_or_200_learners(app, client, coordinator, make_academy):
    few_class, _, lead, _ = make_academy(people=5, coordinator=coordinator)
    many_class, _, _, _ = make_academy(people=200, coordinator=coordinator, lead=lead, capacity=200)
    with counting_queries(app) as few:
        assert "5 of 10 seats taken" in client.get(f"/academies/{few_class}").get_data(as_text=True)
    with counting_queries(app) as many:
        assert "200 of 200 seats taken" in client.get(f"/academies/{many_class}").get_data(as_text=True)
    assert len(few) == len(many)


def test_the_schedule_names_the_teaching_staff(client, coordinator, lead, make_account):
    clinician = make_account(Role.MHP, name="Dr. Mina Clinician")
    response = client.post("/academies/new", data={
        "title": "Staffed academy", "location": "Hall", "starts_on": SOON.isoformat(),
        "ends_on": (SOON + timedelta(days=4)).isoformat(), "capacity": "20", "lead_instructor_id": str(lead.id),
        "staff_ids": [str(clinician.id)]}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Staffed academy is scheduled" in page and "Dr. Mina Clinician (Mental health professional)" in page
    bogus = client.post("/academies/new", data={
        "title": "Bad staff", "location": "Hall", "starts_on": SOON.isoformat(),
        "ends_on": (SOON + timedelta(days=4)).isoformat(), "capacity": "20", "lead_instructor_id": str(lead.id),
        "staff_ids": ["999999"]})
    assert bogus.status_code == 400 and "Choose instructors and mental health professionals" in bogus.get_data(as_text=True)


def _edit(client, class_id, lead, **overrides):
    data = {"title": "Central Region academy", "location": "Regional training center",
            "starts_on": SOON.isoformat(), "ends_on": (SOON + timedelta(days=4)).isoformat(),
            "capacity": "2", "lead_instructor_id": str(lead.id), **overrides}
    return client.post(f"/academies/{class_id}/edit", data=data)


def test_a_coordinator_changes_an_academy_and_new_seats_go_to_the_waiting_list(app, client, coordinator, lead,
                                                                             volunteers, make_account):
    class_id = schedule(client, lead, capacity=1)
    first, second, third = volunteers
    decide(client, first, "accept", class_id)
    decide(client, second, "waitlist", class_id)
    decide(client, third, "waitlist", class_id)
    form = client.get(f"/academies/{class_id}/edit").get_data(as_text=True)
    assert 'value="Regional training center"' in form
    assert re.search(rf'<option selected value="{lead.id}">', form)
    clinician = make_account(Role.MHP, name="Dr. Mina Clinician")
    response = _edit(client, class_id, lead, capacity="2", location="County hall, room 4",
                     staff_ids=[str(clinician.id)])
    assert response.status_code == 302
    page = client.get(f"/academies/{class_id}").get_data(as_text=True)
    assert "Moved up from the waiting list: Volunteer 1." in page
    assert "2 of 2 seats taken" in page and "County hall, room 4" in page and "Dr. Mina Clinician" in page
    assert status_of(app, second) == "accepted" and status_of(app, third) == "waitlisted"
    with app.app_context():
        from lms.audit.models import AuditEvent

        event = db.session.execute(db.select(AuditEvent).where(AuditEvent.action == "class.edited")).scalar_one()
        changed = json.loads(event.details)
        assert changed["capacity"] == {"before": 1, "after": 2}
        assert changed["location"]["after"] == "County hall, room 4" and changed["staff"]["after"] == [clinician.id]


def test_seats_cannot_drop_below_the_volunteers_accepted(app, client, coordinator, lead, volunteers):
    class_id = schedule(client, lead, capacity=3)
    for application_id in volunteers[:2]:
        decide(client, application_id, "accept", class_id)
    response = _edit(client, class_id, lead, capacity="1", location="Somewhere else")
    assert response.status_code == 400
    assert "2 volunteers are already accepted" in response.get_data(as_text=True)
    with app.app_context():
        academy = db.session.get(AcademyClass, class_id)
        assert (academy.capacity, academy.location) == (3, "Regional training center")


def test_new_dates_must_keep_the_scheduled_sessions_inside(client, coordinator, lead):
    class_id = schedule(client, lead)
    client.post(f"/academies/{class_id}", data={
        "module_slug": "practice", "day": (SOON + timedelta(days=3)).isoformat(), "starts_at": "08:00",
        "ends_at": "12:00", "place": "Room 2"})
    response = _edit(client, class_id, lead, ends_on=(SOON + timedelta(days=1)).isoformat())
    assert response.status_code == 400
    assert "1 scheduled session(s) fall outside those dates" in response.get_data(as_text=True)
    backwards = _edit(client, class_id, lead, ends_on=(SOON - timedelta(days=1)).isoformat())
    assert backwards.status_code == 400 and 'id="ends_on-error"' in backwards.get_data(as_text=True)


def test_a_finished_academy_has_no_edit_form_and_refuses_changes(app, client, coordinator, lead):
    class_id = schedule(client, lead)
    with app.app_context():
        academy = db.session.get(AcademyClass, class_id)
        academy.starts_on, academy.ends_on = date(2020, 1, 6), date(2020, 1, 10)
        db.session.commit()
    page = client.get(f"/academies/{class_id}").get_data(as_text=True)
    assert "This academy has finished" in page and "/edit" not in page
    refused = client.post(f"/academies/{class_id}/edit", data={"title": "Renamed"}, follow_redirects=True)
    assert "it can no longer be changed" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(AcademyClass, class_id).title == "Central Region academy"
