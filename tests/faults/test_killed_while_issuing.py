"""A worker killed in the middle of issuing a class's certificates leaves no half-issued certificate and no
gap in the numbers; issuing again completes the class (on SQLite and on PostgreSQL)."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.audit.services import verify_chain
from lms.certificates.models import Certificate, CertificateSequence
from lms.extensions import db
from tests.certification import complete_record

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_killed_mid_issue_leaves_nothing_half_done(app, database_url, client, sign_in, make_academy,
                                                            make_account, tmp_path):
    coordinator = make_account(Role.COORDINATOR)
    class_id, _, lead, people = make_academy(people=3, coordinator=coordinator)
    clinician = make_account(Role.MHP)
    with app.app_context():
        academy = db.session.get(AcademyClass, class_id)
        for person_id in people:
            complete_record(person_id, academy, db.session.get(Account, lead.id), db.session.get(Account, clinician.id))
        db.session.commit()

    marker = tmp_path / "marker"
    worker = subprocess.Popen([sys.executable, "-m", "tests.faults.issue_slowly", database_url, str(class_id),
                               str(coordinator.id), str(marker)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert worker.poll() is None, f"the worker stopped early: {worker.stderr.read()}"
            assert time.monotonic() < deadline, "the worker never reached the second certificate"
            time.sleep(0.05)
        assert marker.read_text().startswith("rendering ")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.stderr.close()

    with app.app_context():
        db.session.remove()
        assert db.session.scalar(select(func.count(Certificate.id))) == 0  # the first one went with the rest
        assert db.session.scalar(select(func.count(CertificateSequence.key))) == 0
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "certificate.issued")) == 0

    sign_in(coordinator)
    response = client.post(f"/certificates/classes/{class_id}", follow_redirects=True)
    assert "3 certificates issued." in response.get_data(as_text=True)
    with app.app_context():
        issued = db.session.execute(select(Certificate).order_by(Certificate.number)).scalars().all()
        assert [c.number[-6:] for c in issued] == ["000001", "000002", "000003"]
        assert all(c.pdf and c.pdf_sha256 and c.credential for c in issued)
        assert db.session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "certificate.issued")) == 3
        assert verify_chain() == []
