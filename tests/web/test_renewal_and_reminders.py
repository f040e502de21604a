"""Continuing education, renewal and reminders: evidence checked by its content, approval by the coordinator,
renewal that keeps the certification date, and a daily job that sends each notice once over real SMTP."""
import io
import socket
import time
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from lms.accounts.roles import Role
from lms.certificates.models import Certificate, ContinuingEducation, Notice, Renewal
from lms.certificates.notices import run_daily
from lms.extensions import db
from lms.people.models import Person
from tests.certification import ready_academy

PDF = b"%PDF-1.4\n% a tiny evidence file\n"


@pytest.fixture
def holder(app, client, sign_in, make_academy, make_account):
    """(certificate id, coordinator client, officer client): an issued certification and both sides signed in."""
    class_id, coordinator, _ = ready_academy(app, make_academy, make_account)
    sign_in(coordinator)
    client.post(f"/certificates/classes/{class_id}")
    with app.app_context():
        certificate = db.session.execute(sa.select(Certificate)).scalar_one()
        person = db.session.get(Person, certificate.person_id)
    officer = app.test_client()
    sign_in(make_account(Role.OFFICER, person=person), via=officer)
    return certificate.id, client, officer


def log(officer, certificate_id, hours="4", data=PDF, name="ce.pdf", on=None):
    prefix = f"ce{certificate_id}-"
    return officer.post(f"/certificates/{certificate_id}/ce", content_type="multipart/form-data", data={
        prefix + "course_name": "Crisis response refresher", prefix + "provider": "Regional academy",
        prefix + "completed_on": (on or date.today()).isoformat(), prefix + "hours": hours,
        prefix + "evidence": (io.BytesIO(data), name)})


def test_evidence_is_checked_by_its_content_and_size(app, holder):
    certificate_id, _, officer = holder
    fake = log(officer, certificate_id, data=b"MZ\x90\x00 not a pdf", name="ce.pdf")
    assert fake.status_code == 400 and "not a PDF, PNG or JPEG" in fake.get_data(as_text=True)
    app.config["CE_EVIDENCE_MAX_BYTES"] = 1000
    big = log(officer, certificate_id, data=PDF + b"0" * 2000)
    assert big.status_code == 400 and "too large" in big.get_data(as_text=True)
    future = log(officer, certificate_id, on=date.today() + timedelta(days=3))
    assert future.status_code == 400 and "cannot be in the future" in future.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(ContinuingEducation.id))) == 0


def test_approved_hours_allow_a_renewal_that_keeps_the_certification_date(app, holder):
    certificate_id, coordinator, officer = holder
    assert log(officer, certificate_id, hours="2").status_code == 302
    assert log(officer, certificate_id, hours="2").status_code == 302
    page = coordinator.get(f"/certificates/{certificate_id}").get_data(as_text=True)
    assert "0.0 of 4.0 approved hours" in page
    with app.app_context():
        first, second = db.session.execute(sa.select(ContinuingEducation.id)).scalars().all()
    assert coordinator.get(f"/certificates/ce/{first}/evidence").data == PDF
    coordinator.post(f"/certificates/ce/{first}/approve")
    refused = coordinator.post(f"/certificates/{certificate_id}/renew", follow_redirects=True)
    assert "2 of the 4 hours" in refused.get_data(as_text=True)
    coordinator.post(f"/certificates/ce/{second}/approve")
    coordinator.post(f"/certificates/{certificate_id}/renew")
    with app.app_context():
        certificate = db.session.get(Certificate, certificate_id)
        renewal = db.session.execute(sa.select(Renewal)).scalar_one()
        assert certificate.valid_until == renewal.valid_until == renewal.previous_until.replace(
            year=renewal.previous_until.year + 2)
        assert certificate.certified_on == date.today() and certificate.expires_on == renewal.previous_until
        from lms.certificates import signing

        assert signing.verify(renewal.credential, signing.public_keys())["validUntil"] == str(renewal.valid_until)
        code = certificate.code
    page = app.test_client().get(f"/verify/{code}").get_data(as_text=True)
    assert "renewed with continuing education" in page and "The signature checks out" in page
    mine = officer.get("/certificates/mine").get_data(as_text=True)
    assert "approved" in mine


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, inbox
    controller.stop()


def test_reminders_go_out_once_over_smtp_and_a_lapse_is_recorded(app, holder, smtp_server, make_account):
    certificate_id, _, _ = holder
    port, inbox = smtp_server
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    with app.app_context():
        certificate = db.session.get(Certificate, certificate_id)
        trainer = make_account(Role.TRAINING_OFFICER, agency=certificate.person.current_employment.agency)
        holder_email = certificate.person.email
        today = certificate.valid_until - timedelta(days=59)
        first = run_daily(today)
        again = run_daily(today)
    assert (first.reminders, again.reminders) == (2, 0)
    deadline = time.monotonic() + 5
    while len(inbox.messages) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    recipients = sorted(to[0] for to, _ in inbox.messages)
    assert recipients == sorted([holder_email, trainer.email])
    assert all("60 days left" in content for _, content in inbox.messages)
    with app.app_context():
        lapsed = run_daily(db.session.get(Certificate, certificate_id).valid_until + timedelta(days=1))
        assert lapsed.lapsed == 1 and db.session.get(Certificate, certificate_id).status == "expired"
        assert run_daily(date.today() + timedelta(days=800)).lapsed == 0
        kinds = db.session.execute(sa.select(Notice.kind)).scalars().all()
        assert kinds.count("60-days") == 2 and kinds.count("lapsed") == 2


def test_without_a_mail_server_notices_wait_in_the_outbox(app, holder):
    certificate_id, coordinator, _ = holder
    with app.app_context():
        run_daily(db.session.get(Certificate, certificate_id).valid_until - timedelta(days=10))
    page = coordinator.get("/certificates/outbox").get_data(as_text=True)
    assert "30 days left" in page
