"""The training history behind a synthetic state's certifications, in bulk: each region's instructor and
mental health professional, academies of about two dozen volunteers spread over the last three years, every
module's session with the volunteers marked present, their accepted applications, a passed state written exam,
and a final role play decided by two evaluators. Rows are written thousands at a time."""
import json
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app

from lms.academies.models import AcademyClass, ClassSession
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.applications.models import Application
from lms.assessments import catalogue as exams
from lms.assessments.models import ExamAttempt
from lms.attendance.models import AttendanceMark
from lms.curriculum import catalogue, versions
from lms.people.models import Person
from lms.scenarios import catalogue as scenarios
from lms.scenarios.models import Evaluation, ScenarioRun, ScenarioSession, SessionEvaluator
from lms.synthetic.batches import in_batches

SEATS = 24
UNUSABLE_PASSWORD = "!synthetic"  # no password verifies against it: these staff never sign in


@dataclass(frozen=True)
class Volunteer:
    person_id: int
    agency_id: int
    region_id: int


@dataclass(frozen=True)
class Trained:
    academies: int
    sessions: int
    marks: int
    attempts: int
    evaluations: int
    finished_on: dict[int, tuple[int, date]]  # person id -> (academy id, the day it ended)
    course: object  # the course the academies taught (lms.curriculum content)
    version: str


def _staff(region_ids: list[int], run: int) -> dict[int, tuple[int, int]]:
    """An instructor and a mental health professional per region: region id -> (instructor, clinician) ids."""
    people = [{"legal_name": f"Synthetic {kind} {run}-{region}", "officer_id": f"SY{run}-{kind[:2].upper()}-{region}",
               "email": f"{kind}.{run}.{region}@synthetic.test"} for region in region_ids
              for kind in ("instructor", "clinician")]
    person_ids = in_batches(Person, people, Person.id)
    accounts = [{"person_id": person_id, "role": (Role.INSTRUCTOR if n % 2 == 0 else Role.MHP).value,
                 "password_hash": UNUSABLE_PASSWORD} for n, person_id in enumerate(person_ids)]
    account_ids = in_batches(Account, accounts, Account.id)
    return {region: (account_ids[2 * n], account_ids[2 * n + 1]) for n, region in enumerate(region_ids)}


def generate_training(volunteers: list[Volunteer], rng: random.Random, today: date, run: int) -> Trained:
    versions.publish_all(catalogue.courses())
    course = catalogue.course(current_app.config["ACADEMY_COURSE"])  # the course academies teach
    version, exam = versions.current_version(course.slug), exams.state_exam(course.slug)
    scenario = scenarios.scenarios()[min(scenarios.scenarios())]
    criteria = [c.id for c in scenarios.rubric_for(scenario).criteria]
    by_region: dict[int, list[Volunteer]] = {}
    for volunteer in volunteers:
        by_region.setdefault(volunteer.region_id, []).append(volunteer)
    staff = _staff(sorted(by_region), run)

    classes, groups = [], []
    for region_id, members in sorted(by_region.items()):
        for start in range(0, len(members), SEATS):
            group = members[start:start + SEATS]
            ends = today - timedelta(days=rng.randint(5, 1_000))
            classes.append({"course_slug": course.slug, "course_version_id": version.id, "region_id": region_id,
                            "title": f"Synthetic academy {run}-{len(classes) + 1}", "location": "Regional center",
                            "starts_on": ends - timedelta(days=4), "ends_on": ends, "capacity": SEATS,
                            "seats_taken": len(group), "lead_instructor_id": staff[region_id][0]})
            groups.append(group)
    class_ids = in_batches(AcademyClass, classes, AcademyClass.id)

    sessions, session_owner = [], []
    for class_id, row in zip(class_ids, classes):
        clock = datetime.combine(row["starts_on"], time(8))
        for module in course.modules:
            ends = clock + timedelta(hours=module.hours)
            sessions.append({"class_id": class_id, "module_slug": module.slug, "day": clock.date(),
                             "starts_at": clock.time(), "ends_at": ends.time(), "place": "Classroom"})
            session_owner.append((class_id, row["region_id"]))
            clock = ends if ends.hour < 17 else datetime.combine(clock.date() + timedelta(days=1), time(8))
    session_ids = in_batches(ClassSession, sessions, ClassSession.id)
    sessions_of: dict[int, list[int]] = {}
    for session_id, (class_id, _) in zip(session_ids, session_owner):
        sessions_of.setdefault(class_id, []).append(session_id)

    applications, marks, attempts, finals, finished = [], [], [], [], {}
    for class_id, row, group in zip(class_ids, classes, groups):
        lead = staff[row["region_id"]][0]
        ended = datetime.combine(row["ends_on"], time(15), UTC)
        finals.append({"class_id": class_id, "title": "Final scenarios", "final": True, "min_evaluators": 2,
                       "lead_evaluator_id": lead, "created_by_id": lead, "released_at": ended})
        for volunteer in group:
            finished[volunteer.person_id] = (class_id, row["ends_on"])
            applications.append({"person_id": volunteer.person_id, "agency_id": volunteer.agency_id,
                                 "course_slug": course.slug, "motivation": "Synthetic volunteer.", "status": "accepted",
                                 "class_id": class_id})
            marks += [{"session_id": session_id, "person_id": volunteer.person_id, "status": "present",
                       "minutes_late": 0, "recorded_by_id": lead} for session_id in sessions_of[class_id]]
            correct = rng.randint(33, 40)
            attempts.append({"person_id": volunteer.person_id, "exam_slug": exam.slug, "course_slug": course.slug,
                             "number": 1, "status": "submitted", "paper": "[]", "started_at": ended - timedelta(hours=3),
                             "submitted_at": ended - timedelta(hours=2), "closed_by": "learner", "correct": correct,
                             "total": 40, "score": round(100 * correct / 40, 1), "passed": True})
    in_batches(Application, applications)
    in_batches(AttendanceMark, marks)
    in_batches(ExamAttempt, attempts)
    final_ids = in_batches(ScenarioSession, finals, ScenarioSession.id)
    evaluators, runs, run_owner = [], [], []
    for final_id, row, group in zip(final_ids, classes, groups):
        pair = staff[row["region_id"]]
        evaluators += [{"session_id": final_id, "account_id": account_id} for account_id in pair]
        decided = datetime.combine(row["ends_on"], time(14), UTC)
        for volunteer in group:
            runs.append({"session_id": final_id, "scenario_slug": scenario.slug, "talker_id": volunteer.person_id,
                         "attempt": 1, "status": "decided", "combined": json.dumps({c: 5 for c in criteria}),
                         "overall": 5.0, "passed": True, "decided_by": "rule", "decided_at": decided})
            run_owner.append((pair, decided))
    in_batches(SessionEvaluator, evaluators)
    run_ids = in_batches(ScenarioRun, runs, ScenarioRun.id)
    evaluations = [{"run_id": run_id, "evaluator_id": account_id, "status": "submitted",
                    "scores": json.dumps({c: rng.choice((4, 5, 5, 6)) for c in criteria}), "comments": "{}",
                    "notes": "", "updated_at": decided, "submitted_at": decided}
                   for run_id, (pair, decided) in zip(run_ids, run_owner) for account_id in pair]
    in_batches(Evaluation, evaluations)
    return Trained(len(class_ids), len(session_ids), len(marks), len(attempts), len(evaluations), finished, course,
                   version.version_id)
