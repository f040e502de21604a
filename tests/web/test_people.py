"""People and the agency roster: adding and correcting people; hiring, reassigning and separating staff."""
import html
from datetime import date

import pytest
from sqlalchemy import func, select

from lms.accounts.roles import Role
from lms.agencies.models import Agency
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.people import services
from lms.people.models import Employment, Person
from tests.query_count import counting_queries


def page_of(response) -> str:
    """The page as a reader sees its text (entities such as &#39; turned back into characters)."""
    return html.unescape(response.get_data(as_text=True))


def count_of(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def history_of(app, person_id: int) -> list[tuple]:
    """(agency, district, started, ended, reason) of every posting of a person, oldest first."""
    with app.app_context():
        jobs = db.session.execute(select(Employment).where(Employment.person_id == person_id)
                                  .order_by(Employment.started_on, Employment.id)).scalars()
        return [(job.agency.name, job.district.name if job.district else None, job.started_on, job.ended_on,
                 job.end_reason) for job in jobs]


def current_job_id(app, person_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(Employment.id).where(Employment.person_id == person_id,
                                                             Employment.ended_on.is_(None)))




@pytest.fixture
def admin(make_account, sign_in):
    account = make_account(Role.ADMIN)
    sign_in(account)
    return account


@pytest.fixture
def agency(make_agency):
    return make_agency(name="Cedar City Police Department", districts=("North", "South"))


@pytest.fixture
def training_officer(make_account, sign_in, agency):
    account = make_account(Role.TRAINING_OFFICER, agency=agency)
    sign_in(account)
    return account


def hire_form(agency, **fields) -> dict:
    data = {"who": "new", "rank": "recruit", "started_on": "2024-03-04",
            "district_id": str(agency.districts[0].id), "shift_id": str(agency.shifts[0].id)}
    data.update(fields)
    return data


# --- Adding and correcting people (the state administrator) -----------------------------------------------

def test_an_administrator_adds_a_person_with_their_state_officer_id(client, admin):
    response = client.post("/people/new", data={"legal_name": "Dana Whitfield", "email": "Dana.W@Example.gov",
                                                 "officer_id": "ut-104233"}, follow_redirects=True)
    page = page_of(response)
    assert response.status_code == 200
    assert "Dana Whitfield is added with state officer ID UT-104233." in page
    assert "<h1>Dana Whitfield</h1>" in page and "dana.w@example.gov" in page
    assert "Provisional" not in page


def test_a_person_added_without_an_officer_id_gets_a_provisional_one(app, client, admin):
    response = client.post("/people/new", data={"legal_name": "Riley Park", "email": "riley@example.gov",
                                                 "officer_id": "  "}, follow_redirects=True)
    assert "Provisional" in page_of(response)
    with app.app_context():
        person = db.session.execute(select(Person).where(Person.email == "riley@example.gov")).scalar_one()
        assert person.officer_id.startswith("P-") and len(person.officer_id) == 10
        assert person.officer_id_provisional


def test_a_duplicate_email_is_refused_next_to_the_field_and_keeps_what_was_typed(app, client, admin, make_person):
    make_person(email="taken@example.gov")
    response = client.post("/people/new", data={"legal_name": "Sam Ortiz", "email": "TAKEN@example.gov",
                                                 "officer_id": "UT-900001"})
    page = page_of(response)
    assert response.status_code == 400
    assert 'id="email-error"' in page and "Another person already uses this email address." in page
    assert 'value="Sam Ortiz"' in page and 'value="UT-900001"' in page
    assert count_of(app, Person) == 2  # the administrator and the first holder of the address


def test_a_duplicate_officer_id_is_refused_next_to_the_field(app, client, admin, make_person):
    make_person(officer_id="UT-777777")
    response = client.post("/people/new", data={"legal_name": "Sam Ortiz", "email": "sam@example.gov",
                                                 "officer_id": "ut-777777"})
    page = page_of(response)
    assert response.status_code == 400
    assert 'id="officer_id-error"' in page and "Another person already has this state officer ID." in page
    assert count_of(app, Person) == 2


def test_markup_in_a_name_is_refused(app, client, admin):
    response = client.post("/people/new", data={"legal_name": "<script>alert(1)</script>", "email": "x@example.gov"})
    raw = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Names cannot contain &lt; or &gt;." in raw
    assert "<script>alert(1)" not in raw
    assert count_of(app, Person) == 1


def test_empty_fields_and_a_malformed_email_get_messages(client, admin):
    page = page_of(client.post("/people/new", data={"legal_name": "", "email": "not-an-address"}))
    assert "Enter the person's legal name." in page
    assert "Enter an email address like name@agency.gov." in page


def test_an_administrator_corrects_a_record_and_the_provisional_mark_goes(app, client, admin, make_person):
    with app.app_context():
        person = services.create_person(legal_name="Jo Recruit", email="jo@example.gov")
        db.session.commit()
        person_id = person.id
    response = client.post(f"/people/{person_id}/edit", data={"legal_name": "Joanna Recruit",
                                                              "email": "jo@example.gov", "officer_id": "UT-333444"},
                           follow_redirects=True)
    page = page_of(response)
    assert "Joanna Recruit's record is saved." in page and "UT-333444" in page and "Provisional" not in page
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.action == "person.updated")) == 1


