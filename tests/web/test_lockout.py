"""Five failed sign-ins lock an account until it is released; the count lives in the database."""
import pytest

from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.factories import PASSWORD


def fail(client, email: str, times: int) -> None:
    for _ in range(times):
        client.post("/login", data={"email": email, "password": "wrong password!"})


def test_five_failures_lock_and_the_right_password_is_then_refused(make_account, client, sign_in):
    account = make_account(Role.OFFICER)
    fail(client, account.email, 5)
    page = sign_in(account).get_data(as_text=True)
    assert "This account is locked" in page
    assert "Welcome" not in page


def test_four_failures_do_not_lock(make_account, client, sign_in):
    account = make_account(Role.OFFICER)
    fail(client, account.email, 4)
    assert "Welcome" in sign_in(account).get_data(as_text=True)


def test_the_lock_holds_until_an_administrator_unlocks(app, make_account, client, sign_in, runner):
    account = make_account(Role.OFFICER)
    fail(client, account.email, 5)
    assert "locked" in sign_in(account).get_data(as_text=True)
    result = runner.invoke(args=["users", "unlock", "--email", account.email])
    assert result.exit_code == 0, result.output
    assert "Welcome" in sign_in(account).get_data(as_text=True)


def test_locking_and_unlocking_are_audited(app, make_account, client, runner):
    account = make_account(Role.OFFICER)
    fail(client, account.email, 5)
    runner.invoke(args=["users", "unlock", "--email", account.email])
    with app.app_context():
        actions = db.session.execute(db.select(AuditEvent.action)).scalars().all()
    assert "account.locked" in actions and "account.unlocked" in actions


def test_failures_through_different_worker_processes_add_up(app_settings, make_account, build_app):
    """Two application instances stand for two gunicorn workers sharing the database."""
    account = make_account(Role.OFFICER)
    workers = [build_app(app_settings).test_client() for _ in range(2)]
    for attempt in range(5):
        workers[attempt % 2].post("/login", data={"email": account.email, "password": "wrong password!"})
    page = workers[0].post("/login", data={"email": account.email, "password": PASSWORD}, follow_redirects=True)
    assert "This account is locked" in page.get_data(as_text=True)


@pytest.fixture
def app_settings(app_settings):
    return {**app_settings, "CLIENT_FAILURE_LIMIT": 8}


def test_one_client_cannot_lock_out_everyone(make_account, client):
    victims = [make_account(Role.OFFICER) for _ in range(3)]
    for victim in victims:
        fail(client, victim.email, 3)
    response = client.post("/login", data={"email": victims[0].email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins came from your connection" in response.get_data(as_text=True)


def test_a_spoofed_forwarded_for_header_does_not_escape_the_throttle(make_account, client):
    victim = make_account(Role.OFFICER)
    for n in range(8):
        client.post("/login", data={"email": f"x{n}@example.test", "password": "nope nope"},
                    headers={"X-Forwarded-For": f"10.0.0.{n}"})
    response = client.post("/login", data={"email": victim.email, "password": PASSWORD},
                           headers={"X-Forwarded-For": "10.9.9.9"})
    assert response.status_code == 429


def test_a_timed_lock_can_be_configured(app_settings, make_account, build_app):
    from datetime import timedelta

    from freezegun import freeze_time

    account = make_account(Role.OFFICER)
    timed = build_app({**app_settings, "LOCKOUT_MODE": "timed", "LOCKOUT_DURATION": timedelta(minutes=30)})
    client = timed.test_client()
    with freeze_time() as clock:
        fail(client, account.email, 5)
        refused = client.post("/login", data={"email": account.email, "password": PASSWORD}, follow_redirects=True)
        assert "locked" in refused.get_data(as_text=True)
        clock.tick(timedelta(minutes=31))
        allowed = client.post("/login", data={"email": account.email, "password": PASSWORD}, follow_redirects=True)
        assert "Welcome" in allowed.get_data(as_text=True)
