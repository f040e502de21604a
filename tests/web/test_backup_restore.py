"""`lms backup` while the application writes, and `lms restore` into an empty database: row counts and the
audit chain match the backup, on SQLite and on PostgreSQL."""
import json
import threading
from datetime import date

import pytest
import sqlalchemy as sa

from lms import create_app
from lms.audit import services as audit
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.people.models import Person
from tests.certification import certify
from tests.conftest import POSTGRES_URL, settings_for


class Writer(threading.Thread):
    """Another worker that keeps writing (people and their audit rows) until told to stop."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.stop, self.written = app, threading.Event(), 0

    def run(self):
        from lms.people import services as people

        with self.app.app_context():
            while not self.stop.is_set():
                people.create_person(legal_name=f"Busy {self.written}", email=f"busy{self.written}@example.test",
                                     officer_id=f"BZ-{self.written}")
                audit.record("person.created", object_type="person", object_id=self.written, actor_label="writer")
                db.session.commit()
                self.written += 1
        with self.app.app_context():
            db.session.remove()


@pytest.fixture
def busy(app, make_agency, make_person):
    agency = make_agency()
    certify(app, make_person(name="Kept Officer", agency=agency).id, date.today())
    writer = Writer(app)
    writer.start()
    while writer.written < 3:
        writer.stop.wait(0.01)
    yield writer
    writer.stop.set()
    writer.join(timeout=10)


def empty_database(app, tmp_path):
    """An application on an empty database: on PostgreSQL the test's own schema, emptied (a dump names its
    schema); on SQLite a new file."""
    if POSTGRES_URL:
        with app.app_context():
            with db.engine.begin() as connection:
                schema = connection.execute(sa.text("SELECT current_schema()")).scalar_one()
                connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
                connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            db.engine.dispose()
        return app
    return create_app(settings_for(f"sqlite:///{tmp_path / 'restored.db'}"), instance_path=str(tmp_path / "i2"))


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {"people": db.session.scalar(sa.select(sa.func.count(Person.id))),
                "audit": db.session.scalar(sa.select(sa.func.count(AuditEvent.id)))}


def test_a_backup_taken_while_writing_restores_exactly(app, busy, tmp_path):
    path = tmp_path / "lms.backup"
    result = app.test_cli_runner().invoke(args=["backup", str(path)])
    busy.stop.set()
    busy.join(timeout=10)
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "lms.backup.json").read_text())
    assert manifest["tables"]["people"] >= 4 and manifest["audit_seq"] == manifest["tables"]["audit_events"]
    assert counts(app)["people"] > 0

    target = empty_database(app, tmp_path)
    restored = target.test_cli_runner().invoke(args=["restore", str(path)])
    assert restored.exit_code == 0, restored.output
    assert "row counts match the backup and the audit chain verifies" in restored.output
    assert counts(target) == {"people": manifest["tables"]["people"], "audit": manifest["tables"]["audit_events"]}
    with target.app_context():
        assert db.session.execute(sa.select(Person).where(Person.legal_name == "Kept Officer")).scalar_one()
        assert audit.verify_chain() == []
        db.session.remove()
        db.engine.dispose()


def test_a_backup_never_overwrites_and_a_restore_needs_an_empty_database(app, tmp_path):
    path = tmp_path / "first.backup"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    again = runner.invoke(args=["backup", str(path)])
    assert again.exit_code != 0 and "exists already" in again.output
    refused = runner.invoke(args=["restore", str(path)])
    assert refused.exit_code != 0 and "The database is not empty" in refused.output


def test_a_restore_that_does_not_match_its_manifest_is_reported(app, tmp_path):
    path = tmp_path / "lms.backup"
    assert app.test_cli_runner().invoke(args=["backup", str(path)]).exit_code == 0
    manifest_path = tmp_path / "lms.backup.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"]["people"] += 1
    manifest_path.write_text(json.dumps(manifest))
    target = empty_database(app, tmp_path)
    result = target.test_cli_runner().invoke(args=["restore", str(path)])
    assert result.exit_code != 0 and "Row counts differ from the backup's manifest" in result.output
    with target.app_context():
        db.session.remove()
        db.engine.dispose()