def test_a_correction_to_an_email_someone_else_uses_is_refused(client, admin, make_person):
    make_person(email="first@example.gov")
    second = make_person(email="second@example.gov")
    response = client.post(f"/people/{second.id}/edit", data={"legal_name": second.legal_name,
                                                              "email": "first@example.gov",
                                                              "officer_id": second.officer_id})
    assert response.status_code == 400
    assert "Another person already uses this email address." in page_of(response)


# --- Finding people ----------------------------------------------------------------------------------------

def test_the_people_list_finds_people_by_name_officer_id_or_email(client, admin, make_person, agency):
    make_person(name="Alex Marsh", officer_id="UT-111222", email="amarsh@example.gov", agency=agency)
    make_person(name="Blair Stone", officer_id="UT-333555", email="bstone@example.gov")
    everyone = page_of(client.get("/people/"))
    assert "Alex Marsh" in everyone and "Blair Stone" in everyone
    assert "Cedar City Police Department" in everyone and "Not employed" in everyone
    assert "Add a person" in everyone
    for query in ("marsh", "ut-111", "AMARSH@"):
        page = page_of(client.get("/people/", query_string={"q": query}))
        assert "Alex Marsh" in page and "Blair Stone" not in page
    page = page_of(client.get("/people/", query_string={"q": "100%_"}))
    assert "No one found" in page


def test_the_people_list_shows_25_people_a_page(client, admin, make_person):
    for n in range(27):
        make_person(name=f"Officer {n:02d}")
    first = page_of(client.get("/people/"))
    assert "Officer 00" in first and "Officer 24" in first and "Officer 25" not in first
    assert 'aria-label="Page 2"' in first
    second = page_of(client.get("/people/?page=2"))
    assert "Officer 25" in second and "Officer 26" in second and "Officer 00" not in second


def test_a_coordinator_sees_only_people_posted_in_their_region(client, make_account, make_agency, make_region,
                                                              make_person, sign_in):
    home, elsewhere = make_region(name="Home Region"), make_region(name="Far Region")
    near, far = make_agency(region=home), make_agency(region=elsewhere)
    insider = make_person(name="Casey Inside", agency=near)
    outsider = make_person(name="Morgan Outside", agency=far)
    unemployed = make_person(name="Quinn Between")
    sign_in(make_account(Role.COORDINATOR, region=home))
    page = page_of(client.get("/people/"))
    assert "Casey Inside" in page
    assert "Morgan Outside" not in page and "Quinn Between" not in page
    assert "Add a person" not in page
    assert "Employment history" in page_of(client.get(f"/people/{insider.id}"))
    assert client.get(f"/people/{outsider.id}").status_code == 404
    assert client.get(f"/people/{unemployed.id}").status_code == 404
    assert client.get("/people/new").status_code == 403
    assert client.get(f"/people/{insider.id}/edit").status_code == 403


@pytest.mark.parametrize("path", ["/people/", "/people/new", "/people/roster", "/people/roster/hire", "/people/1"])
def test_a_patrol_officer_cannot_open_people_pages(client, make_account, sign_in, path):
    sign_in(make_account(Role.OFFICER))
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", ["/people/", "/people/new", "/people/roster", "/people/1", "/people/roster/1/assign"])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_training_officer_cannot_open_the_state_list_or_add_people(client, training_officer):
    assert client.get("/people/").status_code == 403
    assert client.post("/people/new", data={"legal_name": "X", "email": "x@example.gov"}).status_code == 403


