"""Several application servers, one PostgreSQL: two gunicorn servers run as separate processes on the same
database, and through both at once 50 learners submit an exam in the same second (10 of them twice, the second
time through the other server), 10 evaluators save drafts and submit scores for the same role plays, and the
region's 2 coordinators issue certificates for the same two academies. Nothing is recorded twice, lost or
overwritten, certificate numbers are unique and gap-free, no answer is a 5xx, and the audit chain verifies."""
import hashlib
import json
from collections import Counter

import pytest
import sqlalchemy as sa
from flask import current_app

from lms.assessments.models import AttemptAnswer, ExamAttempt
from lms.audit.models import AuditEvent
from lms.audit.services import verify_chain
from lms.certificates import credential, signing
from lms.certificates.models import Certificate, CertificateEvent, CertificateSequence
from lms.extensions import db
from lms.scenarios import catalogue
from lms.scenarios.models import Evaluation, ScenarioRun, ScoreChange
from lms.scenarios.scoring import combine, disagreements, outcome
from tests.exam_answers import answers
from tests.factories import PASSWORD
from tests.scale import world as scale_world
from tests.scale.browsers import Browser, Traffic
from tests.scale.crowd import in_parallel, together

FETCH = {"X-Requested-With": "fetch"}
TWICE = 10  # learners who submit a second time, through the other server, at the same moment
PASS = {"safety": "5", "listening": "5", "suicide-question": "n/a"}
FAIL = {"safety": "2", "listening": "4", "suicide-question": "n/a"}


def right_answers(learner: int) -> int:
    return learner % 6  # 0 to 5 of the 5 questions right: scores from 0 to 100 %


def final_sheet(role_play: int, evaluator: int) -> dict[str, str]:
    """Role play 0 passed by everyone, 1 failed by everyone, 2 passed by half and failed by the other half."""
    if role_play == 0:
        return {**PASS, "safety": "5" if evaluator % 2 else "6"}
    return dict(FAIL if role_play == 1 or evaluator >= 5 else PASS)


def sheet_form(levels: dict[str, str], comment: str, notes: str) -> dict[str, str]:
    return {**{f"score-{key}": value for key, value in levels.items()}, "comment-listening": comment, "notes": notes}


