"""Pages marked read-only: on PostgreSQL their GET requests send no BEGIN or ROLLBACK (fewer round trips), a
POST to the same view keeps its transaction, and any write from a read-only request is refused on both
databases."""
from datetime import date

import psycopg
import pytest

from lms.accounts.roles import Role
from lms.agencies.models import Region
from lms.audit import services as audit
from lms.audit.models import AuditEvent
from lms.certificates.models import Certificate
from lms.database import reads_only
from lms.extensions import db
from tests.certification import certify
from tests.conftest import uses_postgres


@pytest.fixture
def transaction_commands(monkeypatch):
    """Every BEGIN, COMMIT and ROLLBACK psycopg sends to PostgreSQL while the test runs."""
    sent: list[bytes] = []
    real = psycopg.Connection._exec_command

    def spy(self, command, *args, **kwargs):
        if isinstance(command, bytes) and command.split()[0] in (b"BEGIN", b"COMMIT", b"ROLLBACK"):
            sent.append(command.split()[0])
        return real(self, command, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "_exec_command", spy)
    return sent


def test_a_write_from_a_read_only_request_is_refused_and_nothing_is_saved(app):
    with app.test_request_context("/"):
        reads_only(db.session)
        db.session.add(Region(name="Written by a read"))
        with pytest.raises(RuntimeError, match="read-only"):
            db.session.flush()
        db.session.rollback()
    with app.app_context():
        assert db.session.execute(db.select(Region).where(Region.name == "Written by a read")).first() is None


def test_a_statement_that_writes_from_a_read_only_request_is_refused_too(app):
    with app.test_request_context("/"):
        reads_only(db.session)
        with pytest.raises(RuntimeError, match="read-only"):
            db.session.execute(db.update(Region).values(name="Renamed by a read"))
        db.session.rollback()


def test_a_refused_request_to_a_read_only_page_is_still_audited(app, client, make_account, sign_in):
    sign_in(make_account(Role.OFFICER), via=client)
    assert client.get("/program/").status_code == 403  # the program dashboard is read-only, and not an officer's
    with app.app_context():
        found = db.session.execute(db.select(AuditEvent).where(AuditEvent.action == "access.forbidden")).scalars()
        assert [event.object_id for event in found] == ["/program/"]
        assert audit.verify_chain() == []


@pytest.mark.postgres_only
def test_public_verification_sends_no_transaction_commands(app, client, make_account, make_agency,
                                                           transaction_commands):
    assert uses_postgres()
    officer = make_account(Role.OFFICER, agency=make_agency())
    certify(app, officer.person_id, date.today())
    with app.app_context():
        code = db.session.execute(db.select(Certificate.code)).scalar_one()
    client.get(f"/verify/{code}")  # the first request reads the public keys; later ones do not
    transaction_commands.clear()
    for path in (f"/verify/{code}", f"/verify/{code}.json", f"/verify/{code}/credential.jwt"):
        assert client.get(path).status_code == 200
    assert transaction_commands == []


@pytest.mark.postgres_only
def test_signed_in_read_only_pages_send_no_transaction_commands_and_a_normal_page_does(
        app, client, make_account, sign_in, transaction_commands):
    sign_in(make_account(Role.OFFICER), via=client)
    transaction_commands.clear()
    assert client.get("/dashboard").status_code == 200  # marked read-only
    assert transaction_commands == []
    assert client.get("/certificates/mine").status_code == 200  # not marked: one transaction
    assert transaction_commands == [b"BEGIN", b"ROLLBACK"]


def test_a_plain_values_read_sees_what_the_session_holds_unwritten_like_an_orm_read(app):
    from sqlalchemy import select

    from lms.database import read_values

    with app.test_request_context("/"):
        db.session.add(Region(code="ZZ", name="Added, not yet flushed"))
        names = read_values(db.session, select(Region.name).where(Region.code == "ZZ"), {}).scalars().all()
        assert names == ["Added, not yet flushed"]
        db.session.rollback()
        assert read_values(db.session, select(Region.name).where(Region.code == "ZZ"), {}).all() == []
