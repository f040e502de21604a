"""Live scoring of role plays: blind evaluations saved as drafts then locked, decided by the rubric or reconciled
by the lead evaluator, released to the officer, with retests and an append-only history."""
import json
import re

import pytest
import sqlalchemy as sa

from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.extensions import db
from lms.people.models import Person
from lms.scenarios import services
from lms.scenarios.models import Evaluation, ScenarioRun, ScenarioSession, ScoreChange
from tests.concurrency import at_once
from tests.query_count import counting_queries

FETCH = {"X-Requested-With": "fetch"}
GOOD = {"score-safety": "5", "score-listening": "5", "score-suicide-question": "n/a"}
WEAK = {"score-safety": "2", "score-listening": "4", "score-suicide-question": "n/a"}


@pytest.fixture
def academy(make_academy, make_account):
    """An academy of 2 with a lead instructor and a mental health professional who both evaluate."""
    class_id, _, lead, people = make_academy(people=2)
    clinician = make_account(Role.MHP, name="Dr. Mina Clinician")
    return class_id, lead, clinician, people


def set_up(app, academy, people_in_run=1, min_evaluators=2):
    """A final session with the lead and the clinician as evaluators and one run; (session id, run id)."""
    class_id, lead, clinician, people = academy
    with app.app_context():
        actor = db.session.get(Account, lead.id)
        session = services.create_session(actor, db.session.get(AcademyClass, class_id),
                                          title="Final scenarios", final=True, min_evaluators=min_evaluators,
                                          evaluator_ids=[lead.id, clinician.id], lead_evaluator_id=lead.id)
        run = services.add_run(session, actor, scenario_slug="tiny-scenario", talker_id=people[0],
                               cover_id=people[1] if people_in_run > 1 else None)
        db.session.commit()
        return session.id, run.id


def score(http, run_id, values, action="save", headers=None):
    return http.post(f"/scoring/runs/{run_id}", data={**values, "action": action}, headers=headers or {})


def test_the_lead_instructor_sets_up_a_session_and_adds_a_role_play(app, client, sign_in, academy):
    class_id, lead, clinician, people = academy
    sign_in(lead)
    response = client.post(f"/scoring/classes/{class_id}", data={
        "title": "Final scenarios", "final": "y", "min_evaluators": "2",
        "evaluator_ids": [str(lead.id), str(clinician.id)], "lead_evaluator_id": str(lead.id)})
    assert response.status_code == 302
    session_url = response.headers["Location"]
    added = client.post(session_url, data={"scenario_slug": "tiny-scenario", "talker_id": str(people[0]),
                                           "cover_id": str(people[1])}, follow_redirects=True)
    page = added.get_data(as_text=True)
    assert "The role play is on the session." in page and "A man at the rail" in page and "0 of 2" in page


def test_a_final_session_needs_two_evaluators(app, client, sign_in, academy):
    class_id, lead, clinician, _ = academy
    sign_in(lead)
    response = client.post(f"/scoring/classes/{class_id}", data={
        "title": "Final", "final": "y", "min_evaluators": "1", "evaluator_ids": [str(lead.id)],
        "lead_evaluator_id": str(lead.id)})
    assert response.status_code == 400 and "needs at least 2 evaluators" in response.get_data(as_text=True)


def test_evaluators_score_blind_and_agreement_decides_by_the_rubric(app, client, sign_in, academy):
    _, lead, clinician, people = academy
    _, run_id = set_up(app, academy)
    sign_in(lead)
    saved = score(client, run_id, {**GOOD, "comment-safety": "Kept the rail between them."}, headers=FETCH)
    assert saved.status_code == 200 and saved.get_json()["version"] == 1
    assert score(client, run_id, GOOD, action="submit").status_code == 302
    other = app.test_client()
    sign_in(clinician, via=other)
    blind = other.get(f"/scoring/runs/{run_id}").get_data(as_text=True)
    assert "Kept the rail between them." not in blind and "Scores by criterion" not in blind
    assert 'checked' not in blind  # nothing of the lead's sheet shows on the clinician's
    assert score(other, run_id, {**GOOD, "score-listening": "6"}, action="submit").status_code == 302
    after = other.get(f"/scoring/runs/{run_id}").get_data(as_text=True)
    assert "Scores by criterion" in after and "submitted and locked" in after
    beside = client.get(f"/scoring/runs/{run_id}").get_data(as_text=True)  # the lead sees the other sheet, named
    assert '<th scope="col">Dr. Mina Clinician</th>' in beside and "<td>6</td>" in beside
    with app.app_context():
        run = db.session.get(ScenarioRun, run_id)
        assert (run.status, run.passed, run.decided_by) == ("decided", True, "rule")
        assert json.loads(run.combined)["listening"] == 5.5


