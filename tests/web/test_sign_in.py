"""Signing in and out, the system-use notice, and where sign-in leads."""
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.factories import PASSWORD


def test_login_page_shows_the_system_use_notice_before_credentials(client):
    page = client.get("/login").get_data(as_text=True)
    for words in ("restricted information system", "monitored, recorded and audited",
                  "Unauthorized use is prohibited", "criminal and civil penalties", "consent"):
        assert words in page


def test_an_officer_signs_in_and_sees_their_dashboard(make_account, sign_in):
    account = make_account(Role.OFFICER, name="Pat Example")
    page = sign_in(account).get_data(as_text=True)
    assert "Welcome, Pat Example" in page
    assert "Patrol officer" in page


def test_email_is_matched_without_regard_to_case(make_account, sign_in):
    make_account(Role.OFFICER, email="mixed.case@example.test")
    assert "Welcome" in sign_in("Mixed.Case@Example.TEST").get_data(as_text=True)


def test_a_wrong_password_says_so_next_to_the_field_and_keeps_the_email(make_account, sign_in):
    account = make_account(Role.OFFICER)
    page = sign_in(account, password="not the password").get_data(as_text=True)
    assert "The email address or password is not right." in page
    assert f'value="{account.email}"' in page
    assert "not the password" not in page


def test_an_unknown_email_gets_the_same_message(client, sign_in):
    page = sign_in("nobody@example.test").get_data(as_text=True)
    assert "The email address or password is not right." in page


def test_empty_fields_get_messages_next_to_them(client):
    page = client.post("/login", data={"email": "", "password": ""}).get_data(as_text=True)
    assert "Enter your email address." in page and "Enter your password." in page


def test_sign_in_goes_back_to_the_requested_local_page(make_account, client):
    account = make_account(Role.OFFICER)
    first = client.get("/account")
    assert first.status_code == 302 and first.headers["Location"].endswith("/login?next=/account")
    response = client.post("/login?next=/account", data={"email": account.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_sign_in_never_redirects_to_another_site(make_account, client):
    account = make_account(Role.OFFICER)
    response = client.post("/login?next=https://evil.example/", data={"email": account.email, "password": PASSWORD})
    assert response.headers["Location"] == "/dashboard"
    client.post("/logout")
    response = client.post("/login?next=//evil.example/", data={"email": account.email, "password": PASSWORD})
    assert response.headers["Location"] == "/dashboard"


def test_signing_out_ends_the_session(make_account, sign_in, client):
    sign_in(make_account(Role.OFFICER))
    response = client.post("/logout", follow_redirects=True)
    assert "You have signed out." in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_sign_in_and_failure_are_audited_with_every_field(app, make_account, sign_in):
    account = make_account(Role.OFFICER)
    sign_in(account, password="wrong password here")
    sign_in(account)
    with app.app_context():
        events = db.session.execute(db.select(AuditEvent).where(AuditEvent.action.like("login.%"))
                                    .order_by(AuditEvent.seq)).scalars().all()
        assert [event.action for event in events] == ["login.failed", "login.succeeded"]
        assert [event.outcome for event in events] == ["failure", "success"]
        for event in events:
            assert event.actor_id == account.id
            assert event.occurred_at.tzinfo is not None and event.occurred_at.microsecond is not None
            assert event.client_address and event.endpoint == "POST accounts.login"
            assert event.object_type == "account" and event.object_id == str(account.id)


def test_a_disabled_account_cannot_sign_in(app, make_account, sign_in):
    account = make_account(Role.OFFICER)
    with app.app_context():
        from lms.database import utcnow

        db.session.get(type(account), account.id).disabled_at = utcnow()
        db.session.commit()
    assert "This account is disabled" in sign_in(account).get_data(as_text=True)


def test_control_characters_and_overlong_input_get_messages_not_errors(client):
    response = client.post("/login", data={"email": "a@b.test\r\nX-Injected: yes", "password": "whatever"})
    assert response.status_code == 200
    assert "Remove line breaks and control characters." in response.get_data(as_text=True)
    response = client.post("/login", data={"email": "a" * 300 + "@b.test", "password": "whatever"})
    assert response.status_code == 200
    assert "Field cannot be longer than 254 characters." in response.get_data(as_text=True)
