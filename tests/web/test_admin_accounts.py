"""Account administration: who sees which accounts, and unlock, reset, end sessions, disable, change role."""
import re

import pytest
from sqlalchemy import select

from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.query_count import counting_queries

NEW_PASSWORD = "a river of quiet lanterns"


def fail_sign_in(client, email: str, times: int = 5) -> None:
    for _ in range(times):
        client.post("/login", data={"email": email, "password": "wrong password!"})


def stored(app, account_id: int) -> Account:
    with app.app_context():
        account = db.session.get(Account, account_id)
        db.session.expunge(account)
        return account


def actions_on(app, account_id: int) -> list[str]:
    with app.app_context():
        return list(db.session.execute(
            select(AuditEvent.action).where(AuditEvent.object_type == "account",
                                            AuditEvent.object_id == str(account_id)).order_by(AuditEvent.seq)
        ).scalars())


def temporary_password_in(page: str) -> str:
    found = re.search(r'data-testid="temporary-password">([^<]+)<', page)
    assert found, "the page shows no temporary password"
    return found.group(1).strip()




@pytest.fixture
def admin(make_account, sign_in):
    """A signed-in state administrator (on the `client`)."""
    account = make_account(Role.ADMIN, name="Ada Admin")
    sign_in(account)
    return account


# Seeing accounts

def test_an_administrator_sees_every_account_with_role_state_and_two_step_sign_in(
        app, admin, make_account, make_agency, client):
    agency = make_agency(name="Riverton Police Department")
    trainer = make_account(Role.TRAINING_OFFICER, agency=agency, name="Terry Trainer")
    locked = make_account(Role.OFFICER, agency=agency, name="Lou Locked")
    fail_sign_in(app.test_client(), locked.email)
    page = client.get("/admin/accounts").get_data(as_text=True)
    assert "<h1>Accounts</h1>" in page
    assert "Terry Trainer" in page and trainer.email in page
    assert "Agency training officer, Riverton Police Department" in page
    row = page[page.index("Lou Locked"):]
    assert re.search(r'<span class="usa-tag[^"]*">Locked</span>', row[:1500])
    assert "Ada Admin" in page and "State administrator" in page
    assert ">On<" in page and ">Off<" in page


def test_the_account_list_filters_by_role_state_and_name_or_email(app, admin, make_account, client):
    make_account(Role.OFFICER, name="Olive Officer")
    make_account(Role.INSTRUCTOR, name="Ian Instructor", email="ian.teaches@example.test")
    locked = make_account(Role.OFFICER, name="Lou Locked")
    fail_sign_in(app.test_client(), locked.email)

    by_role = client.get("/admin/accounts?role=instructor").get_data(as_text=True)
    assert "Ian Instructor" in by_role and "Olive Officer" not in by_role
    by_state = client.get("/admin/accounts?state=locked").get_data(as_text=True)
    assert "Lou Locked" in by_state and "Olive Officer" not in by_state
    active = client.get("/admin/accounts?state=active").get_data(as_text=True)
    assert "Olive Officer" in active and "Lou Locked" not in active
    by_email = client.get("/admin/accounts?q=TEACHES").get_data(as_text=True)
    assert "Ian Instructor" in by_email and "Olive Officer" not in by_email
    by_name = client.get("/admin/accounts?q=olive").get_data(as_text=True)
    assert "Olive Officer" in by_name and "Ian Instructor" not in by_name
    wildcard = client.get("/admin/accounts?q=%25").get_data(as_text=True)
    assert "No accounts found" in wildcard


def test_an_unknown_filter_value_is_refused_with_a_message(admin, client):
    response = client.get("/admin/accounts?state=deleted")
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_a_coordinator_sees_only_accounts_of_people_working_in_their_region(
        app, make_account, make_agency, make_region, sign_in, client):
    north, south = make_region(name="North Region"), make_region(name="South Region")
    coordinator = make_account(Role.COORDINATOR, region=north, name="Cora Coordinator")
    make_account(Role.OFFICER, agency=make_agency(region=north), name="Nora North")
    make_account(Role.OFFICER, agency=make_agency(region=south), name="Sam South")
    make_account(Role.INSTRUCTOR, name="Ivy Unemployed")
    sign_in(coordinator)
    page = client.get("/admin/accounts").get_data(as_text=True)
    assert "Nora North" in page
    assert "Sam South" not in page and "Ivy Unemployed" not in page
    assert "North Region" in page