def test_disagreement_goes_to_the_lead_who_reconciles_and_releases(app, client, sign_in, academy, make_account):
    _, lead, clinician, people = academy
    session_id, run_id = set_up(app, academy)
    sign_in(lead)
    score(client, run_id, GOOD, action="submit")
    other = app.test_client()
    sign_in(clinician, via=other)
    score(other, run_id, {**WEAK, "comment-safety": "Walked within reach."}, action="submit")
    review = client.get(f"/scoring/runs/{run_id}/review").get_data(as_text=True)
    assert "Needs reconciliation." in review and "The evaluators disagree on pass or fail." in review
    short = client.post(f"/scoring/runs/{run_id}/review", data={"decision": "pass", "rationale": "ok"})
    assert short.status_code == 400 and "Write the rationale" in short.get_data(as_text=True)
    done = client.post(f"/scoring/runs/{run_id}/review", data={
        "decision": "pass", "rationale": "Distance was kept after the first approach; the clinician saw the "
                                         "opening only."}, follow_redirects=True)
    assert "recorded by the lead evaluator" in done.get_data(as_text=True)
    officer = app.test_client()
    with app.app_context():
        person = db.session.get(Person, people[0])
    sign_in(make_account(Role.OFFICER, person=person), via=officer)
    assert "No results yet" in officer.get("/scoring/my-results").get_data(as_text=True)
    client.post(f"/scoring/sessions/{session_id}/release")
    results = officer.get("/scoring/my-results").get_data(as_text=True)
    assert "A man at the rail" in results and "Passed" in results and "Walked within reach." in results
    refused = client.post(f"/scoring/runs/{run_id}/review", data={
        "decision": "fail", "rationale": "On reflection the approach was unsafe throughout."})
    assert refused.status_code == 400 and "say why you change this one" in refused.get_data(as_text=True)
    changed = client.post(f"/scoring/runs/{run_id}/review", data={
        "decision": "fail", "rationale": "On reflection the approach was unsafe throughout.",
        "reason": "Video review with the academy director."})
    assert changed.status_code == 302
    with app.app_context():
        actions = [c.action for c in db.session.execute(sa.select(ScoreChange).order_by(ScoreChange.id)).scalars()]
        assert actions == ["evaluation_submitted", "evaluation_submitted", "reconciled", "released", "reconciled"]
        last = db.session.execute(sa.select(ScoreChange).order_by(ScoreChange.id.desc())).scalars().first()
        assert json.loads(last.before)["passed"] is True and last.reason == "Video review with the academy director."
        assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
            AuditEvent.action == "scenario.reconciled")) == 2


def test_scores_outside_the_scale_and_missing_comments_are_refused_next_to_the_criterion(app, client, sign_in,
                                                                                      academy):
    _, lead, _, _ = academy
    _, run_id = set_up(app, academy)
    sign_in(lead)
    outside = score(client, run_id, {**GOOD, "score-safety": "9"})
    assert outside.status_code == 400 and 'id="criterion-safety-error"' in outside.get_data(as_text=True)
    assert "Choose a score from 1 to 7." in outside.get_data(as_text=True)
    extreme = score(client, run_id, {**GOOD, "score-listening": "7"}, action="submit")
    assert extreme.status_code == 400 and "A score of 7 needs a comment" in extreme.get_data(as_text=True)
    missing = score(client, run_id, {"score-safety": "5"}, action="submit")
    assert missing.status_code == 400 and "Score this criterion or mark it not observed" in missing.get_data(as_text=True)
    with app.app_context():
        sheet = db.session.execute(sa.select(Evaluation)).scalar_one()
        assert sheet.status == "draft" and json.loads(sheet.scores) == {"safety": 5}


def test_an_evaluator_not_assigned_to_the_session_cannot_score(app, client, sign_in, academy, make_account):
    _, run_id = set_up(app, academy)
    sign_in(make_account(Role.INSTRUCTOR, name="Ola Outsider"))
    assert client.get(f"/scoring/runs/{run_id}").status_code == 404
    assert score(client, run_id, GOOD, action="submit").status_code == 404
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Evaluation.id))) == 0


def test_a_stale_sheet_is_refused_and_a_resent_draft_is_applied_once(app, client, sign_in, academy):
    _, lead, _, _ = academy
    _, run_id = set_up(app, academy)
    sign_in(lead)
    first = score(client, run_id, {**GOOD, "draft_id": "d1"}, headers=FETCH).get_json()
    again = score(client, run_id, {**GOOD, "draft_id": "d1", "version": "1"}, headers=FETCH)
    assert again.status_code == 200 and again.get_json()["version"] == first["version"] == 1
    newer = score(client, run_id, {**WEAK, "draft_id": "d2", "version": "1"}, headers=FETCH)
    assert newer.get_json()["version"] == 2
    stale = score(client, run_id, {**GOOD, "draft_id": "d3", "version": "1"}, headers=FETCH)
    assert stale.status_code == 409 and stale.get_json()["stale"] is True and "reload" in stale.get_json()["error"]
    with app.app_context():
        assert json.loads(db.session.execute(sa.select(Evaluation)).scalar_one().scores)["safety"] == 2


