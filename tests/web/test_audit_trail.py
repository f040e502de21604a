"""The audit trail is append-only in the database itself, and tampering breaks its hash chain."""
import logging

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from lms.accounts import services
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.audit import services as audit
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.conftest import uses_postgres
from tests.factories import PASSWORD


def test_the_database_refuses_to_update_or_delete_audit_rows(app, make_account):
    make_account(Role.OFFICER)
    with app.app_context():
        for statement in ("UPDATE audit_events SET outcome = 'success'", "DELETE FROM audit_events"):
            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(sa.text(statement))
            db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) > 0


def _tamper(database_url: str, statement: str) -> None:
    """Change a row the way an intruder with direct database access would: around the guard."""
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        if uses_postgres():
            connection.execute(sa.text("SET session_replication_role = replica"))
        else:
            connection.execute(sa.text("DROP TRIGGER audit_events_no_update"))
            connection.execute(sa.text("DROP TRIGGER audit_events_no_delete"))
        connection.execute(sa.text(statement))
    engine.dispose()


def test_an_intact_trail_verifies(make_account, sign_in, runner):
    sign_in(make_account(Role.OFFICER))
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "Audit chain intact." in result.output


def test_an_edited_row_is_reported_by_audit_verify(make_account, sign_in, runner, database_url):
    sign_in(make_account(Role.OFFICER), password="a wrong password")
    _tamper(database_url, "UPDATE audit_events SET outcome = 'success' WHERE action = 'login.failed'")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "contents were altered" in result.output


def test_a_deleted_row_is_reported_by_audit_verify(make_account, sign_in, runner, database_url):
    sign_in(make_account(Role.OFFICER), password="a wrong password")
    sign_in(make_account(Role.OFFICER))
    _tamper(database_url, "DELETE FROM audit_events WHERE action = 'login.failed'")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1


def test_audit_details_refuse_secrets(app):
    with app.app_context(), pytest.raises(ValueError, match="secrets"):
        audit.record("x", object_type="account", object_id=1, details={"new_password": "hunter2hunter2"})


def test_secrets_never_reach_the_logs_or_the_audit_rows(app, make_account, sign_in, client, caplog):
    caplog.set_level(logging.DEBUG)
    account = make_account(Role.OFFICER)
    sign_in(account, password="a wrong password typed")
    sign_in(account)
    client.post("/account/password", data={"current_password": PASSWORD, "new_password": "fresh passphrase here",
                                           "confirm_password": "fresh passphrase here"})
    with app.app_context():
        temporary = services.reset_password(db.session.get(Account, account.id))
        db.session.commit()
        rows = db.session.execute(sa.select(AuditEvent)).scalars().all()
        stored = " ".join(f"{r.actor_label} {r.object_id} {r.details} {r.endpoint}" for r in rows)
    cookie = client.get_cookie("lms-session").value
    for secret in (PASSWORD, "a wrong password typed", "fresh passphrase here", temporary, cookie):
        assert secret not in caplog.text
        assert secret not in stored


def test_a_name_with_a_newline_or_escape_cannot_forge_an_audit_line(app):
    with app.app_context():
        event = audit.record("login.failed", object_type="account", object_id="-", outcome="failure",
                             actor_label="eve@example.test\nlogin.succeeded admin\x1b[2J")
        db.session.commit()
        assert "\n" not in event.actor_label and "\x1b" not in event.actor_label
        assert "\\u000a" in event.actor_label