@pytest.mark.parametrize("viewer_role", [Role.ADMIN, Role.COORDINATOR])
def test_the_account_list_runs_as_many_queries_for_many_accounts_as_for_few(
        app, viewer_role, make_account, make_agency, make_region, sign_in, client):
    region = make_region()
    sign_in(make_account(viewer_role, region=region if viewer_role is Role.COORDINATOR else None))
    make_account(Role.OFFICER, agency=make_agency(region=region))
    client.get("/admin/accounts")  # warm up connections and caches
    with counting_queries(app) as few:
        assert client.get("/admin/accounts").status_code == 200
    for _ in range(5):
        agency = make_agency(region=region)
        make_account(Role.TRAINING_OFFICER, agency=agency)
        make_account(Role.OFFICER, agency=agency)
    with counting_queries(app) as many:
        page = client.get("/admin/accounts").get_data(as_text=True)
    assert page.count('<th scope="row"') >= 11
    assert len(many) == len(few), many


def test_an_unknown_account_is_not_found(admin, client):
    assert client.get("/admin/accounts/999999").status_code == 404
    assert client.post("/admin/accounts/999999/unlock").status_code == 404


# Unlocking

def test_an_administrator_unlocks_a_locked_account_and_the_person_can_then_sign_in(
        app, admin, make_account, sign_in, client):
    officer = make_account(Role.OFFICER, name="Lou Locked")
    theirs = app.test_client()
    fail_sign_in(theirs, officer.email)
    assert "This account is locked" in sign_in(officer, via=theirs).get_data(as_text=True)

    detail = client.get(f"/admin/accounts/{officer.id}").get_data(as_text=True)
    assert "Unlock account" in detail
    response = client.post(f"/admin/accounts/{officer.id}/unlock")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/accounts/{officer.id}"
    assert "is unlocked" in client.get(response.headers["Location"]).get_data(as_text=True)

    assert "Welcome" in sign_in(officer, via=theirs).get_data(as_text=True)
    with app.app_context():
        unlocked = db.session.execute(select(AuditEvent).where(AuditEvent.action == "account.unlocked")).scalar_one()
    assert (unlocked.actor_id, unlocked.object_id, unlocked.outcome) == (admin.id, str(officer.id), "success")


def test_a_coordinator_unlocks_an_account_in_their_region_but_gets_not_found_outside_it(
        app, make_account, make_agency, make_region, sign_in, client):
    mine, other = make_region(), make_region()
    coordinator = make_account(Role.COORDINATOR, region=mine)
    inside = make_account(Role.OFFICER, agency=make_agency(region=mine))
    outside = make_account(Role.OFFICER, agency=make_agency(region=other))
    for officer in (inside, outside):
        fail_sign_in(app.test_client(), officer.email)
    sign_in(coordinator)

    assert client.post(f"/admin/accounts/{inside.id}/unlock").status_code == 302
    assert stored(app, inside.id).locked_at is None

    assert client.get(f"/admin/accounts/{outside.id}").status_code == 404
    assert client.post(f"/admin/accounts/{outside.id}/unlock").status_code == 404
    assert stored(app, outside.id).locked_at is not None


def test_a_coordinator_cannot_act_on_an_administrator_who_works_in_their_region(
        app, make_account, make_agency, make_region, make_person, sign_in, client):
    region = make_region()
    coordinator = make_account(Role.COORDINATOR, region=region)
    boss = make_account(Role.ADMIN, person=make_person(agency=make_agency(region=region)))
    sign_in(coordinator)
    detail = client.get(f"/admin/accounts/{boss.id}")
    assert detail.status_code == 200
    assert "Reset password" not in detail.get_data(as_text=True)
    assert client.post(f"/admin/accounts/{boss.id}/reset-password").status_code == 403
    assert client.post(f"/admin/accounts/{boss.id}/end-sessions").status_code == 403
    assert stored(app, boss.id).must_change_password is False