def test_a_failed_role_play_gets_remediation_and_one_retest(app, client, sign_in, academy):
    _, lead, clinician, _ = academy
    _, run_id = set_up(app, academy)
    sign_in(lead)
    score(client, run_id, {**WEAK, "comment-safety": "x"}, action="submit")
    other = app.test_client()
    sign_in(clinician, via=other)
    score(other, run_id, WEAK, action="submit")
    with app.app_context():
        assert db.session.get(ScenarioRun, run_id).passed is False
    no_note = client.post(f"/scoring/runs/{run_id}/retest", data={"retest-remediation": ""}, follow_redirects=True)
    assert "Write what the officer should practise" in no_note.get_data(as_text=True)
    client.post(f"/scoring/runs/{run_id}/retest",
                data={"retest-remediation": "Practise stopping at a safe distance and using cover first."})
    with app.app_context():
        retest = db.session.execute(sa.select(ScenarioRun).where(ScenarioRun.retest_of_id == run_id)).scalar_one()
        assert retest.attempt == 2 and db.session.get(ScenarioRun, run_id).remediation.startswith("Practise")
        retest.status, retest.passed = "decided", False
        db.session.commit()
        retest_id = retest.id
    last = client.post(f"/scoring/runs/{retest_id}/retest", data={"retest-remediation": "Once more with feeling."},
                       follow_redirects=True)
    assert "No retest is left" in last.get_data(as_text=True)


def test_the_scoring_history_is_append_only_in_the_database(app, client, sign_in, academy):
    _, lead, _, _ = academy
    _, run_id = set_up(app, academy)
    sign_in(lead)
    score(client, run_id, GOOD, action="submit")
    with app.app_context():
        with pytest.raises(sa.exc.DatabaseError):
            db.session.execute(sa.text("DELETE FROM scenario_score_changes"))
            db.session.flush()
        db.session.rollback()
        with pytest.raises(sa.exc.DatabaseError):
            db.session.execute(sa.text("UPDATE scenario_score_changes SET reason = 'edited'"))
            db.session.flush()
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count(ScoreChange.id))) == 1


def session_of(app, make_academy, lead, clinician, size: int, people_in_run: int = 1):
    """An academy of `size` with a final session holding a role play for every volunteer: (session id, the
    first run's id)."""
    class_id, _, _, people = make_academy(people=size, lead=lead, capacity=size)
    session_id, run_id = set_up(app, (class_id, lead, clinician, people), people_in_run=people_in_run)
    with app.app_context():
        session = db.session.get(ScenarioSession, session_id)
        actor = db.session.get(Account, lead.id)
        for person_id in people[people_in_run:]:
            services.add_run(session, actor, scenario_slug="tiny-scenario", talker_id=person_id)
        db.session.commit()
    return session_id, run_id


def test_the_evaluator_and_session_pages_take_the_same_queries_for_5_or_200_officers(app, client, sign_in,
                                                                                     make_academy, make_account):
    lead = make_account(Role.INSTRUCTOR, name="Ivy Instructor")
    clinician = make_account(Role.MHP)
    counts = []
    sign_in(lead)
    for size in (5, 200):
        session_id, run_id = session_of(app, make_academy, lead, clinician, size, people_in_run=2)
        with counting_queries(app) as evaluator_page:
            assert client.get(f"/scoring/runs/{run_id}").status_code == 200
        with counting_queries(app) as session_page:
            assert client.get(f"/scoring/sessions/{session_id}").status_code == 200
        counts.append((len(evaluator_page), len(session_page)))
    assert counts[0] == counts[1]


def test_a_draft_save_and_a_submission_take_the_same_queries_with_5_or_200_role_plays(app, client, sign_in,
                                                                                    make_academy, make_account):
    lead = make_account(Role.INSTRUCTOR, name="Ivy Instructor")
    clinician = make_account(Role.MHP)
    counts = []
    sign_in(lead)
    for size in (5, 200):
        _, run_id = session_of(app, make_academy, lead, clinician, size)
        with counting_queries(app) as draft:
            assert score(client, run_id, WEAK, headers=FETCH).status_code == 200
        with counting_queries(app) as submitted:
            assert score(client, run_id, GOOD, action="submit").status_code in (200, 302)
        counts.append((len(draft), len(submitted)))
    assert counts[0] == counts[1]


