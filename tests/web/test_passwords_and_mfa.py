"""Password change and temporary passwords; two-step sign-in with TOTP and recovery codes."""
import re
from datetime import timedelta

import pyotp
from freezegun import freeze_time

from lms.accounts import services
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.extensions import db
from tests.factories import PASSWORD, current_code


def change(client, current, new, confirm=None):
    return client.post("/account/password", data={
        "current_password": current, "new_password": new, "confirm_password": confirm or new})


def test_changing_the_password_needs_the_current_one(make_account, sign_in, client):
    sign_in(make_account(Role.OFFICER))
    page = change(client, "not my password", "a different passphrase").get_data(as_text=True)
    assert "That is not your current password." in page


def test_a_weak_new_password_is_refused_with_the_reason(make_account, sign_in, client):
    sign_in(make_account(Role.OFFICER))
    assert "common or breached" in change(client, PASSWORD, "password123").get_data(as_text=True)
    assert "at least 8 characters" in change(client, PASSWORD, "short").get_data(as_text=True)


def test_staff_need_twelve_characters_and_learners_eight(make_account, sign_in, client, app):
    sign_in(make_account(Role.TRAINING_OFFICER))
    assert "at least 12 characters" in change(client, PASSWORD, "elevenchars").get_data(as_text=True)


def test_a_temporary_password_must_be_changed_at_first_sign_in(app, make_account, sign_in, client):
    account = make_account(Role.OFFICER)
    with app.app_context():
        temporary = services.reset_password(db.session.get(Account, account.id))
        db.session.commit()
    response = sign_in(account, password=temporary)
    assert "Choose a new password before you go on." in response.get_data(as_text=True)
    assert client.get("/dashboard").headers["Location"].endswith("/account/password")
    change(client, temporary, "my own new passphrase")
    assert client.get("/dashboard").status_code == 200
    client.post("/logout")
    assert "Welcome" not in sign_in(account, password=temporary).get_data(as_text=True)


def test_an_expired_temporary_password_is_refused(app, make_account, sign_in):
    account = make_account(Role.OFFICER)
    with app.app_context():
        temporary = services.reset_password(db.session.get(Account, account.id))
        db.session.commit()
    with freeze_time() as clock:
        clock.tick(timedelta(hours=73))
        assert "temporary password has expired" in sign_in(account, password=temporary).get_data(as_text=True)


def test_an_administrator_needs_a_code_after_the_password(make_account, client):
    admin = make_account(Role.ADMIN)
    response = client.post("/login", data={"email": admin.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/login/code")
    assert client.get("/dashboard").status_code == 302  # not signed in yet
    response = client.post("/login/code", data={"code": current_code(admin.totp_plain)})
    assert response.headers["Location"].endswith("/dashboard")


def test_a_totp_code_is_accepted_only_once(app, make_account, sign_in):
    admin = make_account(Role.ADMIN)
    with freeze_time():
        code = current_code(admin.totp_plain)
        first, second = app.test_client(), app.test_client()
        assert "Welcome" in sign_in(admin, code=code, via=first).get_data(as_text=True)
        replay = sign_in(admin, code=code, via=second).get_data(as_text=True)
        assert "already used" in replay and "Welcome" not in replay


def test_wrong_codes_count_towards_the_lockout(app, make_account, client):
    admin = make_account(Role.ADMIN)
    client.post("/login", data={"email": admin.email, "password": PASSWORD})
    for _ in range(5):
        page = client.post("/login/code", data={"code": "000000"}).get_data(as_text=True)
    assert "locked" in page
    with app.app_context():
        assert db.session.get(Account, admin.id).locked_at is not None


def test_a_recovery_code_signs_in_once(app, make_account, sign_in, client):
    admin = make_account(Role.ADMIN)
    with app.app_context():
        codes = services.replace_recovery_codes(db.session.get(Account, admin.id))
        db.session.commit()
    assert "Welcome" in sign_in(admin, code=codes[0]).get_data(as_text=True)
    client.post("/logout")
    again = app.test_client()
    assert "Welcome" not in sign_in(admin, code=codes[0], via=again).get_data(as_text=True)


def test_an_instructor_without_mfa_must_enrol_at_first_sign_in(app, make_account, client):
    instructor = make_account(Role.INSTRUCTOR, with_mfa=False, name="Ira Instructor")
    response = client.post("/login", data={"email": instructor.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/login/set-up-code")
    page = client.get("/login/set-up-code").get_data(as_text=True)
    assert "<svg" in page  # the QR code is drawn on the page, not fetched
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert client.get("/dashboard").status_code == 302
    done = client.post("/login/set-up-code", data={"code": pyotp.TOTP(secret).now()}).get_data(as_text=True)
    assert "Save these recovery codes now" in done
    assert len(re.findall(r"<li>[a-z2-7]{5}-[a-z2-7]{5}-[a-z2-7]{5}</li>", done)) == 10
    assert "Welcome, Ira Instructor" in client.get("/dashboard").get_data(as_text=True)


def test_an_officer_may_turn_on_two_step_sign_in(app, make_account, sign_in, client):
    officer = make_account(Role.OFFICER)
    sign_in(officer)
    page = client.get("/account/two-step").get_data(as_text=True)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    wrong = client.post("/account/two-step", data={"code": "123456"}).get_data(as_text=True)
    assert "That code does not match" in wrong
    assert "Save these recovery codes" in client.post("/account/two-step", data={"code": pyotp.TOTP(secret).now()}).get_data(as_text=True)
    with app.app_context():
        stored = db.session.get(Account, officer.id)
        assert stored.mfa_enabled and secret.encode() not in stored.totp_secret


def test_mfa_required_roles_cannot_turn_it_off(make_account, sign_in, client):
    admin = make_account(Role.ADMIN)
    sign_in(admin)
    response = client.post("/account/two-step/disable", data={"current_password": PASSWORD, "confirm": "y"},
                           follow_redirects=True)
    assert "requires two-step sign-in" in response.get_data(as_text=True)


def test_a_password_reset_does_not_skip_the_second_factor(app, make_account, client):
    admin = make_account(Role.ADMIN)
    with app.app_context():
        temporary = services.reset_password(db.session.get(Account, admin.id))
        db.session.commit()
    response = client.post("/login", data={"email": admin.email, "password": temporary})
    assert response.headers["Location"].endswith("/login/code")


def test_a_password_reset_also_releases_a_lock(app, make_account, sign_in, client):
    account = make_account(Role.OFFICER)
    for _ in range(5):
        client.post("/login", data={"email": account.email, "password": "wrong password!"})
    with app.app_context():
        temporary = services.reset_password(db.session.get(Account, account.id))
        db.session.commit()
    assert "Choose a new password" in sign_in(account, password=temporary).get_data(as_text=True)