def test_a_coordinator_may_not_disable_enable_or_change_roles(
        app, make_account, make_agency, make_region, sign_in, client):
    region = make_region()
    coordinator = make_account(Role.COORDINATOR, region=region)
    officer = make_account(Role.OFFICER, agency=make_agency(region=region))
    sign_in(coordinator)
    assert client.post(f"/admin/accounts/{officer.id}/disable").status_code == 403
    assert client.post(f"/admin/accounts/{officer.id}/enable").status_code == 403
    assert client.get(f"/admin/accounts/{officer.id}/role").status_code == 403
    assert client.post(f"/admin/accounts/{officer.id}/role", data={"role": "admin"}).status_code == 403
    assert stored(app, officer.id).disabled_at is None
    assert stored(app, officer.id).role == "officer"


# Password resets

def test_a_reset_shows_a_temporary_password_once_and_it_must_be_changed_at_first_sign_in(
        app, admin, make_account, sign_in, client):
    officer = make_account(Role.OFFICER, name="Pat Reset")
    response = client.post(f"/admin/accounts/{officer.id}/reset-password")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    temporary = temporary_password_in(page)
    assert "shown only this once" in page
    again = client.get(f"/admin/accounts/{officer.id}").get_data(as_text=True)
    assert temporary not in again
    assert "must be changed at the next sign-in" in again

    theirs = app.test_client()
    assert "The email address or password is not right." in sign_in(officer, via=theirs).get_data(as_text=True)
    signed_in = sign_in(officer, password=temporary, via=theirs, follow=False)
    assert signed_in.headers["Location"] == "/account/password"
    assert theirs.get("/dashboard").headers["Location"] == "/account/password"
    theirs.post("/account/password", data={"current_password": temporary, "new_password": NEW_PASSWORD,
                                           "confirm_password": NEW_PASSWORD})
    assert theirs.get("/dashboard").status_code == 200
    assert "account.password_reset" in actions_on(app, officer.id)
    with app.app_context():
        details = db.session.execute(select(AuditEvent.details)).scalars().all()
    assert not any(temporary in text for text in details)


def test_a_reset_still_asks_for_the_second_factor(app, admin, make_account, client):
    instructor = make_account(Role.INSTRUCTOR)
    temporary = temporary_password_in(
        client.post(f"/admin/accounts/{instructor.id}/reset-password").get_data(as_text=True))
    response = app.test_client().post("/login", data={"email": instructor.email, "password": temporary})
    assert response.headers["Location"] == "/login/code"


def test_a_reset_ends_the_persons_sessions(app, admin, make_account, sign_in, client):
    officer = make_account(Role.OFFICER)
    theirs = app.test_client()
    sign_in(officer, via=theirs)
    client.post(f"/admin/accounts/{officer.id}/reset-password")
    assert theirs.get("/dashboard").status_code == 302


# Sessions, disabling and enabling

def test_ending_sessions_signs_the_person_out_at_their_next_request(app, admin, make_account, sign_in, client):
    officer = make_account(Role.OFFICER)
    theirs = app.test_client()
    sign_in(officer, via=theirs)
    assert theirs.get("/dashboard").status_code == 200
    response = client.post(f"/admin/accounts/{officer.id}/end-sessions")
    assert response.status_code == 302
    after = theirs.get("/dashboard")
    assert after.status_code == 302 and after.headers["Location"].startswith("/login")
    assert "account.sessions_ended" in actions_on(app, officer.id)


def test_an_administrator_ending_their_own_sessions_stays_signed_in_here(admin, client):
    response = client.post(f"/admin/accounts/{admin.id}/end-sessions", follow_redirects=True)
    assert response.status_code == 200
    assert "has ended" in response.get_data(as_text=True)
    assert client.get("/admin/accounts").status_code == 200


