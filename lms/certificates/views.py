"""Certificates: the coordinator's preview and issue, status changes, the officer's list, and public
verification that anyone can use without an account."""
import io
import zipfile
from datetime import date

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from lms.academies.models import AcademyClass
from lms.academies.services import can_manage
from lms.accounts.access import public, roles, signed_in
from lms.accounts.roles import Role
from lms.certificates import notices, queries, renewals, services, signing, status_list
from lms.certificates.forms import ContinuingEducationForm, DecisionForm, LookupForm, ReissueForm, StatusForm
from lms.certificates.models import Certificate, ContinuingEducation
from lms.certificates.wording import course_and_hours
from lms.extensions import db
from lms.web.read_only import read_only
from lms.web.rate_limit import too_many
from lms.web.refusals import attempt

bp = Blueprint("certificates", __name__)
bp.add_app_template_filter(course_and_hours)
STATUS_WORDS = services.STATUS_WORDS


@bp.route("/certificates/classes/<int:class_id>", methods=["GET", "POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def class_preview(class_id: int):
    academy = db.get_or_404(AcademyClass, class_id)
    if not can_manage(current_user, academy):
        abort(404)
    form = FlaskForm()
    done = form.validate_on_submit() and attempt(form, lambda: services.issue_class(
        academy, current_user._get_current_object(), date.today()))
    if done:
        count = len(done.value)
        flash(f"{count} certificate{'s' if count != 1 else ''} issued." if count else
              "Nothing new to issue: everyone eligible already holds a certificate.", "success")
        return redirect(url_for("certificates.class_preview", class_id=academy.id))
    return render_template("certificates/class.html", academy=academy, rows=services.preview(academy), form=form)


def _managed(certificate_id: int) -> Certificate:
    """A certificate the signed-in coordinator (of its region) or administrator manages, with its history."""
    certificate = services.with_events(certificate_id)
    if certificate is None or not services.manages(current_user, certificate):
        abort(404)
    return certificate


@bp.route("/certificates/<int:certificate_id>", methods=["GET", "POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def detail(certificate_id: int):
    certificate = _managed(certificate_id)
    form = StatusForm()
    if form.validate_on_submit() and attempt(form, lambda: services.change_status(
            certificate, current_user._get_current_object(), to=form.to.data, reason=form.reason.data,
            note=form.note.data or "", password=form.password.data, today=date.today())):
        flash(f"{certificate.number} is now {certificate.status}.", "success")
        return redirect(url_for("certificates.detail", certificate_id=certificate.id))
    return _detail_page(certificate, form, ReissueForm(prefix="reissue", formdata=None))


def _detail_page(certificate: Certificate, form: StatusForm, reissue_form: ReissueForm):
    return render_template("certificates/detail.html", certificate=certificate, form=form, words=STATUS_WORDS,
                           reissue_form=reissue_form, successor=services.successor(certificate),
                           entries=renewals.of_certificate(certificate.id), decision=DecisionForm,
                           approved=renewals.approved_hours(certificate) if certificate.valid_until else 0,
                           needed=current_app.config["CE_HOURS_REQUIRED"], renew_form=FlaskForm(),
                           labels=services.REASON_LABELS, status=services.shown_status(certificate, date.today())
                           ), 400 if form.is_submitted() or reissue_form.is_submitted() else 200


@bp.route("/certificates/<int:certificate_id>/reissue", methods=["POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def reissue(certificate_id: int):
    certificate = _managed(certificate_id)
    form = ReissueForm(prefix="reissue")
    made = form.validate_on_submit() and attempt(form, lambda: services.reissue_with_current_name(
        certificate, current_user._get_current_object(), note=form.note.data or "", password=form.password.data,
        today=date.today()))
    if made:
        flash(f"{made.value.number} is issued in {made.value.holder_name}'s current name; "
              f"{certificate.number} is superseded.", "success")
        return redirect(url_for("certificates.detail", certificate_id=made.value.id))
    return _detail_page(certificate, StatusForm(formdata=None), form)


@bp.route("/certificates/mine")
@roles(Role.RECRUIT, Role.OFFICER, Role.TRAINING_OFFICER)
def mine():
    return _mine_page()


def _mine_page(posted: ContinuingEducationForm | None = None, posted_for: int | None = None):
    certificates = services.of_person(current_user.person_id)
    forms = {c.id: ContinuingEducationForm(prefix=f"ce{c.id}", formdata=None) for c in certificates
             if c.kind == "certification" and c.status in ("active", "expired", "suspended")}
    if posted is not None:
        forms[posted_for] = posted
    return render_template("certificates/mine.html", certificates=certificates, words=STATUS_WORDS,
                           today=date.today(), shown=services.shown_status, forms=forms,
                           entries={c.id: renewals.of_certificate(c.id) for c in certificates}
                           ), 400 if posted is not None else 200


@bp.route("/certificates/<int:certificate_id>/ce", methods=["POST"])
@roles(Role.RECRUIT, Role.OFFICER, Role.TRAINING_OFFICER)
def log_ce(certificate_id: int):
    certificate = db.get_or_404(Certificate, certificate_id)
    if certificate.person_id != current_user.person_id:
        abort(404)
    form = ContinuingEducationForm(prefix=f"ce{certificate.id}")
    upload = form.evidence.data
    if form.validate_on_submit() and attempt(form, lambda: renewals.log(
            certificate, current_user.person, course_name=form.course_name.data, provider=form.provider.data,
            completed_on=form.completed_on.data, hours=float(form.hours.data),
            evidence=upload.read() if upload else b"", evidence_name=upload.filename if upload else "",
            today=date.today())):
        flash("Logged: your coordinator reviews it.", "success")
        return redirect(url_for("certificates.mine"))
    return _mine_page(form, certificate.id)


@bp.route("/certificates/ce/<int:entry_id>/evidence")
@signed_in
def evidence(entry_id: int):
    entry = db.get_or_404(ContinuingEducation, entry_id)
    if not services.may_see(current_user, entry.certificate):
        abort(404)
    return entry.evidence, 200, {"Content-Type": entry.evidence_type, "Content-Disposition": "attachment",
                                 "Content-Security-Policy": "default-src 'none'; sandbox"}


@bp.route("/certificates/ce/<int:entry_id>/<any(approve, reject):decision>", methods=["POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def decide_ce(entry_id: int, decision: str):
    entry = db.get_or_404(ContinuingEducation, entry_id)
    form = DecisionForm(prefix=f"ce{entry.id}")
    if form.validate_on_submit():
        if attempt(form, lambda: renewals.decide(entry, current_user._get_current_object(),
                                                 approve=decision == "approve", note=form.note.data or "")):
            flash(f"{entry.course_name}: {'approved' if decision == 'approve' else 'not approved'}.", "success")
        else:
            flash(next(iter(form.note.errors or form.form_errors)), "error")
    return redirect(url_for("certificates.detail", certificate_id=entry.certificate_id))


@bp.route("/certificates/<int:certificate_id>/renew", methods=["POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def renew(certificate_id: int):
    certificate = db.get_or_404(Certificate, certificate_id)
    form = FlaskForm()
    if form.validate_on_submit():
        done = attempt(form, lambda: renewals.renew(certificate, current_user._get_current_object(), date.today()))
        flash(f"Renewed: valid until {done.value.valid_until}." if done else form.form_errors[0],
              "success" if done else "error")
    return redirect(url_for("certificates.detail", certificate_id=certificate.id))


@bp.route("/certificates/outbox")
@roles(Role.COORDINATOR, Role.ADMIN)
def outbox():
    """Notices kept here when no mail server is configured."""
    return render_template("certificates/outbox.html", notices=notices.outbox())


def _visible(certificate_id: int) -> Certificate:
    certificate = db.get_or_404(Certificate, certificate_id)
    if not services.may_see(current_user, certificate):
        abort(404)
    return certificate


@bp.route("/certificates/<int:certificate_id>/certificate.pdf")
@signed_in
def pdf_file(certificate_id: int):
    """The PDF exactly as rendered at issue: every download gives the same bytes."""
    certificate = _visible(certificate_id)
    return certificate.pdf, 200, {"Content-Type": "application/pdf", "X-Content-SHA256": certificate.pdf_sha256,
                                  "Content-Disposition": f'attachment; filename="{certificate.number}.pdf"'}


@bp.route("/certificates/<int:certificate_id>/credential.jwt")
@signed_in
def credential_file(certificate_id: int):
    certificate = _visible(certificate_id)
    return certificate.credential, 200, {"Content-Type": "application/jwt", "Content-Disposition":
                                         f'attachment; filename="{certificate.number}.jwt"'}


@bp.route("/certificates/classes/<int:class_id>/certificates.zip")
@roles(Role.COORDINATOR, Role.ADMIN)
def class_zip(class_id: int):
    """Every PDF of an academy in one ZIP, for printing."""
    academy = db.get_or_404(AcademyClass, class_id)
    if not can_manage(current_user, academy):
        abort(404)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in services.of_class(academy.id):
            archive.writestr(f"{certificate.number}.pdf", certificate.pdf)
    return buffer.getvalue(), 200, {"Content-Type": "application/zip",
                                    "Content-Disposition": f'attachment; filename="academy-{academy.id}.zip"'}


@bp.route("/certificates/agency")
@roles(Role.TRAINING_OFFICER)
def agency():
    """The certificates of the people who work for the training officer's agency now."""
    return render_template("certificates/agency.html", certificates=queries.agency_certificates(current_user.agency_id),
                           words=STATUS_WORDS, today=date.today(), shown=services.shown_status)


def _public(response, status: int = 200):
    """Verification pages: never indexed, and the code never leaks through the Referer header."""
    return response, status, {"X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}


def _over_limit() -> bool:
    """Count this lookup; over the limit, log it (who, not what they typed) and say so."""
    if not too_many("verify", current_app.config["VERIFY_LOOKUPS_PER_MINUTE"]):
        return False
    current_app.logger.warning("verification lookups over the limit from %s", request.remote_addr)
    return True


def _verified(code: str) -> Certificate | None:
    if _over_limit():
        abort(429)
    return services.by_code(code)


@bp.route("/verify/<code>")
@public
@read_only
def verify(code: str):
    certificate = _verified(code)
    if certificate is None:
        return _public(render_template("verify/unknown.html", form=LookupForm(formdata=None)), 404)
    return _public(render_template("verify/show.html", view=services.public_record(certificate, date.today())))


@bp.route("/verify/<code>.json")
@public
@read_only
def verify_json(code: str):
    certificate = _verified(code)
    if certificate is None:
        return _public(jsonify(error="No certificate matches this code."), 404)
    return _public(jsonify(services.public_record(certificate, date.today())))


@bp.route("/verify/<code>/credential.jwt")
@public
@read_only
def verify_credential(code: str):
    certificate = _verified(code)
    if certificate is None:
        return _public("No certificate matches this code.", 404)
    response, status, headers = _public(certificate.credential)
    return response, status, {**headers, "Content-Type": "application/jwt"}


@bp.route("/.well-known/jwks.json")
@public
def jwks():
    """The issuer's public keys, retired ones included, for anyone verifying a credential."""
    return jsonify(signing.jwks()), 200, {"Cache-Control": "public, max-age=300"}


@bp.route("/status/<any(revocation, suspension):purpose>")
@public
def status(purpose: str):
    """A signed Bitstring Status List credential; verifiers may cache it for a minute."""
    token = signing.sign(status_list.list_claims(purpose, current_app.config["PUBLIC_BASE_URL"].rstrip("/")))
    return token, 200, {"Content-Type": "application/vc+jwt", "Cache-Control": "public, max-age=60"}


@bp.route("/verify", methods=["GET", "POST"])
@public
def lookup():
    form = LookupForm()
    if form.validate_on_submit():
        if _over_limit():
            abort(429)
        found = services.by_number_and_surname(form.number.data, form.surname.data)
        if found is not None:
            return redirect(url_for("certificates.verify", code=found.code))
        return _public(render_template("verify/unknown.html", form=form), 404)
    return _public(render_template("verify/lookup.html", form=form), 400 if form.is_submitted() else 200)
