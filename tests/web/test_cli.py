"""The `lms` command line: users, the demo."""
import re

from click.testing import CliRunner

from lms.accounts.models import Account
from lms.cli import main
from lms.extensions import db


def test_users_create_prints_a_temporary_password_that_must_be_changed(app, runner, client):
    result = runner.invoke(args=["users", "create", "--email", "New.Admin@State.Example", "--name", "Nia Admin",
                                 "--role", "admin"])
    assert result.exit_code == 0, result.output
    temporary = re.search(r"Temporary password .*: (\S+)", result.output).group(1)
    with app.app_context():
        account = db.session.execute(db.select(Account)).scalar_one()
        assert account.must_change_password and account.email == "new.admin@state.example"
        assert temporary not in account.password_hash


def test_users_create_refuses_a_duplicate_email_clearly(runner):
    args = ["users", "create", "--email", "dup@example.test", "--name", "Dee Upe", "--role", "officer"]
    assert runner.invoke(args=args).exit_code == 0
    again = runner.invoke(args=args)
    assert again.exit_code != 0 and "already uses this email" in again.output


def test_users_create_needs_a_region_for_a_coordinator(runner):
    result = runner.invoke(args=["users", "create", "--email", "c@example.test", "--name", "Cy Coord",
                                 "--role", "coordinator"])
    assert result.exit_code != 0 and "needs a region" in result.output


def test_users_list_shows_role_and_state(runner):
    runner.invoke(args=["users", "create", "--email", "l@example.test", "--name", "Lee List", "--role", "recruit"])
    result = runner.invoke(args=["users", "list"])
    assert "l@example.test" in result.output and "recruit" in result.output and "active" in result.output


def test_the_demo_seeds_every_role_and_prints_the_logins(tmp_path, monkeypatch):
    import lms.config

    monkeypatch.setattr(lms.config, "PROJECT_ROOT", tmp_path)
    result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.db"), "--password",
                                       "walrus harbor lantern", "--no-serve"])
    assert result.exit_code == 0, result.output
    for email in ("recruit@demo.test", "officer@demo.test", "supervisor@demo.test", "trainingofficer@demo.test",
                  "instructor@demo.test", "mhp@demo.test", "coordinator@demo.test", "admin@demo.test"):
        assert email in result.output
    assert "Password: walrus harbor lantern" in result.output
    again = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.db"), "--no-serve"])
    assert again.exit_code == 0 and "its logins keep the password they were given" in again.output
    import sqlite3

    from lms.accounts.passwords import verify_password

    with sqlite3.connect(tmp_path / "demo.db") as connection:  # a second run leaves the password as it was
        hashes = [row[0] for row in connection.execute("SELECT password_hash FROM accounts")]
    assert len(hashes) == 8 and all(verify_password(h, "walrus harbor lantern") for h in hashes)


def test_the_demo_refuses_a_weak_password(tmp_path, monkeypatch):
    import lms.config

    monkeypatch.setattr(lms.config, "PROJECT_ROOT", tmp_path)
    result = CliRunner().invoke(main, ["demo", "--db", str(tmp_path / "demo.db"), "--password", "demo", "--no-serve"])
    assert result.exit_code != 0 and "at least 12" in result.output


def test_accounts_unused_for_ninety_days_are_disabled_by_the_nightly_job(app, runner, make_account, sign_in, client):
    from datetime import timedelta

    from freezegun import freeze_time

    from lms.accounts.roles import Role

    stale, fresh = make_account(Role.OFFICER), make_account(Role.OFFICER)
    with freeze_time() as clock:
        sign_in(stale)
        client.post("/logout")
        clock.tick(timedelta(days=60))
        sign_in(fresh)
        client.post("/logout")
        clock.tick(timedelta(days=31))
        result = runner.invoke(args=["users", "disable-inactive"])
        assert result.exit_code == 0 and "Disabled 1 inactive accounts." in result.output
        assert "This account is disabled" in sign_in(stale).get_data(as_text=True)
        assert "Welcome" in sign_in(fresh).get_data(as_text=True)


def test_every_demo_login_signs_in_without_a_code_and_sees_the_demo_banner(tmp_path, monkeypatch):
    import lms.config
    from lms import create_app
    from lms.demo.cli import demo_config
    from lms.demo.seed import DEMO_LOGINS

    monkeypatch.setattr(lms.config, "PROJECT_ROOT", tmp_path)
    db_path = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db_path), "--password", "walrus harbor lantern",
                                       "--no-serve"])
    assert result.exit_code == 0, result.output
    app = create_app({**{k: getattr(demo_config(db_path), k) for k in dir(demo_config(db_path)) if k.isupper()},
                      "SECRET_KEY": "demo-test", "WTF_CSRF_ENABLED": False}, instance_path=str(tmp_path / "i"))
    for email, role in DEMO_LOGINS:
        client = app.test_client()
        page = client.post("/login", data={"email": email, "password": "walrus harbor lantern"},
                           follow_redirects=True).get_data(as_text=True)
        assert "Welcome," in page, email
        assert 'data-testid="demo-banner"' in page
    with app.app_context():
        db.engine.dispose()


def test_mfa_can_be_required_of_every_account(build_app, database_url, make_account):
    from lms.accounts.roles import Role
    from tests.conftest import settings_for
    from tests.factories import PASSWORD

    officer = make_account(Role.OFFICER)
    app = build_app(settings_for(database_url, MFA_REQUIRED_ROLES=("all",)))
    response = app.test_client().post("/login", data={"email": officer.email, "password": PASSWORD})
    assert response.headers["Location"].endswith("/login/set-up-code")
