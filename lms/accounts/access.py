"""Deny-by-default access: every view declares who may use it, and one hook enforces it."""
from collections.abc import Callable

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

from lms.accounts.roles import Role

PUBLIC = "public"
SIGNED_IN = "signed_in"
# Pages a person who must change a temporary password may still open.
ALLOWED_WHILE_PASSWORD_CHANGE_DUE = {"accounts.change_password", "accounts.logout", "static"}


def public(view: Callable) -> Callable:
    """Mark a view as open to everyone, signed in or not."""
    view.access = PUBLIC
    return view


def signed_in(view: Callable) -> Callable:
    """Mark a view as open to any signed-in account."""
    view.access = SIGNED_IN
    return view


def roles(*allowed: Role) -> Callable[[Callable], Callable]:
    """Mark a view as open only to the given roles."""

    def mark(view: Callable) -> Callable:
        view.access = frozenset(allowed)
        return view

    return mark


def access_of(app: Flask, endpoint: str | None):
    """The access a view declared; None when it declared nothing (and is therefore closed)."""
    if endpoint == "static":
        return PUBLIC
    view = app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "access", None)


def init_app(app: Flask) -> None:
    @app.before_request
    def enforce_declared_access():
        if request.endpoint is None:
            return None  # 404 or 405 follows
        access = access_of(app, request.endpoint)
        if access == PUBLIC:
            return None
        if not current_user.is_authenticated:
            return app.login_manager.unauthorized()
        if current_user.must_change_password and request.endpoint not in ALLOWED_WHILE_PASSWORD_CHANGE_DUE:
            return redirect(url_for("accounts.change_password"))
        if access == SIGNED_IN:
            return None
        if isinstance(access, frozenset) and current_user.role_enum in access:
            return None
        abort(403)
