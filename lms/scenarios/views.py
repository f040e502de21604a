"""Role plays: the organiser's session pages, the evaluator's tablet page, reconciliation and release by the
lead evaluator, rater agreement, and officers' released results."""
import json

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from lms.academies.models import AcademyClass
from lms.accounts.access import roles
from lms.accounts.roles import Role
from lms.database import utcnow
from lms.extensions import db
from lms.web.read_only import read_only
from lms.whole_numbers import whole_number
from lms.rules import RuleRefused
from lms.scenarios import agreement, calibration, catalogue, scoring_page, services
from lms.scenarios.anchors import anchor_list
from lms.scenarios.sheet_html import criterion_html, rubric_named
from lms.scenarios.forms import ReconcileForm, RetestForm, RunForm, SessionForm
from lms.scenarios.scoring import combine, disagreements, outcome
from lms.web.refusals import attempt

bp = Blueprint("scoring", __name__, url_prefix="/scoring")
bp.add_app_template_global(anchor_list)
bp.add_app_template_global(criterion_html)
bp.add_app_template_global(rubric_named)
STAFF = (Role.INSTRUCTOR, Role.MHP, Role.COORDINATOR, Role.ADMIN)
EVALUATORS = (Role.INSTRUCTOR, Role.MHP)


def _academy(class_id: int) -> AcademyClass:
    academy = db.get_or_404(AcademyClass, class_id)
    if not services.can_organise(current_user, academy):
        abort(404)
    return academy


def _session(session_id: int):
    """A session the signed-in account organises, leads or evaluates in (404 otherwise)."""
    session = services.session_page(session_id)
    if session is None or not (services.can_organise(current_user, session.academy)
                               or services.is_evaluator(session, current_user)):
        abort(404)
    return session


@bp.route("/")
@roles(*EVALUATORS)
def index():
    return render_template("scoring/index.html", runs=services.assigned_runs(current_user),
                           scenarios=catalogue.scenarios())


@bp.route("/classes/<int:class_id>", methods=["GET", "POST"])
@roles(*STAFF)
def class_sessions(class_id: int):
    academy = _academy(class_id)
    form = SessionForm(services.teaching_staff())
    made = form.validate_on_submit() and attempt(form, lambda: services.create_session(
        current_user._get_current_object(), academy, title=form.title.data, final=form.final.data,
        min_evaluators=form.min_evaluators.data, evaluator_ids=form.evaluator_ids.data or [],
        lead_evaluator_id=form.lead_evaluator_id.data))
    if made:
        flash(f"{made.value.title} is set up. Add its role plays below.", "success")
        return redirect(url_for("scoring.session", session_id=made.value.id))
    return render_template("scoring/class.html", academy=academy, form=form,
                           sessions=services.sessions_of_class(academy.id)), 400 if form.is_submitted() else 200


@bp.route("/sessions/<int:session_id>", methods=["GET", "POST"])
@roles(*STAFF)
def session(session_id: int):
    found = _session(session_id)
    scenarios = sorted(catalogue.scenarios().values(), key=lambda s: s.title)
    people = services.roster_people(found.class_id)
    form = RunForm(scenarios, people)
    if form.validate_on_submit() and attempt(form, lambda: services.add_run(
            found, current_user._get_current_object(), scenario_slug=form.scenario_slug.data,
            talker_id=form.talker_id.data, cover_id=form.cover_id.data)):
        flash("The role play is on the session.", "success")
        return redirect(url_for("scoring.session", session_id=found.id))
    return render_template("scoring/session.html", session=found, form=form, release_form=FlaskForm(),
                           scenarios=catalogue.scenarios(), organiser=services.can_organise(current_user, found.academy)
                           ), 400 if form.is_submitted() else 200


@bp.route("/sessions/<int:session_id>/release", methods=["POST"])
@roles(*STAFF)
def release(session_id: int):
    found = _session(session_id)
    form = FlaskForm()
    if form.validate_on_submit():
        if attempt(form, lambda: services.release(found, current_user._get_current_object(), utcnow())):
            flash("The results are released: each officer now sees their feedback.", "success")
        else:
            flash(form.form_errors[0], "error")
    return redirect(url_for("scoring.session", session_id=found.id))


def _run(run_id: int, load=services.run_page):
    run = load(run_id)
    if run is None:
        abort(404)
    return run


def _sheet_values(rubric) -> tuple[dict, dict]:
    scores = {c.id: request.form.get(f"score-{c.id}", "") for c in rubric.criteria}
    comments = {c.id: request.form.get(f"comment-{c.id}", "") for c in rubric.criteria}
    return scores, comments


