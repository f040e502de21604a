"""The demo's assessments: a class mid-assessment with exam attempts (passed, failed, in progress), role plays
whose evaluators agree, disagree, and were reconciled, a released practice result, and a calibration case."""
from datetime import timedelta

from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.assessments import attempts, catalogue as exams
from lms.assessments.content import check_slug
from lms.curriculum import catalogue as courses
from lms.database import utcnow
from lms.people.models import Person
from lms.scenarios import calibration, catalogue as scenarios, services as scoring


def sit_exam(person: Person, exam, share_right: float, submit: bool, started) -> None:
    """An attempt with the first share of its questions answered right, submitted or left in progress."""
    attempt = attempts.start(person.id, exam, started)
    paper = attempts.paper(attempt)
    answered = paper[:round(share_right * len(paper))]
    attempts.save_answers(attempt, {item.position: item.question.kind.form_values(
        item.question, list(item.layout), item.question.kind.right_answer(item.question)) for item in answered},
        started + timedelta(minutes=5))
    if submit:
        attempts.submit(attempt, started + timedelta(minutes=20))


def score_sheet(scenario_slug: str, level: int, **overrides: int | None) -> dict[str, str]:
    """Scores for every criterion of the scenario's rubric: one level, some criteria different ("n/a" for None)."""
    rubric = scenarios.rubric_for(scenarios.scenario(scenario_slug))
    levels = {c.id: overrides.get(c.id.replace("-", "_"), level) for c in rubric.criteria}
    return {key: "n/a" if value is None else str(value) for key, value in levels.items()}


def score_run(run, evaluator: Account, sheet: dict, now) -> None:
    scoring.submit(run, evaluator, scores=sheet, comments={}, notes="", now=now)


def seed_assessments(academy: AcademyClass, recruit: Person, accepted: list[Person], lead: Account, mhp: Account,
                     coordinator: Account) -> None:
    now = utcnow()
    exam = exams.state_exam(academy.course_slug)
    officer, passing, failing, sitting = accepted[:4]
    sit_exam(passing, exam, 0.9, True, now - timedelta(hours=3))
    sit_exam(failing, exam, 0.6, True, now - timedelta(hours=3))
    sit_exam(sitting, exam, 0.3, False, now - timedelta(minutes=10))
    first = courses.course("mh-awareness").modules[0]
    sit_exam(recruit, exams.exam(check_slug(first.knowledge_check)), 1.0, True, now - timedelta(days=1))

    final = scoring.create_session(lead, academy, title="Final scenarios, day 5", final=True, min_evaluators=2,
                                   evaluator_ids=[lead.id, mhp.id], lead_evaluator_id=lead.id)
    agreed = scoring.add_run(final, lead, scenario_slug="bridge-suicidal-person", talker_id=passing.id,
                             cover_id=failing.id)
    score_run(agreed, lead, score_sheet("bridge-suicidal-person", 5, active_listening=6), now)
    score_run(agreed, mhp, score_sheet("bridge-suicidal-person", 5), now)
    split = scoring.add_run(final, lead, scenario_slug="psychosis-agitation", talker_id=failing.id,
                            cover_id=passing.id)
    score_run(split, lead, score_sheet("psychosis-agitation", 5, suicide_question=None), now)
    score_run(split, mhp, score_sheet("psychosis-agitation", 4, scene_safety=2, suicide_question=None), now)
    settled = scoring.add_run(final, lead, scenario_slug="mania-convenience-store", talker_id=sitting.id)
    score_run(settled, lead, score_sheet("mania-convenience-store", 4, suicide_question=None), now)
    score_run(settled, mhp, score_sheet("mania-convenience-store", 5, offering_choices=2, suicide_question=None), now)
    scoring.reconcile(settled, lead, passed=True, now=now, rationale=(
        "Choices were offered twice after the first minute; the clinician's note covers only the opening. The "
        "result stands on the rest of the sheet."))
    live = scoring.add_run(final, lead, scenario_slug="veteran-ptsd-garage", talker_id=officer.id)
    scoring.save_draft(live, lead, scores=score_sheet("veteran-ptsd-garage", 5), comments={}, notes="Good opening.",
                       now=now)

    practice = scoring.create_session(lead, academy, title="Practice scenarios, day 3", final=False,
                                      min_evaluators=2, evaluator_ids=[lead.id, mhp.id], lead_evaluator_id=lead.id)
    drill = scoring.add_run(practice, lead, scenario_slug="dementia-sundowning", talker_id=officer.id)
    score_run(drill, lead, score_sheet("dementia-sundowning", 5, non_verbal=6, suicide_question=None), now)
    score_run(drill, mhp, score_sheet("dementia-sundowning", 5, suicide_question=None), now)
    scoring.release(practice, lead, now)

    case = calibration.publish(coordinator, scenario_slug="bridge-suicidal-person", title="Bridge call, recorded in "
                               "the spring academy", account=(
        "Officer Reyes parks short of the bridge and agrees roles with her partner before getting out. She stops "
        "about twenty feet from the man, behind the end of the railing, gives her name and asks his. For the first "
        "three minutes she paraphrases what he says about losing his job and names his shame; she then asks "
        "plainly whether he is thinking of killing himself. Her partner keeps onlookers back and calls for traffic "
        "control but talks over her once. The man agrees to sit on the bench and to a ride to the crisis center."),
        reference=score_sheet("bridge-suicidal-person", 5, scene_safety=6, active_listening=6, team_roles_radio=4))
    calibration.respond(case, mhp, score_sheet("bridge-suicidal-person", 5, scene_safety=5, team_roles_radio=3), now)