@pytest.mark.postgres_only
def test_two_servers_take_exams_scores_and_certificates_at_once_and_lose_nothing(
        app, make_academy, make_account, make_region, start_servers, server_logs):
    world = scale_world.seed(app, make_academy, make_account, make_region)
    servers = start_servers()
    traffic = Traffic()

    def server(n: int):
        return servers[n % 2]

    everyone = world.learners + world.evaluators + world.coordinators
    browsers = {account.id: Browser(account.email, traffic) for account in everyone}
    in_parallel(lambda n, account: browsers[account.id].sign_in(server(n), server(n + 1), account, PASSWORD), everyone)

    def start_exam(n, learner) -> int:
        started = browsers[learner.id].post(server(n), "/exams/tiny-exam/start")
        assert started.status == 302 and "/exams/attempts/" in started.location, started.status
        return int(started.location.rstrip("/").split("/")[-1])

    attempt_ids = in_parallel(start_exam, world.learners)
    papers = [answers(app, attempt_id, right=right_answers(n)) for n, attempt_id in enumerate(attempt_ids)]

    def submit_exam(n: int, through: int):
        return lambda: browsers[world.learners[n].id].post(
            server(through), f"/exams/attempts/{attempt_ids[n]}/submit", papers[n]).status

    def evaluate(e: int):
        def work() -> list[int]:
            browser, statuses = browsers[world.evaluators[e].id], []
            for r, run_id in enumerate(world.run_ids):
                version = None
                for d in range(2):  # two drafts, each through another server, the version carried along
                    draft = {**sheet_form({"safety": str(3 + d), "listening": str(3 + d)}, "", f"draft {d}"),
                             "action": "save", "draft_id": f"{e}-{r}-{d}", **({"version": str(version)} if version
                                                                              else {})}
                    saved = browser.post(server(e + r + d), f"/scoring/runs/{run_id}", draft, FETCH)
                    statuses.append(saved.status)
                    version = saved.json()["version"] if saved.status == 200 else version
                resent = browser.post(server(e + r), f"/scoring/runs/{run_id}", draft, FETCH)  # a retry: once
                assert resent.status != 200 or resent.json()["version"] == version, (e, r, resent.text)
                statuses.append(resent.status)
                final = {**sheet_form(final_sheet(r, e), f"Evaluator {e} heard role play {r}.", f"notes {e}/{r}"),
                         "action": "submit", "version": str(version)}
                statuses.append(browser.post(server(e + r + 1), f"/scoring/runs/{run_id}", final).status)
            return statuses
        return work

    classes = list(world.ready)
    issuing = [(c, k, c + k) for c in range(2) for k in range(2)]  # each coordinator issues both academies

    def issue(c: int, k: int, through: int):
        return lambda: browsers[world.coordinators[c].id].post(server(through),
                                                               f"/certificates/classes/{classes[k]}").status

    crowd = ([submit_exam(n, n) for n in range(len(world.learners))]
             + [submit_exam(n, n + 1) for n in range(TWICE)]
             + [evaluate(e) for e in range(len(world.evaluators))]
             + [issue(c, k, through) for c, k, through in issuing])
    together(crowd)
    assert not traffic.server_errors(), server_logs(servers)
    assert set(traffic.statuses("POST", "/exams/attempts/")) == {302}
    assert Counter(traffic.statuses("POST", "/scoring/runs/")) == Counter(
        {200: 3 * len(world.run_ids) * len(world.evaluators), 302: len(world.run_ids) * len(world.evaluators)})
    assert traffic.statuses("POST", "/certificates/classes/") == [302] * len(issuing)

    for n, learner in enumerate(world.learners):  # each result, read through the other server
        result = browsers[learner.id].get(server(n + 1), f"/exams/attempts/{attempt_ids[n]}/result")
        assert result.status == 200 and f"{right_answers(n)} of 5 right" in result.text, (n, result.status)
    with app.app_context():
        _every_exam_submitted_once_and_graded(attempt_ids)
        _every_evaluation_kept_as_its_evaluator_left_it(world)
        codes = _certificates_issued_once_with_gap_free_numbers(world)
    for n, code in enumerate(codes):  # a certificate issued by one server verifies on both
        for through in (n, n + 1):
            shown = Browser("public", traffic).get(server(through), f"/verify/{code}.json")
            assert shown.status == 200 and shown.json()["signature"] == "valid" and shown.json()["status"] == "active"
    assert not traffic.server_errors(), server_logs(servers)
    with app.app_context():
        assert verify_chain() == []


def _every_exam_submitted_once_and_graded(attempt_ids: list[int]) -> None:
    attempts = db.session.execute(sa.select(ExamAttempt).where(ExamAttempt.id.in_(attempt_ids))).scalars().all()
    assert len(attempts) == len(attempt_ids) == len({a.person_id for a in attempts})
    by_id = {attempt.id: attempt for attempt in attempts}
    for n, attempt_id in enumerate(attempt_ids):
        attempt, right = by_id[attempt_id], right_answers(n)
        assert (attempt.number, attempt.status, attempt.closed_by) == (1, "submitted", "learner")
        assert attempt.submitted_at is not None
        assert (attempt.correct, attempt.total, attempt.score, attempt.passed) == (right, 5, right * 20.0, right >= 4)
    answered = Counter(db.session.execute(sa.select(AttemptAnswer.attempt_id)
                                          .where(AttemptAnswer.attempt_id.in_(attempt_ids))).scalars())
    assert answered == Counter({attempt_id: 5 for attempt_id in attempt_ids})
    submitted = Counter(db.session.execute(sa.select(AuditEvent.object_id).where(
        AuditEvent.action == "exam.submitted", AuditEvent.object_id.in_([str(i) for i in attempt_ids]))).scalars())
    assert submitted == Counter({str(attempt_id): 1 for attempt_id in attempt_ids})


