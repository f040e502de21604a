"""Themed error pages; failed authorisation is audited; nothing internal reaches the user."""
from flask import Flask, current_app, has_request_context, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from lms.extensions import db

MESSAGES = {
    400: ("Something in that request was not right", "The request could not be understood. Go back and try again."),
    403: ("You do not have access to this page", "Your account's role does not include this page. If you think it should, ask your coordinator."),
    404: ("Page not found", "There is no page at this address. Check the address, or start again from the home page."),
    405: ("That action is not allowed here", "This page does not accept that kind of request."),
    409: ("Someone else changed this first", "The record changed while you were working. Reload the page and try again."),
    413: ("That upload is too large", "The request was larger than this site accepts. Send a smaller file or less text."),
    429: ("Too many attempts", "Too many attempts came from your connection. Wait a few minutes and try again."),
    500: ("Something went wrong on our side", "The error has been logged. Nothing you saved before this page was lost. Try again in a moment."),
}


JSON_PATHS = ("/api/v1/",)  # machines read these: errors come back as JSON there


def render_error(code: int, description: str | None = None):
    title, text = MESSAGES.get(code, (f"Error {code}", "The request could not be completed."))
    if has_request_context() and request.path.startswith(JSON_PATHS):
        return jsonify(error=title, detail=description or text, status=code), code
    return render_template("errors/error.html", code=code, title=title, text=description or text), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, "Your form expired or was sent from somewhere else. Reload the page and try again.")

    @app.errorhandler(IntegrityError)
    @app.errorhandler(StaleDataError)
    def conflict(error):
        # A unique rule or a version check caught two people saving at once: nothing was half-saved.
        db.session.rollback()
        app.logger.warning("Conflicting write on %s %s: %s", request.method, request.path, type(error).__name__)
        return render_error(409)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_unreachable(error):
        """The database is down, restarting or locked: a clean 503, and the next request tries again (stale
        connections are replaced: lms.pool_ping)."""
        try:
            db.session.rollback()
        except Exception:  # noqa: BLE001 - the connection is gone; the session is dropped below
            pass
        db.session.remove()
        app.logger.warning("Database unreachable on %s %s: %s", request.method, request.path, type(error).__name__)
        return database_unavailable()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code == 403:
            _audit_forbidden()
        if error.code is None or error.code < 400:
            return error
        return render_error(error.code)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error on %s %s", request.method, request.path)
        if app.config.get("PROPAGATE_EXCEPTIONS"):
            raise error
        return render_error(500)


def _audit_forbidden() -> None:
    from lms.audit import services as audit

    db.session.rollback()
    audit.record("access.forbidden", object_type="endpoint", object_id=request.path[:64], outcome="failure")
    db.session.commit()


def database_unavailable():
    """The 503 page, rendered without the context processors: they would ask the database who is signed in."""
    headers = {"Retry-After": "30", "Cache-Control": "no-store"}
    if request.path.startswith(JSON_PATHS):
        return jsonify(error="The service is briefly unavailable", status=503), 503, headers
    from lms.web.assets import USWDS

    page = current_app.jinja_env.get_template("errors/unavailable.html").render(
        program_name=current_app.config["PROGRAM_NAME"], uswds=USWDS)
    return page, 503, headers
