"""Missed hours are made up in a session of another academy: the coordinator books a seat, the instructor there
marks it, and the volunteer's own ledger counts it."""
from datetime import date, timedelta

import pytest

from lms.academies.models import AcademyClass, ClassSession
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.attendance import services as attendance
from lms.attendance.models import MakeUp
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.query_count import counting_queries


@pytest.fixture
def missed(app, make_academy, make_account, make_region):
    """A volunteer marked absent from the practice session of their academy, and a later academy of the same
    course in the same region: (coordinator, home class id, other class id, other session id, other lead, person)."""
    region = make_region(name="Central Region")
    coordinator = make_account(Role.COORDINATOR, region=region, name="Casey Coordinator")
    home_id, home_session_id, home_lead, (person_id, _unmarked) = make_academy(people=2, coordinator=coordinator)
    other_id, other_session_id, other_lead, _ = make_academy(people=1, coordinator=coordinator)
    with app.app_context():
        session = db.session.get(ClassSession, home_session_id)
        attendance.mark(session, person_id, status="absent", minutes_late=0,
                        actor=db.session.get(Account, home_lead.id))
        db.session.commit()
    return coordinator, home_id, other_id, other_session_id, other_lead, person_id


def book(client, home_id, person_id, session_id):
    return client.post(f"/academies/{home_id}/people/{person_id}/make-up", data={"session_id": str(session_id)})


def test_the_coordinator_books_a_make_up_and_the_hours_count_once_marked(app, client, sign_in, missed,
                                                                          make_account):
    coordinator, home_id, other_id, other_session_id, other_lead, person_id = missed
    sign_in(coordinator)
    roster = client.get(f"/academies/{home_id}").get_data(as_text=True)
    assert f'href="/academies/{home_id}/people/{person_id}"' in roster
    page = client.get(f"/academies/{home_id}/people/{person_id}").get_data(as_text=True)
    assert "Make up missed hours" in page and "Book a make-up seat" in page
    response = book(client, home_id, person_id, other_session_id)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Make-up seat booked" in page and 'data-testid="make-ups"' in page
    assert "Book a make-up seat" not in page  # the only other session is now booked

    instructor = app.test_client()
    sign_in(other_lead, via=instructor)
    sheet = instructor.get(f"/teach/sessions/{other_session_id}").get_data(as_text=True)
    assert "Learner 0" in sheet and "Make-up" in sheet
    marked = instructor.post(f"/teach/sessions/{other_session_id}/people/{person_id}",
                             data={f"p{person_id}-status": "present"})
    assert marked.status_code == 302
    with app.app_context():
        lines = attendance.ledger_for(person_id, db.session.get(AcademyClass, home_id))
        assert next(line for line in lines if line.module_slug == "practice").owed == 0
        actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
        assert "attendance.make_up_booked" in actions
        from lms.people.models import Person

        person = db.session.get(Person, person_id)
        db.session.expunge(person)
    credited = round(sum(line.credited for line in lines), 2)
    assert credited > 0  # only the make-up was attended: at home the volunteer was absent
    volunteer = app.test_client()
    sign_in(make_account(Role.OFFICER, person=person), via=volunteer)
    dashboard = volunteer.get("/dashboard").get_data(as_text=True)
    assert f'data-testid="figure">{credited}</p><p class="margin-0">Academy hours credited' in dashboard


def test_a_volunteer_sees_the_make_up_on_their_pages(app, client, sign_in, make_account, missed):
    coordinator, home_id, _, other_session_id, _, person_id = missed
    desk = app.test_client()
    sign_in(coordinator, via=desk)
    book(desk, home_id, person_id, other_session_id)
    with app.app_context():
        from lms.people.models import Person

        person = db.session.get(Person, person_id)
    sign_in(make_account(Role.OFFICER, person=person))
    apply_page = client.get("/academy/apply").get_data(as_text=True)
    assert "Make-up sessions booked" in apply_page and "Test academy" in apply_page
    with app.app_context():  # the own academy's sessions are over: the next session is the make-up
        for session in db.session.get(AcademyClass, home_id).sessions:
            session.day = date.today() - timedelta(days=1)
        made_up = db.session.get(ClassSession, other_session_id)
        made_up.day = date.today() + timedelta(days=3)
        db.session.commit()
        expected = f"Next academy session: {made_up.day:%A %Y-%m-%d}, 08:00–12:00"
    assert expected in client.get("/dashboard").get_data(as_text=True)


def test_bad_bookings_are_refused_and_nothing_is_saved(app, client, sign_in, missed, make_academy, make_account):
    coordinator, home_id, other_id, other_session_id, _, person_id = missed
    sign_in(coordinator)
    with app.app_context():
        home_session = db.session.execute(
            db.select(ClassSession.id).where(ClassSession.class_id == home_id)).scalar_one()
    own = book(client, home_id, person_id, home_session)
    assert own.status_code == 400 and "another academy of the same course" in own.get_data(as_text=True)
    missing = book(client, home_id, person_id, 999999)
    assert missing.status_code == 400 and "Choose one of the sessions listed" in missing.get_data(as_text=True)
    with app.app_context():
        session = db.session.get(ClassSession, other_session_id)
        session.day = date.today() - timedelta(days=1)
        db.session.get(AcademyClass, other_id).starts_on = session.day
        db.session.commit()
    past = book(client, home_id, person_id, other_session_id)
    assert past.status_code == 400 and "already taken place" in past.get_data(as_text=True)
    elsewhere = make_account(Role.COORDINATOR, region=None)
    stranger = app.test_client()
    sign_in(elsewhere, via=stranger)
    assert book(stranger, home_id, person_id, other_session_id).status_code == 404
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(MakeUp.id))) == 0


def test_nothing_owed_means_no_make_up(app, client, sign_in, missed):
    coordinator, home_id, _, other_session_id, _, person_id = missed
    sign_in(coordinator)
    with app.app_context():
        home = db.session.get(AcademyClass, home_id)
        session = home.sessions[0]
        attendance.mark(session, person_id, status="present", minutes_late=0, actor=home.lead_instructor,
                        reason="Arrived; first mark was wrong.")
        db.session.commit()
    refused = book(client, home_id, person_id, other_session_id)
    # practice is now credited; basics still owed but the other academy only teaches practice
    assert refused.status_code == 400 and "owes no hours in that module" in refused.get_data(as_text=True)


def test_the_volunteer_page_takes_the_same_queries_with_many_sessions_elsewhere(app, client, sign_in, missed,
                                                                                make_academy):
    coordinator, home_id, _, _, _, person_id = missed
    sign_in(coordinator)
    with counting_queries(app) as few:
        client.get(f"/academies/{home_id}/people/{person_id}")
    for _ in range(3):
        make_academy(people=0, coordinator=coordinator)
    with counting_queries(app) as many:
        page = client.get(f"/academies/{home_id}/people/{person_id}").get_data(as_text=True)
    assert page.count("Book a make-up seat<") == 4
    assert len(few) == len(many)


def test_a_module_still_to_come_in_the_own_academy_is_not_offered(app, client, sign_in, missed):
    coordinator, home_id, _, _, _, person_id = missed
    with app.app_context():
        from lms.applications.models import Application

        classmate = db.session.execute(db.select(Application.person_id).where(
            Application.class_id == home_id, Application.person_id != person_id)).scalar_one()
    sign_in(coordinator)
    page = client.get(f"/academies/{home_id}/people/{classmate}").get_data(as_text=True)
    assert "Book a make-up seat" not in page  # practice is still to come at home; nobody elsewhere teaches basics
    assert "No upcoming session of this module in another academy yet." in page
