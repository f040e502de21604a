"""Server-checked sessions: per-account session version, idle and absolute timeouts."""
import secrets
import time

from flask import Flask, flash, g, session
from flask_login import login_user, logout_user
from sqlalchemy import and_, bindparam, select

from lms.accounts import access
from lms.accounts.models import Account, OpenPosting
from lms.people.models import Employment
from lms.extensions import db, login_manager

SEEN_REFRESH_SECONDS = 60


def session_is_current(account: Account, data: dict, now: float, idle: float, absolute: float) -> bool:
    """Whether a session cookie still stands: same session version, not idle, not too old (pure)."""
    try:
        login_at, seen_at = float(data["login_at"]), float(data["seen_at"])
    except (KeyError, TypeError, ValueError):
        return False
    return (
        data.get("sv") == account.session_version
        and account.is_active
        and now - seen_at <= idle
        and now - login_at <= absolute
    )


# The account comes with its person (joined by the model) and the agency and rank of the open posting, in one
# query: the header's links need the posting (a supervisor endorses volunteers), and most pages read the person.
# Two columns, not the postings as objects: loading a third kind of object took a tenth of a signed-in page's
# time. Built once, the id bound per request: building a statement costs SQLAlchemy about as much as running it.
ACCOUNT_WITH_POSTING = (
    select(Account, Employment.agency_id, Employment.rank)
    .outerjoin(Employment, and_(Employment.person_id == Account.person_id, Employment.ended_on.is_(None)))
    .where(Account.id == bindparam("account_id")))


@login_manager.user_loader
def load_account(account_id: str) -> Account | None:
    try:
        row = db.session.execute(ACCOUNT_WITH_POSTING, {"account_id": int(account_id)}).one_or_none()
    except (TypeError, ValueError):
        row = None
    if row is None:
        return None
    account, agency_id, rank = row
    account.posting_read_with_account = OpenPosting(agency_id, rank) if agency_id is not None else None
    from flask import current_app

    now = time.time()
    if not session_is_current(
        account,
        session,
        now,
        current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds(),
        current_app.config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds(),
    ):
        session.clear()
        g.session_ended = True
        return None
    if now - float(session["seen_at"]) > SEEN_REFRESH_SECONDS:
        session["seen_at"] = now
    return account


def start_session(account: Account) -> None:
    """Begin a fresh session for an account that has passed every factor."""
    session.clear()
    now = time.time()
    session["sv"] = account.session_version
    session["login_at"] = now
    session["seen_at"] = now
    session["sid"] = secrets.token_urlsafe(16)
    session.permanent = True
    login_user(account)


def end_session() -> None:
    logout_user()
    session.clear()


def init_app(app: Flask) -> None:
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Please sign in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = None  # the session version and timeouts do this job

    @app.before_request
    def explain_ended_session():
        from flask_login import current_user

        if not current_user.is_authenticated and g.get("session_ended"):
            flash("Your session has ended. Please sign in again.", "info")

    @login_manager.unauthorized_handler
    def ask_to_sign_in():
        from flask import redirect, request, url_for

        if not g.get("session_ended"):  # one message is enough
            flash(login_manager.login_message, login_manager.login_message_category)
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))

    access.init_app(app)
