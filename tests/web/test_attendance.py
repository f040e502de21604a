"""The lead instructor takes attendance row by row, locks the sheet; the hours ledger follows."""
import pytest

from lms.academies.models import AcademyClass
from lms.attendance import services as attendance
from lms.attendance.models import AttendanceMark
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.query_count import counting_queries


@pytest.fixture
def day(make_academy, sign_in, client):
    class_id, session_id, lead, people = make_academy(people=2)
    sign_in(lead)
    return class_id, session_id, people


def save(client, session_id, person_id, status, minutes="", reason="", version=""):
    prefix = f"p{person_id}-"
    return client.post(f"/teach/sessions/{session_id}/people/{person_id}", data={
        prefix + "status": status, prefix + "minutes_late": minutes, prefix + "reason": reason,
        prefix + "version": version})


def test_the_instructor_marks_each_row_without_losing_the_others(app, client, day):
    class_id, session_id, (first, second) = day
    page = client.get(f"/teach/sessions/{session_id}").get_data(as_text=True)
    assert "Learner 0" in page and "Learner 1" in page and "not marked yet" in page
    assert save(client, session_id, first, "present").status_code == 302
    assert save(client, session_id, second, "late", "30").status_code == 302
    with app.app_context():
        marks = {m.person_id: (m.status, m.minutes_late) for m in db.session.execute(db.select(AttendanceMark)).scalars()}
        assert marks == {first: ("present", 0), second: ("late", 30)}
        lines = attendance.ledger_for(second, db.session.get(AcademyClass, class_id))
        practice = next(line for line in lines if line.module_slug == "practice")
        assert practice.credited == 1.0 and practice.owed == 0.0  # 4 h session, module needs 1 h
        basics = next(line for line in lines if line.module_slug == "basics")
        assert basics.owed == 1.0


def test_late_needs_the_minutes(client, day):
    _, session_id, (first, _) = day
    response = save(client, session_id, first, "late", "")
    assert response.status_code == 400 and "Enter the minutes late" in response.get_data(as_text=True)


def test_someone_not_on_the_roster_cannot_be_marked(client, day, make_person):
    _, session_id, _ = day
    stranger = make_person()
    response = save(client, session_id, stranger.id, "present")
    assert response.status_code == 400 and "not on this academy&#39;s roster" in response.get_data(as_text=True)


def test_after_locking_a_change_needs_a_reason_and_is_audited(app, client, day):
    _, session_id, (first, _) = day
    save(client, session_id, first, "absent")
    assert "Lock this attendance sheet" in client.get(f"/teach/sessions/{session_id}").get_data(as_text=True)
    assert client.post(f"/teach/sessions/{session_id}/lock").status_code == 302
    page = client.get(f"/teach/sessions/{session_id}").get_data(as_text=True)
    assert "This sheet is locked" in page and "Lock this attendance sheet" not in page
    refused = save(client, session_id, first, "present")
    assert refused.status_code == 400 and "give a reason" in refused.get_data(as_text=True)
    assert save(client, session_id, first, "present", reason="Arrived with a note from dispatch").status_code == 302
    with app.app_context():
        details = [e.details for e in db.session.execute(
            db.select(AuditEvent).where(AuditEvent.action == "attendance.marked")).scalars()]
        assert any('"after_lock": true' in d and "dispatch" in d for d in details)


def test_a_stale_page_cannot_overwrite_a_newer_mark(client, day):
    _, session_id, (first, _) = day
    save(client, session_id, first, "present")
    save(client, session_id, first, "absent", version="1")
    stale = save(client, session_id, first, "present", version="1")
    assert stale.status_code == 400 and "reload and check it" in stale.get_data(as_text=True)


def test_another_instructor_cannot_see_or_mark_the_session(app, make_academy, make_account, sign_in):
    _, session_id, _, people = make_academy(people=1)
    other = app.test_client()
    sign_in(make_account("instructor"), via=other)
    assert other.get(f"/teach/sessions/{session_id}").status_code == 404
    assert save(other, session_id, people[0], "present").status_code == 404


def test_the_class_day_page_takes_the_same_queries_for_5_or_200_learners(app, make_academy, sign_in, client):
    _, few_session, lead, _ = make_academy(people=5)
    _, many_session, _, _ = make_academy(people=200, lead=lead, capacity=200)
    sign_in(lead)
    with counting_queries(app) as few:
        few_page = client.get(f"/teach/sessions/{few_session}").get_data(as_text=True)
    with counting_queries(app) as many:
        many_page = client.get(f"/teach/sessions/{many_session}").get_data(as_text=True)
    assert len(few) == len(many) == 2, many  # the signed-in account, then the day with its whole sheet
    assert few_page.count('name="p') < many_page.count('name="p')
    assert many_page.count("<form") - few_page.count("<form") == 195


def test_the_officer_sees_credited_and_owed_hours_on_their_dashboard(app, make_academy, make_account, sign_in, client):
    from lms.accounts.roles import Role
    from lms.people.models import Person

    class_id, session_id, lead, (person_id,) = make_academy(people=1)
    desk = app.test_client()
    sign_in(lead, via=desk)
    save(desk, session_id, person_id, "present")
    with app.app_context():
        person = db.session.get(Person, person_id)
        db.session.expunge(person)
    officer = make_account(Role.OFFICER, person=person)
    sign_in(officer)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Academy hours credited" in page and "Accepted into an academy" in page
    assert "Next academy session:" in page and "08:00–12:00, Room 1" in page
    hours = client.get("/academy/apply").get_data(as_text=True)
    assert "Your academy hours" in hours and "Hours credited: 1.0 of 2.0" in hours


def test_a_teaching_colleague_takes_attendance_but_only_the_lead_locks(app, client, sign_in, make_account, make_academy):
    from lms.academies.models import ClassStaff

    class_id, session_id, lead, (person_id,) = make_academy(people=1)
    colleague = make_account("instructor", name="Cole League")
    with app.app_context():
        db.session.add(ClassStaff(class_id=class_id, account_id=colleague.id))
        db.session.commit()
    sign_in(colleague)
    assert "Test academy" in client.get("/teach/").get_data(as_text=True)
    assert save(client, session_id, person_id, "present").status_code == 302
    page = client.get(f"/teach/sessions/{session_id}")
    assert page.status_code == 200 and "Learner 0" in page.get_data(as_text=True)
    assert "Lock this attendance sheet" not in page.get_data(as_text=True)
    client.post(f"/teach/sessions/{session_id}/lock")
    with app.app_context():
        from lms.attendance.models import SheetLock

        assert db.session.execute(db.select(SheetLock)).first() is None


def test_the_officers_dashboard_takes_the_same_queries_with_5_or_200_classmates(app, make_academy, make_account,
                                                                               sign_in):
    from lms.accounts.roles import Role
    from lms.people.models import Person

    counts = []
    for size in (5, 200):
        class_id, session_id, lead, people = make_academy(people=size, capacity=size)
        desk = app.test_client()
        sign_in(lead, via=desk)
        for person_id in people:
            save(desk, session_id, person_id, "present")
        with app.app_context():
            person = db.session.get(Person, people[0])
            db.session.expunge(person)
        officer = app.test_client()
        sign_in(make_account(Role.OFFICER, person=person), via=officer)
        with counting_queries(app) as seen:
            page = officer.get("/dashboard").get_data(as_text=True)
        assert 'data-testid="figure">1.0</p><p class="margin-0">Academy hours credited' in page
        counts.append(len(seen))
    assert counts == [2, 2]  # the signed-in account, then the application with its academy, next session and marks