@bp.route("/runs/<int:run_id>", methods=["GET", "POST"])
@roles(*EVALUATORS)
@read_only
def evaluate(run_id: int):
    """The evaluator's page: built for a tablet held in one hand during the role play. It shows plain values
    (scoring_page); a save loads the role play as objects for the rules."""
    errors: dict[str, str] = {}
    if request.method == "POST":
        saved = _save_sheet(run_id, errors)
        if saved is not None:
            return saved
    run = scoring_page.run_to_score(run_id, current_user.id)
    if run is None:
        abort(404)
    scenario = catalogue.scenario(run.scenario_slug)
    rubric = catalogue.rubric_for(scenario)
    sheet = run.sheet
    submitted = sheet is not None and sheet.status == "submitted"
    values = json.loads(sheet.scores) if sheet else {}
    notes_by = json.loads(sheet.comments) if sheet else {}
    if request.method == "POST":  # show what the evaluator sent, next to the message
        sent_scores, sent_comments = _sheet_values(rubric)
        values = {k: (None if v == "n/a" else whole_number(v)) for k, v in sent_scores.items()
                  if v == "n/a" or whole_number(v) is not None}
        notes_by = sent_comments
    others = scoring_page.other_sheets(run.id, current_user.id) if submitted else []
    return render_template("scoring/evaluate.html", run=run, scenario=scenario, rubric=rubric, sheet=sheet,
                           submitted=submitted, values=values, notes_by=notes_by, others=others,
                           names=services.evaluator_names({s.evaluator_id for s in others}), errors=errors,
                           form=FlaskForm(), parse=json.loads), 400 if errors else 200


def _save_sheet(run_id: int, errors: dict[str, str]):
    """Save the evaluator's draft and, when asked, submit it: the response, or None with the refusal in `errors`
    for the page to show beside what was sent."""
    run = _run(run_id, services.run_to_save)
    if not services.is_evaluator(run.session, current_user):
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    scores, comments = _sheet_values(catalogue.rubric_for(catalogue.scenario(run.scenario_slug)))
    expected = whole_number(request.form.get("version", ""))
    submitting = request.form.get("action") == "submit"
    fetched = request.headers.get("X-Requested-With") == "fetch"
    try:
        sheet = services.save_draft(run, current_user, scores=scores, comments=comments,
                                    notes=request.form.get("notes", ""), now=utcnow(),
                                    expected_version=expected, draft_id=request.form.get("draft_id") or None)
        db.session.commit()  # the draft is kept even if the submission below is refused
        if submitting:
            services.submit(run, current_user, scores=scores, comments=comments,
                            notes=request.form.get("notes", ""), now=utcnow(), expected_version=sheet.version)
    except RuleRefused as refusal:
        db.session.rollback()
        if fetched:
            stale = isinstance(refusal, services.StaleEvaluation)
            return jsonify(error=str(refusal), field=refusal.field, stale=stale), 409 if stale else 400
        errors[refusal.field or ""] = str(refusal)
        return None
    db.session.commit()
    if fetched and not submitting:
        return jsonify(version=sheet.version, saved_at=sheet.updated_at.strftime("%H:%M:%S"))
    flash("Your evaluation is submitted and locked." if submitting else "Draft saved.", "success")
    return redirect(url_for("scoring.evaluate", run_id=run.id))


@bp.route("/runs/<int:run_id>/review", methods=["GET", "POST"])
@roles(*STAFF)
def review(run_id: int):
    """The lead evaluator sees every submitted sheet side by side and records the final result."""
    run = _run(run_id)
    lead = run.session.lead_evaluator_id == current_user.id
    if not (lead or services.can_organise(current_user, run.session.academy)):
        abort(404)
    own = services.sheet_of(run, current_user)
    if services.is_evaluator(run.session, current_user) and (own is None or own.status != "submitted"):
        flash("Submit your own evaluation first: the other evaluators' scores stay hidden until you have.", "info")
        return redirect(url_for("scoring.evaluate", run_id=run.id))
    scenario = catalogue.scenario(run.scenario_slug)
    rubric = catalogue.rubric_for(scenario)
    form = ReconcileForm()
    retest_form = RetestForm(prefix="retest")
    if lead and form.validate_on_submit() and attempt(form, lambda: services.reconcile(
            run, current_user._get_current_object(), passed=form.decision.data == "pass",
            rationale=form.rationale.data or "", reason=form.reason.data or "", now=utcnow())):
        flash("The final result is recorded.", "success")
        return redirect(url_for("scoring.review", run_id=run.id))
    sheets = services.submitted_sheets(run)
    evaluations = [json.loads(s.scores) for s in sheets]
    combined = combine(rubric, evaluations) if evaluations else {}
    return render_template(
        "scoring/review.html", run=run, scenario=scenario, rubric=rubric, sheets=sheets, parse=json.loads,
        combined=combined, result=outcome(rubric, combined, scenario.critical) if evaluations else None,
        reasons=disagreements(rubric, evaluations, scenario.critical) if evaluations else [], lead=lead,
        form=form, retest_form=retest_form, history=services.history_of(run.id)), 400 if form.errors or \
        form.form_errors else 200