def test_unknown_people_and_postings_are_not_found(client, admin, make_account, sign_in):
    assert client.get("/people/99999").status_code == 404
    assert client.get("/people/99999/edit").status_code == 404
    other = client.application.test_client()
    sign_in(make_account(Role.TRAINING_OFFICER), via=other)
    assert other.get("/people/roster/99999/assign").status_code == 404
    assert other.post("/people/roster/99999/separate").status_code == 404


# --- The roster (a training officer) -----------------------------------------------------------------------

def test_the_roster_lists_current_staff_with_their_postings_and_counts(client, training_officer, agency,
                                                                        make_person):
    make_person(name="Avery Lane", agency=agency)
    page = page_of(client.get("/people/roster"))
    assert "<h1 class=\"margin-y-0 margin-right-auto\">Cedar City Police Department roster</h1>" in page
    assert "Avery Lane" in page and "North" in page and "Day" in page and "2020-01-06" in page
    assert "Current staff: 2 people" in page  # Avery and the training officer
    assert '<td data-label="Day">2</td>' in page  # both on North, Day shift


def test_a_training_officer_hires_a_new_recruit_with_a_provisional_id(app, client, training_officer, agency):
    response = client.post("/people/roster/hire", data=hire_form(agency, legal_name="Jamie Recruit",
                                                                 email="jamie@example.gov"), follow_redirects=True)
    page = page_of(response)
    assert "Jamie Recruit is on your roster from 2024-03-04." in page
    assert "Jamie Recruit" in page and "Provisional" in page
    with app.app_context():
        person = db.session.execute(select(Person).where(Person.email == "jamie@example.gov")).scalar_one()
        assert person.officer_id.startswith("P-")
        assert person.current_employment.agency_id == agency.id and person.current_employment.rank == "recruit"


def test_a_training_officer_hires_an_unemployed_officer_on_record_by_officer_id(app, client, training_officer,
                                                                               agency, make_person, make_agency):
    returning = make_person(name="Robin Hale", officer_id="UT-246810", agency=make_agency(name="Old Town PD"))
    with app.app_context():
        services.separate(db.session.get(Employment, current_job_id(app, returning.id)), on=date(2023, 6, 30))
        db.session.commit()
    response = client.post("/people/roster/hire", data=hire_form(
        agency, who="existing", existing_officer_id="ut-246810", rank="officer", started_on="2023-08-01",
        patrol_experience_since="2020-01-06"), follow_redirects=True)
    assert "Robin Hale is on your roster from 2023-08-01." in page_of(response)
    assert [row[0] for row in history_of(app, returning.id)] == ["Old Town PD", "Cedar City Police Department"]


def test_a_rehire_cannot_start_before_their_last_posting_ended(app, client, training_officer, agency,
                                                               make_person, make_agency):
    former = make_person(officer_id="UT-864200", agency=make_agency(name="Old Town PD"))
    with app.app_context():
        services.separate(db.session.get(Employment, current_job_id(app, former.id)), on=date(2023, 6, 30))
        db.session.commit()
    response = client.post("/people/roster/hire", data=hire_form(agency, who="existing",
                                                                 existing_officer_id="UT-864200",
                                                                 started_on="2023-06-01"))
    page = page_of(response)
    assert response.status_code == 400
    assert 'id="started_on-error"' in page and "before their last posting ended (2023-06-30)" in page
    assert len(history_of(app, former.id)) == 1


def test_hiring_someone_still_employed_elsewhere_names_that_agency(app, client, training_officer, agency,
                                                                  make_person, make_agency):
    busy = make_person(name="Drew Busy", officer_id="UT-135790", agency=make_agency(name="Riverton Police"))
    response = client.post("/people/roster/hire", data=hire_form(agency, who="existing",
                                                                 existing_officer_id="UT-135790"))
    page = page_of(response)
    assert response.status_code == 400
    assert 'id="existing_officer_id-error"' in page
    assert "Drew Busy is still employed by Riverton Police. Riverton Police must record the separation first" in page
    assert [row[0] for row in history_of(app, busy.id)] == ["Riverton Police"]