def _every_evaluation_kept_as_its_evaluator_left_it(world) -> None:
    sheets = db.session.execute(sa.select(Evaluation).where(Evaluation.run_id.in_(world.run_ids))).scalars().all()
    expected = {(run_id, evaluator.id): (r, e) for r, run_id in enumerate(world.run_ids)
                for e, evaluator in enumerate(world.evaluators)}
    assert sorted((s.run_id, s.evaluator_id) for s in sheets) == sorted(expected)
    for sheet in sheets:
        r, e = expected[(sheet.run_id, sheet.evaluator_id)]
        levels = {key: None if value == "n/a" else int(value) for key, value in final_sheet(r, e).items()}
        assert sheet.status == "submitted" and sheet.submitted_at is not None
        assert json.loads(sheet.scores) == levels
        assert json.loads(sheet.comments) == {"listening": f"Evaluator {e} heard role play {r}."}
        assert sheet.notes == f"notes {e}/{r}"
    rubric = catalogue.rubric_for(catalogue.scenario("tiny-scenario"))
    critical = catalogue.scenario("tiny-scenario").critical
    for r, run_id in enumerate(world.run_ids):
        run = db.session.get(ScenarioRun, run_id)
        finals = [json.loads(s.scores) for s in sorted(sheets, key=lambda s: s.id) if s.run_id == run_id]
        combined = combine(rubric, finals)
        assert json.loads(run.combined) == combined and run.overall == outcome(rubric, combined, critical).overall
        if disagreements(rubric, finals, critical):
            assert (r, run.status, run.passed) == (2, "reconcile", None)
        else:
            assert (run.status, run.passed, run.decided_by) == ("decided", r == 0, "rule")
        submitted = db.session.execute(sa.select(ScoreChange.after).where(
            ScoreChange.run_id == run_id, ScoreChange.action == "evaluation_submitted")).scalars().all()
        assert sorted(json.loads(after)["evaluator_id"] for after in submitted) == sorted(
            e.id for e in world.evaluators)
    audited = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.action == "scenario.evaluation_submitted",
        AuditEvent.object_id.in_([str(run_id) for run_id in world.run_ids])))
    assert audited == len(world.run_ids) * len(world.evaluators)


def _certificates_issued_once_with_gap_free_numbers(world) -> list[str]:
    """Check every certificate; their verification codes."""
    certificates = db.session.execute(sa.select(Certificate).order_by(Certificate.number)).scalars().all()
    ready = {person_id: class_id for class_id, people in world.ready.items() for person_id in people}
    assert sorted(c.person_id for c in certificates) == sorted(ready)  # each ready person once
    assert not {c.person_id for c in certificates} & set(world.unready)
    assert all(c.class_id == ready[c.person_id] and c.status == "active" for c in certificates)
    prefix = f"UT-CIT-{certificates[0].issued_on.year}-"
    assert [c.number for c in certificates] == [f"{prefix}{n:06d}" for n in range(1, len(ready) + 1)]
    assert db.session.get(CertificateSequence, prefix.rstrip("-")).last == len(ready)
    keys = signing.public_keys()
    for certificate in certificates:
        assert certificate.pdf.startswith(b"%PDF") and hashlib.sha256(certificate.pdf).hexdigest() == \
            certificate.pdf_sha256
        assert credential.check(certificate, current_app.config["PUBLIC_BASE_URL"], keys) is None  # signed, matches
        assert signing.verify(certificate.credential, keys)["vc"]["certificateNumber"] == certificate.number
    issued = Counter(db.session.execute(sa.select(CertificateEvent.certificate_id)
                                        .where(CertificateEvent.action == "issued")).scalars())
    assert issued == Counter({c.id: 1 for c in certificates})
    audited = Counter(db.session.execute(sa.select(AuditEvent.object_id)
                                         .where(AuditEvent.action == "certificate.issued")).scalars())
    assert audited == Counter({str(c.id): 1 for c in certificates})
    return [c.code for c in certificates]
