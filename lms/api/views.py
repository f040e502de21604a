"""The read-only JSON API for agency systems (/api/v1, bearer tokens), its OpenAPI document, and the training
officer's pages to create and revoke the agency's tokens."""
import json
from datetime import date
from functools import cache
from pathlib import Path

from flask import (
    Blueprint,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from lms.accounts.access import public, roles
from lms.accounts.roles import Role
from lms.agencies.models import Agency
from lms.api import documents, services
from lms.api.forms import TokenForm
from lms.extensions import db
from lms.web.errors import render_error
from lms.web.refusals import attempt

bp = Blueprint("api", __name__, url_prefix="/api")
OPENAPI = Path(__file__).with_name("openapi.json")


@bp.route("/tokens", methods=["GET", "POST"])
@roles(Role.TRAINING_OFFICER)
def tokens():
    agency = db.get_or_404(Agency, current_user.agency_id)
    form = TokenForm()
    made = form.validate_on_submit() and attempt(form, lambda: services.create_token(
        agency, form.name.data, current_user._get_current_object()))
    if made:
        token, plaintext = made.value
        response = make_response(render_template("api/created.html", token=token, plaintext=plaintext))
        response.headers["Cache-Control"] = "no-store"  # the token must not stay in any cache
        return response
    return render_template("api/tokens.html", agency=agency, form=form, tokens=services.tokens_of(agency.id),
                           ), 400 if form.is_submitted() else 200


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@roles(Role.TRAINING_OFFICER)
def revoke(token_id: int):
    token = services.token_of(current_user.agency_id, token_id)
    if token is None:
        return render_error(404, "Your agency has no API token with that number.")
    try:
        services.revoke(token, current_user._get_current_object())
    except services.ApiTokenError as refusal:
        db.session.rollback()
        flash(str(refusal), "error")
    else:
        db.session.commit()
        flash(f"“{token.name}” ({token.prefix}…) is revoked. Systems using it are refused from now on.", "success")
    return redirect(url_for("api.tokens"))


def _read(resource: str, build):
    """Authenticate the bearer token (audited, success or not), then answer with the token's agency's data."""
    token = services.authenticate(request.headers.get("Authorization"), resource)
    agency_id = token.agency_id if token else None
    db.session.commit()
    if agency_id is None:
        response = jsonify(error="unauthorized",
                           message="Send a valid API token of your agency: Authorization: Bearer cit_…")
        response.status_code = 401
        given = request.headers.get("Authorization")
        response.headers["WWW-Authenticate"] = 'Bearer realm="CIT LMS API"' + (
            ', error="invalid_token"' if given else "")
    else:
        response = jsonify(build(db.session.get(Agency, agency_id), date.today()))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/v1/agency")
@public  # the bearer token, not the session, decides: see _read
def agency():
    return _read("agency", documents.agency_document)


@bp.route("/v1/roster")
@public
def roster():
    return _read("roster", documents.roster_document)


@bp.route("/v1/certifications")
@public
def certifications():
    return _read("certifications", documents.certifications_document)


@bp.route("/v1/openapi.json")
@public
def openapi():
    return jsonify(_openapi()), 200, {"Cache-Control": "public, max-age=300"}


@cache
def _openapi() -> dict:
    """The OpenAPI document, read once per process."""
    return json.loads(OPENAPI.read_text(encoding="utf-8"))
