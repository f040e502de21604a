"""Sessions end on the server: sign-out, idle and absolute timeouts, disabling, password change."""
from datetime import timedelta

import pytest
from freezegun import freeze_time

from lms.accounts import services
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.extensions import db
from tests.factories import PASSWORD


def test_a_cookie_captured_before_sign_out_is_dead_afterwards(app, make_account, sign_in, client):
    sign_in(make_account(Role.OFFICER))
    captured = client.get_cookie("lms-session").value
    client.post("/logout")
    thief = app.test_client()
    thief.set_cookie("lms-session", captured)
    response = thief.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_thirty_idle_minutes_end_the_session(make_account, sign_in, client):
    with freeze_time() as clock:
        sign_in(make_account(Role.OFFICER))
        clock.tick(timedelta(minutes=29))
        assert client.get("/dashboard").status_code == 200
        clock.tick(timedelta(minutes=31))
        response = client.get("/dashboard", follow_redirects=True)
        assert "Your session has ended. Please sign in again." in response.get_data(as_text=True)


@pytest.fixture
def app_settings(app_settings):
    return {**app_settings, "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=12)}


def test_an_active_session_still_ends_at_twelve_hours(make_account, sign_in, client):
    with freeze_time() as clock:
        sign_in(make_account(Role.OFFICER))
        for _ in range(35):  # a request every 20 minutes for 11 h 40 min
            clock.tick(timedelta(minutes=20))
            assert client.get("/dashboard").status_code == 200
        clock.tick(timedelta(minutes=21))
        assert client.get("/dashboard").status_code == 302


def test_disabling_an_account_ends_its_live_sessions(app, make_account, sign_in, client):
    account = make_account(Role.OFFICER)
    admin = make_account(Role.ADMIN)
    sign_in(account)
    with app.app_context():
        services.disable_account(db.session.get(Account, account.id), actor=db.session.get(Account, admin.id))
        db.session.commit()
    assert client.get("/dashboard").status_code == 302


def test_a_new_session_is_issued_at_sign_in(app, make_account, client):
    account = make_account(Role.OFFICER)
    client.get("/login")
    before = client.get_cookie("lms-session")
    client.post("/login", data={"email": account.email, "password": PASSWORD})
    after = client.get_cookie("lms-session").value
    assert before is None or before.value != after


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(app, make_account, sign_in, client):
    account = make_account(Role.OFFICER)
    other = app.test_client()
    sign_in(account, via=other)
    sign_in(account)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "a brand new passphrase", "confirm_password": "a brand new passphrase",
    }, follow_redirects=True)
    assert "Your password is changed" in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 200
    assert other.get("/dashboard").status_code == 302


def test_production_cookies_are_host_prefixed_secure_httponly_and_lax(database_url, build_app):
    app = build_app({"SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": database_url})
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    response = app.test_client().get("/login", base_url="https://cit.example")
    cookie = response.headers["Set-Cookie"]  # the form's CSRF token starts a session
    assert cookie.startswith("__Host-session=") and "Secure" in cookie and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie and "Domain" not in cookie and "Path=/" in cookie
