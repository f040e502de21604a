"""The half-way state between the password and the second factor, kept in the session."""
import time

from flask import current_app, session

from lms.accounts.models import Account
from lms.extensions import db


def begin(account: Account, *, enrol: bool, next_path: str) -> None:
    session.clear()
    session["pending"] = {
        "account": account.id, "since": time.time(), "sv": account.session_version,
        "enrol": enrol, "next": next_path,
    }


def current() -> tuple[Account, dict] | None:
    """The account waiting for its second factor, if the wait is recent and still valid."""
    data = session.get("pending")
    if not isinstance(data, dict):
        return None
    lifetime = current_app.config["MFA_PENDING_LIFETIME"].total_seconds()
    if time.time() - float(data.get("since", 0)) > lifetime:
        session.pop("pending", None)
        return None
    account = db.session.get(Account, data.get("account"))
    if account is None or account.session_version != data.get("sv") or not account.is_active:
        session.pop("pending", None)
        return None
    return account, data


def clear() -> None:
    session.pop("pending", None)
    session.pop("enrol_secret", None)


def enrolment_secret() -> str:
    """The TOTP seed being set up in this session: made once, kept until enrolment ends."""
    from lms.accounts.mfa import new_totp_secret

    if not session.get("enrol_secret"):
        session["enrol_secret"] = new_totp_secret()
    return session["enrol_secret"]