def test_two_evaluators_submitting_at_the_same_moment_settle_the_run(app, build_app, app_settings, client, sign_in,
                                                                    academy):
    _, lead, clinician, _ = academy
    _, run_id = set_up(app, academy)
    other = build_app(app_settings).test_client()
    sign_in(lead)
    sign_in(clinician, via=other)
    codes = at_once(*(lambda http=http: score(http, run_id, GOOD, action="submit").status_code
                      for http in (client, other)))
    assert codes == [302, 302]
    with app.app_context():
        run = db.session.get(ScenarioRun, run_id)
        assert (run.status, run.passed) == ("decided", True)
        assert db.session.scalar(sa.select(sa.func.count(Evaluation.id)).where(Evaluation.status == "submitted")) == 2


def test_the_scoring_page_shows_each_criterions_anchors_every_time(app, client, sign_in, academy):
    """The anchors are rendered once per application and kept: the second page shows the same."""
    _, lead, _, _ = academy
    _, run_id = set_up(app, academy)
    sign_in(lead)
    pages = [client.get(f"/scoring/runs/{run_id}").get_data(as_text=True) for _ in range(2)]
    for page in pages:
        assert "<dt>1 · Not acceptable</dt><dd>Walks into reach.</dd>" in page
        assert "<dt>7 · Superior</dt><dd>Paraphrases and names feelings.</dd>" in page
        assert "What the scores look like<span class=\"usa-sr-only\"> for Asks directly about suicide</span>" in page
    assert pages[0] == pages[1]


def test_each_save_shows_at_once_though_the_criteria_were_kept(app, client, sign_in, academy):
    """Each criterion is rendered once per what it shows and kept: a save changes what the next page shows."""
    _, lead, _, _ = academy
    _, run_id = set_up(app, academy)
    sign_in(lead)

    def checked(page: str) -> set[str]:
        return set(re.findall(r'id="(score-[\w-]+)" name="score-[\w-]+" value="[\w/]+" checked', page))

    assert checked(client.get(f"/scoring/runs/{run_id}").get_data(as_text=True)) == set()
    score(client, run_id, {"score-safety": "5", "comment-safety": "Kept his distance."})
    first = client.get(f"/scoring/runs/{run_id}").get_data(as_text=True)
    assert checked(first) == {"score-safety-5"} and ">Kept his distance.</textarea>" in first
    score(client, run_id, {"score-safety": "3", "score-suicide-question": "n/a", "version": "1"})
    second = client.get(f"/scoring/runs/{run_id}").get_data(as_text=True)
    assert checked(second) == {"score-safety-3", "score-suicide-question-na"}
    assert "Kept his distance." not in second
    refused = score(client, run_id, {"score-safety": "9", "version": "2"})
    assert 'id="criterion-safety-error"' in refused.get_data(as_text=True)
    assert 'id="criterion-safety-error"' not in client.get(f"/scoring/runs/{run_id}").get_data(as_text=True)


def test_strange_numbers_in_a_sheet_are_refused_not_a_server_error(app, client, sign_in, academy):
    _, lead, _, _ = academy
    _, run_id = set_up(app, academy)
    sign_in(lead)
    assert score(client, run_id, {**GOOD, "version": "²"}).status_code == 302  # no version: a first save
    odd = score(client, run_id, {**GOOD, "score-safety": "²", "version": "1"})
    assert odd.status_code == 400 and 'id="criterion-safety-error"' in odd.get_data(as_text=True)


def test_the_evaluators_page_names_the_officers_and_offers_the_review_to_the_lead_only(app, client, sign_in,
                                                                                      academy):
    _, lead, clinician, people = academy
    _, run_id = set_up(app, academy, people_in_run=2)
    with app.app_context():
        talker, cover = (db.session.get(Person, n).legal_name for n in people)
        run = db.session.get(ScenarioRun, run_id)
        retest = ScenarioRun(session_id=run.session_id, scenario_slug=run.scenario_slug, talker_id=run.talker_id,
                             attempt=2, retest_of_id=run.id)
        db.session.add(retest)
        db.session.commit()
        retest_id = retest.id
    sign_in(lead)
    page = client.get(f"/scoring/runs/{run_id}").get_data(as_text=True)
    assert f"<strong>{talker}</strong> (cover: {cover}) · A man at the rail</p>" in page
    assert f"<h1 class=\"margin-top-1\">Score {talker}</h1>" in page and "retest" not in page
    assert "· retest" in client.get(f"/scoring/runs/{retest_id}").get_data(as_text=True)
    score(client, run_id, GOOD, action="submit")
    assert "Review and record the final result" in client.get(f"/scoring/runs/{run_id}").get_data(as_text=True)
    other = app.test_client()
    sign_in(clinician, via=other)
    score(other, run_id, GOOD, action="submit")
    mine = other.get(f"/scoring/runs/{run_id}").get_data(as_text=True)
    assert "submitted and locked" in mine and "Review and record the final result" not in mine
