"""Administration of accounts: roles, disabling, unlocking, password resets, sessions."""
from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from lms.accounts import services
from lms.accounts.access import roles
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.accounts.sessions import start_session
from lms.admin import queries
from lms.admin.forms import AccountFilterForm, RoleForm
from lms.extensions import db
from lms.people.models import Person
from lms.web.refusals import show_refusal

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 25


def _managed_account(account_id: int, action: str | None = None) -> Account:
    """An account the viewer may manage (else 404) and, if named, an action they may take on it (else 403)."""
    account = queries.find_visible_account(current_user, account_id)
    if account is None:
        abort(404)
    if action is not None and action not in services.permitted_actions(current_user, account):
        abort(403)
    return account


def _back_to(account_id: int):
    return redirect(url_for("admin.account_detail", account_id=account_id))


def _has_errors(form) -> bool:
    return any(f.errors for f in form) or bool(form.form_errors)


def _one_time_password_page(account: Account, password: str, *, new: bool):
    response = make_response(render_template("admin/temporary_password.html", account=account,
                                             password=password, new=new))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/accounts")
@roles(Role.ADMIN, Role.COORDINATOR)
def accounts():
    form = AccountFilterForm(formdata=request.args)
    if not form.validate():
        return render_template("admin/accounts.html", form=form, page=None, filters={}), 400
    query = queries.account_list(current_user, role=form.role.data, state=form.state.data, search=form.q.data)
    page = db.paginate(query, per_page=PER_PAGE, max_per_page=PER_PAGE)
    filters = {name: form[name].data for name in ("q", "role", "state") if form[name].data}
    return render_template("admin/accounts.html", form=form, page=page, filters=filters,
                           state_of=queries.account_state, state_labels=queries.STATE_LABELS,
                           state_tones=queries.STATE_TONES)


@bp.route("/accounts/<int:account_id>")
@roles(Role.ADMIN, Role.COORDINATOR)
def account_detail(account_id: int):
    account = _managed_account(account_id)
    state = queries.account_state(account)
    return render_template("admin/account_detail.html", account=account, state=state,
                           state_label=queries.STATE_LABELS[state], state_tone=queries.STATE_TONES[state],
                           permitted=services.permitted_actions(current_user, account))


@bp.route("/accounts/<int:account_id>/unlock", methods=["POST"])
@roles(Role.ADMIN, Role.COORDINATOR)
def unlock(account_id: int):
    account = _managed_account(account_id, "unlock")
    name = account.display_name
    services.unlock_account(account)
    db.session.commit()
    flash(f"{name}'s account is unlocked. They can sign in again.", "success")
    return _back_to(account_id)


@bp.route("/accounts/<int:account_id>/reset-password", methods=["POST"])
@roles(Role.ADMIN, Role.COORDINATOR)
def reset_password(account_id: int):
    account = _managed_account(account_id, "reset_password")
    password = services.reset_password(account)
    db.session.commit()
    return _one_time_password_page(account, password, new=False)


@bp.route("/accounts/<int:account_id>/end-sessions", methods=["POST"])
@roles(Role.ADMIN, Role.COORDINATOR)
def end_sessions(account_id: int):
    account = _managed_account(account_id, "end_sessions")
    name = account.display_name
    services.end_sessions(account)
    if account.id == current_user.id:
        start_session(account)  # ending one's own other sessions keeps this one
    db.session.commit()
    flash(f"Every session of {name} has ended. They must sign in again.", "success")
    return _back_to(account_id)


@bp.route("/accounts/<int:account_id>/disable", methods=["POST"])
@roles(Role.ADMIN)
def disable(account_id: int):
    account = _managed_account(account_id, "disable")
    name = account.display_name
    try:
        services.disable_account(account, actor=current_user._get_current_object())
    except services.AccountError as error:
        flash(str(error), "error")
        return _back_to(account_id)
    db.session.commit()
    flash(f"{name}'s account is disabled and their sessions have ended.", "success")
    return _back_to(account_id)


@bp.route("/accounts/<int:account_id>/enable", methods=["POST"])
@roles(Role.ADMIN)
def enable(account_id: int):
    account = _managed_account(account_id, "enable")
    name = account.display_name
    services.enable_account(account)
    db.session.commit()
    flash(f"{name}'s account is enabled. They can sign in again.", "success")
    return _back_to(account_id)


@bp.route("/accounts/<int:account_id>/role", methods=["GET", "POST"])
@roles(Role.ADMIN)
def change_role(account_id: int):
    account = _managed_account(account_id, "change_role")
    form = RoleForm(obj=account)
    form.set_scope_choices(*queries.scope_choices())
    if form.validate_on_submit():
        try:
            services.change_role(account, Role(form.role.data), region_id=form.region_id.data,
                                 agency_id=form.agency_id.data)
        except services.AccountError as error:
            show_refusal(form, error)
        else:
            name, label = account.display_name, account.role_enum.label
            db.session.commit()
            flash(f"{name} is now: {label}. The new role applies from their next sign-in.", "success")
            return _back_to(account_id)
    return render_template("admin/change_role.html", form=form, account=account), 400 if _has_errors(form) else 200


@bp.route("/people/<int:person_id>/account", methods=["GET", "POST"])
@roles(Role.ADMIN)
def create_account(person_id: int):
    person = db.get_or_404(Person, person_id)
    existing = queries.account_of_person(person.id)
    if existing is not None:
        flash(f"{person.legal_name} already has an account.", "info")
        return _back_to(existing)
    form = RoleForm()
    form.set_scope_choices(*queries.scope_choices())
    if form.validate_on_submit():
        try:
            created = services.create_account(person, Role(form.role.data), region_id=form.region_id.data,
                                              agency_id=form.agency_id.data)
        except services.AccountError as error:
            show_refusal(form, error)
        else:
            db.session.commit()
            return _one_time_password_page(created.account, created.temporary_password, new=True)
    return render_template("admin/create_account.html", form=form, person=person), 400 if _has_errors(form) else 200
