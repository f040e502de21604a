"""Account lifecycle: create, change role, disable, unlock, reset and change passwords, MFA."""
import secrets
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from lms.accounts import mfa, passwords
from lms.accounts.authentication import totp_key
from lms.accounts.lockout import CLEARED
from lms.accounts.models import Account, RecoveryCode
from lms.accounts.roles import Role
from lms.audit import services as audit
from lms.database import utcnow
from lms.extensions import db
from lms.people.models import Person
from lms.rules import RuleRefused


class AccountError(RuleRefused):
    """A request the account rules refuse."""


def min_password_length(role: Role) -> int:
    config = current_app.config
    return config["PASSWORD_MIN_LENGTH_STAFF"] if role.is_staff else config["PASSWORD_MIN_LENGTH_LEARNER"]


def password_problems_for(person: Person, role: Role, password: str, agency_name: str | None = None) -> list[str]:
    job = person.current_employment
    words = passwords.context_words_for(
        person.legal_name, person.email, agency_name or (job.agency.name if job else None),
        current_app.config["PROGRAM_NAME"],
    )
    return passwords.password_problems(
        password,
        min_length=min_password_length(role),
        max_length=current_app.config["PASSWORD_MAX_LENGTH"],
        context_words=words,
    )


# No characters that are easy to confuse when read aloud or copied by hand (0/O, 1/l/I).
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password() -> str:
    """A random one-time password (20 characters, about 99 bits) that must be changed at first sign-in."""
    chars = [secrets.choice(TEMPORARY_ALPHABET) for _ in range(20)]
    return "-".join("".join(chars[i:i + 4]) for i in range(0, 20, 4))


def _check_scope(role: Role, region_id: int | None, agency_id: int | None) -> tuple[int | None, int | None]:
    if role is Role.COORDINATOR and region_id is None:
        raise AccountError("A regional coordinator needs a region.", "region_id")
    if role is Role.TRAINING_OFFICER and agency_id is None:
        raise AccountError("An agency training officer needs an agency.", "agency_id")
    return (region_id if role is Role.COORDINATOR else None,
            agency_id if role is Role.TRAINING_OFFICER else None)


@dataclass
class NewAccount:
    account: Account
    temporary_password: str


def create_account(person: Person, role: Role, *, region_id: int | None = None, agency_id: int | None = None,
                   password: str | None = None) -> NewAccount:
    """Give a person an account; without a password, a temporary one to change at first sign-in."""
    if db.session.execute(select(Account.id).where(Account.person_id == person.id)).first():
        raise AccountError("This person already has an account.")
    region_id, agency_id = _check_scope(role, region_id, agency_id)
    temporary = password is None
    secret = temporary_password() if temporary else password
    if not temporary:
        problems = password_problems_for(person, role, secret)
        if problems:
            raise AccountError(problems[0], "password")
    account = Account(
        person=person, role=role.value, region_id=region_id, agency_id=agency_id,
        password_hash=passwords.hash_password(secret), must_change_password=temporary,
        temporary_password_expires_at=(utcnow() + current_app.config["TEMPORARY_PASSWORD_LIFETIME"]) if temporary else None,
        failed_login_count=0, session_version=1,
    )
    db.session.add(account)
    db.session.flush()
    audit.record("account.created", object_type="account", object_id=account.id,
                 details={"role": role.value, "person_id": person.id})
    return NewAccount(account, secret)


def change_role(account: Account, role: Role, *, region_id: int | None, agency_id: int | None) -> None:
    region_id, agency_id = _check_scope(role, region_id, agency_id)
    before = account.role
    account.role, account.region_id, account.agency_id = role.value, region_id, agency_id
    account.session_version += 1  # new privileges take effect at the next sign-in
    audit.record("account.role_changed", object_type="account", object_id=account.id,
                 details={"from": before, "to": role.value, "region_id": region_id, "agency_id": agency_id})


def disable_account(account: Account, *, actor: Account) -> None:
    if account.id == actor.id:
        raise AccountError("You cannot disable your own account.")
    account.disabled_at = utcnow()
    account.session_version += 1
    audit.record("account.disabled", object_type="account", object_id=account.id)


def enable_account(account: Account) -> None:
    account.disabled_at = None
    audit.record("account.enabled", object_type="account", object_id=account.id)


def unlock_account(account: Account) -> None:
    account.failed_login_count, account.first_failed_login_at, account.locked_at = (
        CLEARED.count, CLEARED.first_failed_at, CLEARED.locked_at)
    audit.record("account.unlocked", object_type="account", object_id=account.id)


