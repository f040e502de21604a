"""Signing in and out: password, second factor, enrolment at first sign-in."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from lms.accounts import authentication, mfa, pending, services
from lms.accounts.access import public, signed_in
from lms.accounts.authentication import Outcome
from lms.accounts.blueprint import bp
from lms.accounts.forms import EnrolForm, SecondFactorForm, SignInForm
from lms.accounts.navigation import safe_next
from lms.accounts.sessions import end_session, start_session
from lms.audit import services as audit
from lms.extensions import db

REFUSALS = {
    Outcome.INVALID: "The email address or password is not right.",
    Outcome.LOCKED: "This account is locked after too many failed sign-ins. Ask your regional coordinator or the state administrator to unlock it.",
    Outcome.DISABLED: "This account is disabled. Ask your regional coordinator or the state administrator.",
    Outcome.TEMPORARY_EXPIRED: "Your temporary password has expired. Ask your administrator for a new one.",
    Outcome.THROTTLED: "Too many failed sign-ins came from your connection. Wait 15 minutes and try again.",
}


def _finish_sign_in(account, next_path: str):
    authentication.signed_in(account)
    start_session(account)
    db.session.commit()
    if account.must_change_password:
        flash("Choose a new password before you go on.", "warning")
        return redirect(url_for("accounts.change_password"))
    return redirect(safe_next(next_path, url_for("home.dashboard")))


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.dashboard"))
    form = SignInForm()
    next_path = request.args.get("next", "")
    if form.validate_on_submit():
        result = authentication.check_password(form.email.data, form.password.data, request.remote_addr or "unknown")
        outcome = result.outcome
        if outcome in REFUSALS:
            db.session.commit()
            form.password.errors.append(REFUSALS[outcome])
            return render_template("accounts/login.html", form=form), 429 if outcome is Outcome.THROTTLED else 200
        if outcome is Outcome.SIGNED_IN:
            return _finish_sign_in(result.account, next_path)
        pending.begin(result.account, enrol=outcome is Outcome.ENROL_SECOND_FACTOR, next_path=next_path)
        db.session.commit()
        return redirect(url_for("accounts.enrol_at_sign_in" if outcome is Outcome.ENROL_SECOND_FACTOR else "accounts.second_factor"))
    return render_template("accounts/login.html", form=form)


@bp.route("/login/code", methods=["GET", "POST"])
@public
def second_factor():
    waiting = pending.current()
    if waiting is None or waiting[1].get("enrol"):
        flash("Please sign in again.", "info")
        return redirect(url_for("accounts.login"))
    account, data = waiting
    form = SecondFactorForm()
    if form.validate_on_submit():
        if authentication.check_second_factor(account, form.code.data, request.remote_addr or "unknown"):
            pending.clear()
            return _finish_sign_in(account, data.get("next", ""))
        db.session.commit()
        if account.locked_at is not None:
            pending.clear()
            form.code.errors.append(REFUSALS[Outcome.LOCKED])
        else:
            form.code.errors.append("That code is not right, or it was already used. Wait for a new code and try again.")
    return render_template("accounts/second_factor.html", form=form)


@bp.route("/login/set-up-code", methods=["GET", "POST"])
@public
def enrol_at_sign_in():
    waiting = pending.current()
    if waiting is None or not waiting[1].get("enrol"):
        flash("Please sign in again.", "info")
        return redirect(url_for("accounts.login"))
    account, data = waiting
    secret = pending.enrolment_secret()
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = services.confirm_mfa_enrolment(account, secret, form.code.data)
        except services.AccountError as error:
            form.code.errors.append(str(error))
        else:
            pending.clear()
            authentication.signed_in(account)
            start_session(account)
            db.session.commit()
            return render_template("accounts/recovery_codes.html", codes=codes,
                                   next_url=safe_next(data.get("next"), url_for("home.dashboard")))
    return _enrol_page(form, account, secret, at_sign_in=True)


def _enrol_page(form, account, secret, *, at_sign_in: bool):
    from flask import current_app

    uri = mfa.provisioning_uri(secret, account.email, current_app.config["MFA_ISSUER"])
    return render_template("accounts/enrol.html", form=form, qr=mfa.qr_svg(uri), secret=secret,
                           at_sign_in=at_sign_in)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    account = current_user._get_current_object()
    account.session_version += 1  # the cookie is dead on the server, even if replayed
    audit.record("logout", object_type="account", object_id=account.id)
    end_session()
    db.session.commit()
    flash("You have signed out.", "success")
    return redirect(url_for("accounts.login"))


from lms.accounts import settings_views  # noqa: E402,F401  (registers the settings pages on bp)
