"""Sign-in: password, lockout, client throttle and second factor."""
from dataclasses import dataclass
from enum import Enum

from flask import current_app
from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError

from lms.accounts import mfa, passwords
from lms.accounts.lockout import CLEARED, FailureState, LockoutPolicy, after_failure, is_locked
from lms.accounts.models import Account, ClientThrottle, RecoveryCode
from lms.audit import services as audit
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person


class Outcome(Enum):
    SIGNED_IN = "signed_in"
    SECOND_FACTOR = "second_factor"
    ENROL_SECOND_FACTOR = "enrol_second_factor"
    INVALID = "invalid"
    LOCKED = "locked"
    DISABLED = "disabled"
    TEMPORARY_EXPIRED = "temporary_expired"
    THROTTLED = "throttled"


@dataclass
class SignInResult:
    outcome: Outcome
    account: Account | None = None


def lockout_policy() -> LockoutPolicy:
    config = current_app.config
    return LockoutPolicy(
        threshold=config["LOCKOUT_THRESHOLD"],
        window=config["LOCKOUT_WINDOW"],
        mode=config["LOCKOUT_MODE"],
        duration=config["LOCKOUT_DURATION"],
    )


def find_account_by_email(email: str) -> Account | None:
    return db.session.execute(
        select(Account).join(Account.person).where(func.lower(Person.email) == email.strip().lower())
    ).scalar_one_or_none()


def mfa_required_for(account: Account) -> bool:
    config = current_app.config
    if config.get("DEMO_MODE"):
        return False
    roles = config["MFA_REQUIRED_ROLES"]
    return "all" in roles or account.role in roles


def _state(account: Account) -> FailureState:
    return FailureState(account.failed_login_count, account.first_failed_login_at, account.locked_at)


def _apply(account: Account, state: FailureState) -> None:
    account.failed_login_count = state.count
    account.first_failed_login_at = state.first_failed_at
    account.locked_at = state.locked_at


def client_throttled(client_address: str) -> bool:
    row = db.session.execute(
        select(ClientThrottle).where(ClientThrottle.client_address == client_address)
    ).scalar_one_or_none()
    if row is None:
        return False
    window = current_app.config["CLIENT_FAILURE_WINDOW"]
    return utcnow() - row.window_started_at <= window and row.failures >= current_app.config["CLIENT_FAILURE_LIMIT"]


def _count_client_failure(client_address: str) -> None:
    """One UPDATE that adds the failure, or starts a new window when the last one has passed: failures that
    arrive at the same moment on several servers are all counted. The first failure of an address inserts its
    row; if another server inserted it a moment before, the UPDATE runs again."""
    now = utcnow()
    window_start = now - current_app.config["CLIENT_FAILURE_WINDOW"]
    expired = ClientThrottle.window_started_at < window_start

    def add() -> int:
        return db.session.execute(
            update(ClientThrottle).where(ClientThrottle.client_address == client_address)
            .values(failures=case((expired, 1), else_=ClientThrottle.failures + 1),
                    window_started_at=case((expired, now), else_=ClientThrottle.window_started_at))
            .execution_options(synchronize_session=False)).rowcount

    if add():
        return
    try:
        with db.session.begin_nested():
            db.session.add(ClientThrottle(client_address=client_address, window_started_at=now, failures=1))
    except IntegrityError:
        add()


def record_failure(account: Account | None, client_address: str, *, label: str, reason: str) -> None:
    """Count a failed factor against the account and the client; lock at the threshold. The account's row is
    locked (a write that changes nothing) and read again first, so that failures arriving together on several
    servers each count, and the lock comes at the threshold however they interleave."""
    if account is not None:
        db.session.execute(update(Account).where(Account.id == account.id)
                           .values(failed_login_count=Account.failed_login_count)
                           .execution_options(synchronize_session=False))
        db.session.refresh(account)
    _count_client_failure(client_address)
    audit.record("login.failed", object_type="account", object_id=account.id if account else "-",
                 outcome="failure", actor=account, actor_label=label, details={"reason": reason})
    if account is None:
        return
    was_locked = account.locked_at is not None
    _apply(account, after_failure(_state(account), utcnow(), lockout_policy()))
    if account.locked_at is not None and not was_locked:
        audit.record("account.locked", object_type="account", object_id=account.id, actor=account,
                     details={"failures": account.failed_login_count})


def check_password(email: str, password: str, client_address: str) -> SignInResult:
    """First factor. Counts failures in the database so every worker process sees them."""
    if client_throttled(client_address):
        audit.record("login.throttled", object_type="client", object_id=client_address,
                     outcome="failure", actor_label=email)
        return SignInResult(Outcome.THROTTLED)
    account = find_account_by_email(email)
    correct = passwords.verify_password(account.password_hash if account else None, password)
    if account is not None and is_locked(_state(account), utcnow(), lockout_policy()):
        audit.record("login.refused_locked", object_type="account", object_id=account.id,
                     outcome="failure", actor=account)
        return SignInResult(Outcome.LOCKED, account)
    if not correct:
        record_failure(account, client_address, label=email, reason="password")
        locked = account is not None and account.locked_at is not None
        return SignInResult(Outcome.LOCKED if locked else Outcome.INVALID, account)
    if not account.is_active:
        audit.record("login.refused_disabled", object_type="account", object_id=account.id,
                     outcome="failure", actor=account)
        return SignInResult(Outcome.DISABLED, account)
    if account.locked_at is not None:  # a timed lock that has run out
        _apply(account, CLEARED)
    if account.must_change_password and account.temporary_password_expires_at and \
            account.temporary_password_expires_at < utcnow():
        audit.record("login.refused_temporary_expired", object_type="account", object_id=account.id,
                     outcome="failure", actor=account)
        return SignInResult(Outcome.TEMPORARY_EXPIRED, account)
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    if account.mfa_enabled:
        return SignInResult(Outcome.SECOND_FACTOR, account)
    if mfa_required_for(account):
        return SignInResult(Outcome.ENROL_SECOND_FACTOR, account)
    return SignInResult(Outcome.SIGNED_IN, account)


def check_second_factor(account: Account, code: str, client_address: str) -> bool:
    """Accept a fresh TOTP code (never the same step twice) or an unused recovery code."""
    if is_locked(_state(account), utcnow(), lockout_policy()):
        return False
    secret = mfa.decrypt_secret(account.totp_secret, totp_key()) if account.totp_secret else None
    step = mfa.matching_step(secret, code, utcnow()) if secret else None
    if step is not None and (account.totp_last_step is None or step > account.totp_last_step):
        account.totp_last_step = step
        return True
    recovery = db.session.execute(
        select(RecoveryCode).where(
            RecoveryCode.account_id == account.id,
            RecoveryCode.code_hash == mfa.recovery_code_hash(code),
            RecoveryCode.used_at.is_(None),
        )
    ).scalar_one_or_none()
    if recovery is not None:
        recovery.used_at = utcnow()
        audit.record("mfa.recovery_code_used", object_type="account", object_id=account.id, actor=account)
        return True
    record_failure(account, client_address, label=account.email, reason="second factor")
    return False


def signed_in(account: Account) -> None:
    """Clear the failure count and note the sign-in."""
    _apply(account, CLEARED)
    account.last_login_at = utcnow()
    audit.record("login.succeeded", object_type="account", object_id=account.id, actor=account)


def totp_key() -> str:
    return current_app.config.get("TOTP_ENCRYPTION_KEY") or current_app.config["SECRET_KEY"]
