"""Reminders before a certificate expires (90, 60 and 30 days) and a notice when it lapses, to the officer and
their agency's training officers; the daily job sends each one once and records lapses."""
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.audit import services as audit
from lms.certificates.models import Certificate, CertificateEvent, Notice
from lms.extensions import db
from lms.people.models import Person


@dataclass(frozen=True)
class DailyReport:
    reminders: int
    lapsed: int


def _due_kind(certificate: Certificate, today: date) -> str | None:
    """The notice due today: "lapsed" once past the end of validity, else the nearest reminder threshold."""
    left = (certificate.valid_until - today).days
    if left < 0:
        return "lapsed"
    due = [days for days in current_app.config["REMINDER_DAYS"] if left <= days]
    return f"{min(due)}-days" if due else None


def _recipients(person: Person, trainers_of: dict[int, list[str]]) -> list[str]:
    """The holder and their agency's training officers; `trainers_of` keeps each agency's for the run."""
    job = person.current_employment
    if job is None:
        return [person.email]
    if job.agency_id not in trainers_of:
        trainers_of[job.agency_id] = list(db.session.execute(
            select(Person.email).join(Account, Account.person_id == Person.id).where(
                Account.agency_id == job.agency_id, Account.role == Role.TRAINING_OFFICER.value,
                Account.disabled_at.is_(None))).scalars())
    return [person.email] + [email for email in trainers_of[job.agency_id] if email != person.email]


def _message(certificate: Certificate, kind: str) -> tuple[str, str]:
    verify = f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/verify/{certificate.code}"
    if kind == "lapsed":
        return (f"Lapsed: {certificate.course_title} ({certificate.number})",
                f"The certificate {certificate.number} held by {certificate.holder_name} lapsed on "
                f"{certificate.valid_until}. It can be renewed once approved continuing education reaches the "
                f"requirement; the regional coordinator renews it.\n\nCheck it: {verify}\n")
    days = kind.split("-")[0]
    return (f"{days} days left: {certificate.course_title} ({certificate.number})",
            f"The certificate {certificate.number} held by {certificate.holder_name} expires on "
            f"{certificate.valid_until}. Log continuing education under My certificates so the coordinator can "
            f"approve it and renew the certificate in time.\n\nCheck it: {verify}\n")


def _send(recipient: str, subject: str, body: str) -> str:
    server = current_app.config.get("MAIL_SERVER")
    if not server:
        return "outbox"
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = current_app.config["MAIL_SENDER"], recipient, subject
    message.set_content(body)
    with smtplib.SMTP(server, current_app.config["MAIL_PORT"], timeout=10) as smtp:
        smtp.send_message(message)
    return "smtp"


def run_daily(today: date) -> DailyReport:
    """Send what is due and mark lapsed certificates expired. Safe to run any number of times a day: a notice
    already recorded for this certificate, kind, recipient and period is never sent again."""
    sent = lapsed = 0
    trainers_of: dict[int, list[str]] = {}
    # Only what is within the longest reminder's reach (or past it): not every certificate of the state.
    reach = today + timedelta(days=max(current_app.config["REMINDER_DAYS"], default=0))
    certificates = db.session.execute(
        select(Certificate).options(joinedload(Certificate.person).selectinload(Person.employments))
        .where(Certificate.status.in_(("active", "expired")), Certificate.valid_until.is_not(None),
               Certificate.valid_until <= reach)).unique().scalars().all()
    for certificate in certificates:
        kind = _due_kind(certificate, today)
        if kind is None:
            continue
        if kind == "lapsed" and certificate.status == "active":
            certificate.status, certificate.status_changed_on = "expired", today
            db.session.add(CertificateEvent(certificate_id=certificate.id, action="expired", from_status="active",
                                            to_status="expired", note="Lapsed at the end of its validity."))
            audit.record("certificate.expired", object_type="certificate", object_id=certificate.id,
                         actor_label="system")
            lapsed += 1
        subject, body = _message(certificate, kind)
        for recipient in _recipients(certificate.person, trainers_of):
            notice = Notice(certificate_id=certificate.id, kind=kind, period_end=certificate.valid_until,
                            recipient=recipient, subject=subject, body=body, channel="pending")
            try:
                with db.session.begin_nested():
                    db.session.add(notice)
            except IntegrityError:
                continue  # already sent
            notice.channel = _send(recipient, subject, body)
            db.session.commit()  # recorded as sent once it has gone
            sent += 1
    db.session.commit()
    return DailyReport(sent, lapsed)


def outbox() -> list[Notice]:
    return list(db.session.execute(select(Notice).where(Notice.channel == "outbox")
                                   .order_by(Notice.created_at.desc())).scalars())