def test_hiring_by_an_officer_id_no_one_has_says_so(client, training_officer, agency):
    response = client.post("/people/roster/hire", data=hire_form(agency, who="existing",
                                                                 existing_officer_id="UT-000000"))
    assert response.status_code == 400
    assert "No one has this state officer ID." in page_of(response)


def test_a_new_hire_needs_a_name_and_email_but_an_existing_one_only_an_id(client, training_officer, agency):
    page = page_of(client.post("/people/roster/hire", data=hire_form(agency)))
    assert "Enter the person's legal name." in page and "Enter the person's email address." in page
    assert "Enter their state officer ID." not in page
    page = page_of(client.post("/people/roster/hire", data=hire_form(agency, who="existing")))
    assert "Enter their state officer ID." in page and "Enter the person's legal name." not in page


def test_a_district_of_another_agency_is_refused_with_a_message(app, client, training_officer, agency, make_agency):
    other = make_agency(name="Elsewhere Sheriff", districts=("East",))
    response = client.post("/people/roster/hire", data=hire_form(
        agency, legal_name="Pat Tamper", email="pat@example.gov", district_id=str(other.districts[0].id)))
    page = page_of(response)
    assert response.status_code == 400
    assert 'id="district_id-error"' in page and "That district belongs to another agency." in page
    assert count_of(app, Person) == 1  # only the training officer: nothing half-done persists
    # The choices offered are only the agency's own.
    form = page_of(client.get("/people/roster/hire"))
    assert ">North<" in form and ">East<" not in form


def test_a_reassignment_keeps_the_old_posting_with_its_end_date(app, client, training_officer, agency,
                                                                 make_person):
    person = make_person(name="Kim Shifted", agency=agency)
    job_id = current_job_id(app, person.id)
    assert "Manage their posting" in page_of(client.get(f"/people/{person.id}"))
    form = page_of(client.get(f"/people/roster/{job_id}/assign"))
    assert "Change rank, district or shift" in form and "Record that they left" in form
    response = client.post(f"/people/roster/{job_id}/assign", data={
        "effective_on": "2024-05-01", "rank": "corporal", "district_id": str(agency.districts[1].id),
        "shift_id": str(agency.shifts[1].id), "patrol_experience_since": "2020-01-06"}, follow_redirects=True)
    assert "Kim Shifted's posting is changed from 2024-05-01." in page_of(response)
    assert history_of(app, person.id) == [
        ("Cedar City Police Department", "North", date(2020, 1, 6), date(2024, 5, 1), "reassigned"),
        ("Cedar City Police Department", "South", date(2024, 5, 1), None, None),
    ]
    detail = page_of(client.get(f"/people/{person.id}"))
    assert "Reassigned" in detail and "Corporal" in detail and "Current" in detail


def test_a_reassignment_cannot_take_effect_before_the_posting_began(app, client, training_officer, agency,
                                                                    make_person):
    person = make_person(agency=agency)
    job_id = current_job_id(app, person.id)
    response = client.post(f"/people/roster/{job_id}/assign", data={
        "effective_on": "2019-12-31", "rank": "officer", "district_id": str(agency.districts[1].id),
        "shift_id": str(agency.shifts[0].id)})
    page = page_of(response)
    assert response.status_code == 400
    assert 'id="effective_on-error"' in page and "cannot be before this posting began (2020-01-06)" in page
    assert len(history_of(app, person.id)) == 1


def test_a_reassignment_that_changes_nothing_is_refused(app, client, training_officer, agency, make_person):
    person = make_person(agency=agency)
    job_id = current_job_id(app, person.id)
    response = client.post(f"/people/roster/{job_id}/assign", data={
        "effective_on": "2024-01-01", "rank": "officer", "district_id": str(agency.districts[0].id),
        "shift_id": str(agency.shifts[0].id), "patrol_experience_since": "2020-01-06"})
    assert response.status_code == 400 and "Nothing has changed" in page_of(response)
    assert len(history_of(app, person.id)) == 1


def test_a_separated_officer_leaves_the_roster_but_keeps_their_history(app, client, training_officer, agency,
                                                                      make_person, make_account, sign_in):
    person = make_person(name="Lee Leaving", agency=agency)
    job_id = current_job_id(app, person.id)
    response = client.post(f"/people/roster/{job_id}/separate",
                           data={"separate-ended_on": "2024-09-30", "separate-reason": "retired"},
                           follow_redirects=True)
    page = page_of(response)
    assert "Lee Leaving is off your roster from 2024-09-30." in page
    assert "Lee Leaving</a>" not in page
    assert client.get(f"/people/{person.id}").status_code == 404  # no longer theirs to see
    state = client.application.test_client()
    sign_in(make_account(Role.ADMIN), via=state)
    detail = page_of(state.get(f"/people/{person.id}"))
    assert "Cedar City Police Department" in detail and "2024-09-30" in detail and "Retired" in detail
    assert "Not employed by an agency on record" in detail