def test_disabling_an_account_ends_its_session_and_blocks_sign_in_until_enabled(
        app, admin, make_account, sign_in, client):
    officer = make_account(Role.OFFICER)
    theirs = app.test_client()
    sign_in(officer, via=theirs)
    response = client.post(f"/admin/accounts/{officer.id}/disable", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "is disabled" in page and ">Disabled</span>" in page
    assert theirs.get("/dashboard").status_code == 302
    assert "This account is disabled" in sign_in(officer, via=theirs).get_data(as_text=True)

    client.post(f"/admin/accounts/{officer.id}/enable")
    assert "Welcome" in sign_in(officer, via=theirs).get_data(as_text=True)
    actions = actions_on(app, officer.id)
    assert actions.index("account.disabled") < actions.index("account.enabled")


def test_an_administrator_cannot_disable_their_own_account(app, admin, client):
    detail = client.get(f"/admin/accounts/{admin.id}").get_data(as_text=True)
    assert "Disable account" not in detail
    response = client.post(f"/admin/accounts/{admin.id}/disable", follow_redirects=True)
    assert "You cannot disable your own account." in response.get_data(as_text=True)
    assert stored(app, admin.id).disabled_at is None
    assert client.get("/admin/accounts").status_code == 200


# Roles

@pytest.mark.parametrize(("role", "field", "message"), [
    ("coordinator", "region_id", "A regional coordinator needs a region."),
    ("training_officer", "agency_id", "An agency training officer needs an agency."),
])
def test_a_role_change_without_its_region_or_agency_is_refused_next_to_the_field(
        app, admin, make_account, client, role, field, message):
    officer = make_account(Role.OFFICER)
    response = client.post(f"/admin/accounts/{officer.id}/role", data={"role": role, "region_id": "", "agency_id": ""})
    assert response.status_code == 400
    assert re.search(rf'id="{field}-error"[^>]*>{re.escape(message)}', response.get_data(as_text=True))
    assert stored(app, officer.id).role == "officer"


def test_a_role_change_with_its_scope_is_saved_audited_and_signs_the_person_out(
        app, admin, make_account, make_region, sign_in, client):
    region = make_region(name="Canyon Region")
    officer = make_account(Role.OFFICER)
    theirs = app.test_client()
    sign_in(officer, via=theirs)
    form = client.get(f"/admin/accounts/{officer.id}/role").get_data(as_text=True)
    assert "Canyon Region" in form
    response = client.post(f"/admin/accounts/{officer.id}/role",
                           data={"role": "coordinator", "region_id": str(region.id), "agency_id": ""},
                           follow_redirects=True)
    assert "is now: Regional coordinator" in response.get_data(as_text=True)
    changed = stored(app, officer.id)
    assert (changed.role, changed.region_id, changed.agency_id) == ("coordinator", region.id, None)
    assert theirs.get("/dashboard").status_code == 302
    assert "account.role_changed" in actions_on(app, officer.id)


def test_a_region_that_does_not_exist_is_not_a_valid_choice(admin, make_account, client):
    officer = make_account(Role.OFFICER)
    response = client.post(f"/admin/accounts/{officer.id}/role", data={"role": "coordinator", "region_id": "424242"})
    assert response.status_code == 400


# Creating accounts

def test_an_administrator_gives_a_person_an_account_and_sees_the_temporary_password_once(
        app, admin, make_person, sign_in, client):
    person = make_person(name="Nell Newcomer")
    form = client.get(f"/admin/people/{person.id}/account")
    assert form.status_code == 200 and "Give Nell Newcomer an account" in form.get_data(as_text=True)
    response = client.post(f"/admin/people/{person.id}/account", data={"role": "instructor"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    temporary = temporary_password_in(response.get_data(as_text=True))
    with app.app_context():
        account = db.session.execute(select(Account).where(Account.person_id == person.id)).scalar_one()
        assert (account.role, account.must_change_password) == ("instructor", True)
    theirs = app.test_client()
    first = theirs.post("/login", data={"email": person.email, "password": temporary})
    assert first.status_code == 302  # on to setting up two-step sign-in, then a new password


def test_a_person_who_already_has_an_account_cannot_get_a_second(app, admin, make_account, client):
    officer = make_account(Role.OFFICER, name="Olive Officer")
    response = client.get(f"/admin/people/{officer.person_id}/account", follow_redirects=True)
    assert "Olive Officer already has an account." in response.get_data(as_text=True)
    client.post(f"/admin/people/{officer.person_id}/account", data={"role": "admin"})
    assert stored(app, officer.id).role == "officer"
    with app.app_context():
        assert len(db.session.execute(select(Account).where(Account.person_id == officer.person_id)).all()) == 1


def test_creating_an_account_for_an_unknown_person_is_not_found(admin, client):
    assert client.get("/admin/people/999999/account").status_code == 404


def test_a_coordinator_account_needs_a_region_when_created(admin, make_person, client):
    person = make_person()
    response = client.post(f"/admin/people/{person.id}/account", data={"role": "coordinator"})
    assert response.status_code == 400
    assert "A regional coordinator needs a region." in response.get_data(as_text=True)


# Mass assignment and access

def test_extra_fields_posted_to_an_action_change_nothing_beyond_the_action(app, admin, make_account, client):
    officer = make_account(Role.OFFICER)
    fail_sign_in(app.test_client(), officer.email)
    before = stored(app, officer.id)
    client.post(f"/admin/accounts/{officer.id}/unlock",
                data={"role": "admin", "session_version": "99", "must_change_password": "y",
                      "disabled_at": "", "region_id": "1", "password_hash": "x", "person_id": "1"})
    after = stored(app, officer.id)
    assert after.locked_at is None and after.failed_login_count == 0
    for name in ("role", "session_version", "must_change_password", "region_id", "agency_id",
                 "password_hash", "person_id", "disabled_at", "totp_secret"):
        assert getattr(after, name) == getattr(before, name), name


def test_extra_fields_posted_to_the_role_form_are_ignored(app, admin, make_account, client):
    officer = make_account(Role.OFFICER)
    before = stored(app, officer.id)
    client.post(f"/admin/accounts/{officer.id}/role",
                data={"role": "instructor", "password_hash": "x", "person_id": "1", "totp_secret": "",
                      "disabled_at": "2020-01-01"})
    after = stored(app, officer.id)
    assert after.role == "instructor"
    for name in ("password_hash", "person_id", "totp_secret", "disabled_at", "must_change_password"):
        assert getattr(after, name) == getattr(before, name), name


ADMIN_AND_AUDIT_PAGES = [
    ("get", "/admin/accounts"),
    ("get", "/admin/accounts/{id}"),
    ("post", "/admin/accounts/{id}/unlock"),
    ("post", "/admin/accounts/{id}/reset-password"),
    ("post", "/admin/accounts/{id}/end-sessions"),
    ("post", "/admin/accounts/{id}/disable"),
    ("post", "/admin/accounts/{id}/enable"),
    ("get", "/admin/accounts/{id}/role"),
    ("post", "/admin/accounts/{id}/role"),
    ("get", "/admin/people/{person}/account"),
    ("post", "/admin/people/{person}/account"),
    ("get", "/audit/"),
    ("get", "/audit/export.csv"),
]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.INSTRUCTOR])
def test_officers_and_instructors_are_refused_every_admin_and_audit_page(
        app, role, make_account, make_person, sign_in, client):
    target = make_account(Role.OFFICER)
    person = make_person()
    sign_in(make_account(role))
    for method, path in ADMIN_AND_AUDIT_PAGES:
        url = path.format(id=target.id, person=person.id)
        response = getattr(client, method)(url, data={"role": "admin"} if method == "post" else None)
        assert response.status_code == 403, url
    after = stored(app, target.id)
    assert (after.role, after.must_change_password, after.disabled_at) == ("officer", False, None)
    with app.app_context():
        assert db.session.execute(select(Account).where(Account.person_id == person.id)).first() is None


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for method, path in ADMIN_AND_AUDIT_PAGES:
        response = getattr(client, method)(path.format(id=1, person=1))
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), path


def test_a_training_officer_is_refused_the_account_list(make_account, sign_in, client):
    sign_in(make_account(Role.TRAINING_OFFICER))
    assert client.get("/admin/accounts").status_code == 403
