"""One's own account: profile, password, two-step sign-in."""
from flask import current_app, flash, redirect, render_template, session, url_for
from flask_login import current_user

from lms.accounts import mfa, pending, services
from lms.accounts.access import signed_in
from lms.accounts.blueprint import bp
from lms.accounts.forms import ChangePasswordForm, DisableMfaForm, EnrolForm
from lms.accounts.sessions import start_session
from lms.extensions import db
from lms.web.refusals import show_refusal


@bp.route("/account")
@signed_in
def profile():
    return render_template("accounts/profile.html", account=current_user, person=current_user.person)


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    form = ChangePasswordForm()
    account = current_user._get_current_object()
    if form.validate_on_submit():
        try:
            services.change_password(account, form.current_password.data, form.new_password.data)
        except services.AccountError as error:
            db.session.commit()  # keep the audit record of a refused attempt
            show_refusal(form, error)
        else:
            start_session(account)  # this session goes on; every other one has ended
            db.session.commit()
            flash("Your password is changed. Any other sessions of yours have been signed out.", "success")
            return redirect(url_for("accounts.profile"))
    min_length = services.min_password_length(account.role_enum)
    return render_template("accounts/change_password.html", form=form, min_length=min_length,
                           max_length=current_app.config["PASSWORD_MAX_LENGTH"])


@bp.route("/account/two-step", methods=["GET", "POST"])
@signed_in
def mfa_setup():
    account = current_user._get_current_object()
    if account.mfa_enabled:
        return render_template("accounts/mfa_status.html", form=DisableMfaForm(), account=account)
    secret = pending.enrolment_secret()
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            codes = services.confirm_mfa_enrolment(account, secret, form.code.data)
        except services.AccountError as error:
            show_refusal(form, error)
        else:
            session.pop("enrol_secret", None)
            start_session(account)
            db.session.commit()
            return render_template("accounts/recovery_codes.html", codes=codes, next_url=url_for("accounts.profile"))
    uri = mfa.provisioning_uri(secret, account.email, current_app.config["MFA_ISSUER"])
    return render_template("accounts/enrol.html", form=form, qr=mfa.qr_svg(uri), secret=secret, at_sign_in=False)


@bp.route("/account/two-step/disable", methods=["POST"])
@signed_in
def mfa_disable():
    account = current_user._get_current_object()
    if not account.mfa_enabled:
        flash("Two-step sign-in is already off.", "info")
        return redirect(url_for("accounts.mfa_setup"))
    form = DisableMfaForm()
    if form.validate_on_submit():
        from lms.accounts.authentication import mfa_required_for

        if mfa_required_for(account):
            flash("Your role requires two-step sign-in, so it cannot be turned off.", "error")
            return redirect(url_for("accounts.mfa_setup"))
        try:
            services.disable_mfa(account, form.current_password.data)
        except services.AccountError as error:
            show_refusal(form, error)
        else:
            start_session(account)
            db.session.commit()
            flash("Two-step sign-in is off.", "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/mfa_status.html", form=form, account=account), 400