def test_a_separation_cannot_end_before_the_posting_began(app, client, training_officer, agency, make_person):
    person = make_person(agency=agency)
    job_id = current_job_id(app, person.id)
    response = client.post(f"/people/roster/{job_id}/separate",
                           data={"separate-ended_on": "2019-01-01", "separate-reason": "separated"})
    page = page_of(response)
    assert response.status_code == 400
    assert 'id="separate-ended_on-error"' in page and "cannot be before this posting began" in page
    assert history_of(app, person.id)[0][3] is None


def test_a_training_officer_cannot_see_or_change_another_agencys_staff(app, client, training_officer,
                                                                       make_agency, make_person):
    stranger = make_person(name="Sky Stranger", agency=make_agency(name="Distant PD"))
    job_id = current_job_id(app, stranger.id)
    assert client.get(f"/people/{stranger.id}").status_code == 404
    assert client.get(f"/people/roster/{job_id}/assign").status_code == 404
    assert client.post(f"/people/roster/{job_id}/assign", data={"effective_on": "2024-01-01",
                                                                "rank": "chief"}).status_code == 404
    assert client.post(f"/people/roster/{job_id}/separate",
                       data={"separate-ended_on": "2024-01-01", "separate-reason": "other"}).status_code == 404
    assert history_of(app, stranger.id)[0][3] is None
    assert "Sky Stranger" not in page_of(client.get("/people/roster"))


def test_a_transfer_keeps_the_history_at_both_agencies(app, client, admin, make_agency, make_person):
    first, second = make_agency(name="Lakeside PD"), make_agency(name="Hilltop Sheriff")
    person = make_person(name="Terry Mover", agency=first)
    with app.app_context():
        services.transfer(db.session.get(Person, person.id), db.session.get(type(second), second.id),
                          on=date(2023, 2, 1), rank="sergeant")
        db.session.commit()
    page = page_of(client.get(f"/people/{person.id}"))
    assert "Lakeside PD" in page and "Hilltop Sheriff" in page and "Transferred" in page
    assert "Hilltop Sheriff (Sergeant) since 2023-02-01" in page


# --- Constant queries ----------------------------------------------------------------------------------------

def statements_for(app, client, path: str) -> int:
    with counting_queries(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def test_the_people_list_takes_the_same_number_of_queries_for_few_or_many(app, client, admin, make_agency,
                                                                          make_person):
    agencies = [make_agency() for _ in range(3)]
    make_person(agency=agencies[0])
    few = statements_for(app, client, "/people/")
    agencies += [make_agency() for _ in range(5)]
    for n in range(30):
        make_person(agency=agencies[n % len(agencies)])
    many = statements_for(app, client, "/people/")
    assert many == few


def test_the_roster_takes_the_same_number_of_queries_for_few_or_many(app, client, training_officer, agency,
                                                                     make_person):
    few = statements_for(app, client, "/people/roster")
    for n in range(12):
        person = make_person()
        with app.app_context():  # spread over every district and shift, so no two rows share both
            services.hire_into_agency(db.session.get(Agency, agency.id), existing_officer_id=person.officer_id,
                                      rank="officer", started_on=date(2022, 1, 3),
                                      district_id=agency.districts[n % 2].id, shift_id=agency.shifts[n // 6].id)
            db.session.commit()
    many = statements_for(app, client, "/people/roster")
    assert many == few


def test_the_administrator_reaches_a_persons_account_from_their_record(client, admin, make_person, make_account):
    with_account = make_account(Role.OFFICER)
    without = make_person()
    page = client.get(f"/people/{with_account.person.id}").get_data(as_text=True)
    assert f'href="/admin/accounts/{with_account.id}"' in page and "Their account (Patrol officer)" in page
    page = client.get(f"/people/{without.id}").get_data(as_text=True)
    assert f'href="/admin/people/{without.id}/account"' in page and "Give them an account" in page