@bp.route("/runs/<int:run_id>/retest", methods=["POST"])
@roles(*STAFF)
def retest(run_id: int):
    run = _run(run_id)
    form = RetestForm(prefix="retest")
    if form.validate_on_submit():
        if attempt(form, lambda: services.schedule_retest(run, current_user._get_current_object(),
                                                          remediation=form.remediation.data or "")):
            flash("The retest is on the session, with the note of what to practise.", "success")
        else:
            flash(next(iter(form.remediation.errors or form.form_errors)), "error")
    return redirect(url_for("scoring.review", run_id=run.id))


@bp.route("/classes/<int:class_id>/agreement")
@roles(Role.INSTRUCTOR, Role.COORDINATOR, Role.ADMIN)
def rater_agreement(class_id: int):
    academy = _academy(class_id)
    tables = [(catalogue.rubric(slug), agreement.by_evaluator(scores, catalogue.rubric(slug).scale.levels))
              for slug, scores in sorted(services.evaluator_scores(academy.id).items())]
    return render_template("scoring/agreement.html", academy=academy, tables=tables, names=services.evaluator_names(
        {row.evaluator_id for _, rows in tables for row in rows}))


@bp.route("/my-results")
@roles(Role.OFFICER, Role.TRAINING_OFFICER)
def my_results():
    return render_template("scoring/my_results.html",
                           shown=[services.feedback(run) for run in services.released_results(current_user.person_id)])


@bp.route("/calibration")
@roles(*STAFF)
def calibration_cases():
    found = calibration.cases()
    return render_template("scoring/calibration.html", shown=calibration.with_evaluators(found),
                           scenarios=catalogue.scenarios(), response_of=calibration.response_of)


@bp.route("/calibration/new", methods=["GET", "POST"])
@roles(Role.COORDINATOR, Role.ADMIN)
def publish_case():
    scenario = catalogue.scenario(request.values.get("scenario", ""))
    form = FlaskForm()
    errors: dict[str, str] = {}
    if scenario is not None and request.method == "POST" and form.validate_on_submit():
        rubric = catalogue.rubric_for(scenario)
        reference = {c.id: request.form.get(f"score-{c.id}", "") for c in rubric.criteria}
        made = attempt(form, lambda: calibration.publish(
            current_user._get_current_object(), scenario_slug=scenario.slug,
            title=request.form.get("title", "")[:160], account=request.form.get("account", ""), reference=reference))
        if made:
            flash("The calibration case is published: every evaluator can score it now.", "success")
            return redirect(url_for("scoring.calibration_cases"))
        errors = {"": form.form_errors[0]} if form.form_errors else {}
    return render_template("scoring/publish_case.html", scenario=scenario, form=form, errors=errors,
                           rubric=catalogue.rubric_for(scenario) if scenario else None,
                           scenarios=sorted(catalogue.scenarios().values(), key=lambda s: s.title),
                           values={}), 400 if errors else 200


@bp.route("/calibration/<int:case_id>", methods=["GET", "POST"])
@roles(*STAFF)
def calibration_case(case_id: int):
    found = calibration.case(case_id)
    if found is None:
        abort(404)
    rubric = calibration.rubric_of(found)
    form = FlaskForm()
    error = None
    if request.method == "POST" and form.validate_on_submit():
        scores = {c.id: request.form.get(f"score-{c.id}", "") for c in rubric.criteria}
        if attempt(form, lambda: calibration.respond(found, current_user._get_current_object(), scores, utcnow())):
            flash("Scored: here is how far you are from the reference.", "success")
            return redirect(url_for("scoring.calibration_case", case_id=found.id))
        error = form.form_errors[0] if form.form_errors else None
        found = calibration.case(case_id)
    mine = calibration.response_of(found, current_user)
    reference = json.loads(found.reference)
    return render_template("scoring/calibration_case.html", case=found, rubric=rubric, form=form, error=error,
                           scenario=catalogue.scenario(found.scenario_slug), reference=reference,
                           mine=json.loads(mine.scores) if mine else None,
                           mine_drift=calibration.drift(reference, json.loads(mine.scores)) if mine else None,
                           everyone=calibration.with_evaluators([found])[0][1], values={}), 400 if error else 200