def end_sessions(account: Account) -> None:
    account.session_version += 1
    audit.record("account.sessions_ended", object_type="account", object_id=account.id)


def reset_password(account: Account) -> str:
    """Issue a one-time temporary password; the person must choose a new one at sign-in."""
    secret = temporary_password()
    account.password_hash = passwords.hash_password(secret)
    account.must_change_password = True
    account.temporary_password_expires_at = utcnow() + current_app.config["TEMPORARY_PASSWORD_LIFETIME"]
    account.session_version += 1
    # The administrator has dealt with the person: a reset also releases a lock.
    account.failed_login_count, account.first_failed_login_at, account.locked_at = 0, None, None
    audit.record("account.password_reset", object_type="account", object_id=account.id)
    return secret


def change_password(account: Account, current: str, new: str) -> None:
    """Change one's own password: the current one is required; other sessions end."""
    if not passwords.verify_password(account.password_hash, current):
        audit.record("account.password_change_refused", object_type="account", object_id=account.id,
                     outcome="failure")
        raise AccountError("That is not your current password.", "current_password")
    if current == new:
        raise AccountError("Choose a password different from the current one.", "new_password")
    problems = password_problems_for(account.person, account.role_enum, new)
    if problems:
        raise AccountError(problems[0], "new_password")
    account.password_hash = passwords.hash_password(new)
    account.must_change_password = False
    account.temporary_password_expires_at = None
    account.password_changed_at = utcnow()
    account.session_version += 1
    audit.record("account.password_changed", object_type="account", object_id=account.id)


def confirm_mfa_enrolment(account: Account, secret: str, code: str) -> list[str]:
    """Turn MFA on once the person proves their app shows the right code; return recovery codes."""
    step = mfa.matching_step(secret, code, utcnow())
    if step is None:
        raise AccountError("That code does not match. Check the time on your phone and try the newest code.", "code")
    account.totp_secret = mfa.encrypt_secret(secret, totp_key())
    account.totp_enabled_at = utcnow()
    account.totp_last_step = step
    codes = replace_recovery_codes(account)
    audit.record("mfa.enabled", object_type="account", object_id=account.id, actor=account)
    return codes


def replace_recovery_codes(account: Account) -> list[str]:
    for old in account.recovery_codes:
        db.session.delete(old)
    codes = mfa.new_recovery_codes()
    for code in codes:
        db.session.add(RecoveryCode(account=account, code_hash=mfa.recovery_code_hash(code)))
    db.session.flush()
    return codes


def disable_mfa(account: Account, current_password: str) -> None:
    if not passwords.verify_password(account.password_hash, current_password):
        raise AccountError("That is not your current password.", "current_password")
    account.totp_secret = None
    account.totp_enabled_at = None
    account.totp_last_step = None
    for old in account.recovery_codes:
        db.session.delete(old)
    account.session_version += 1
    audit.record("mfa.disabled", object_type="account", object_id=account.id)


def disable_inactive_accounts(days: int) -> int:
    """Disable accounts with no sign-in for `days` days (never-used ones count from creation)."""
    from datetime import timedelta

    from sqlalchemy import and_, or_

    cutoff = utcnow() - timedelta(days=days)
    stale = db.session.execute(
        select(Account).where(
            Account.disabled_at.is_(None),
            or_(Account.last_login_at < cutoff, and_(Account.last_login_at.is_(None), Account.created_at < cutoff)),
        )
    ).scalars().all()
    for account in stale:
        account.disabled_at = utcnow()
        account.session_version += 1
        audit.record("account.disabled_inactive", object_type="account", object_id=account.id,
                     actor_label="system", details={"days": days})
    return len(stale)


ACCOUNT_ACTIONS = ("unlock", "reset_password", "end_sessions", "disable", "enable", "change_role")
# Coordinators help the people of their region; the accounts that oversee the program are out of their reach.
COORDINATOR_ACTIONS = frozenset({"unlock", "reset_password", "end_sessions"})
BEYOND_COORDINATOR = frozenset({Role.ADMIN, Role.COORDINATOR})


def permitted_actions(actor: Account, account: Account) -> frozenset[str]:
    """The administrative actions `actor` may take on `account` (scope is checked by the caller's query)."""
    role = actor.role_enum
    if role is Role.ADMIN:
        return frozenset(ACCOUNT_ACTIONS)
    if role is Role.COORDINATOR and account.role_enum not in BEYOND_COORDINATOR:
        return COORDINATOR_ACTIONS
    return frozenset()


def account_for_person(person_id: int) -> Account | None:
    """The person's account, if they have one."""
    return db.session.execute(select(Account).where(Account.person_id == person_id)).scalar_one_or_none()
