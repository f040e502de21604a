"""What the several-servers test starts from, seeded through the services and factories before the servers
start: 50 volunteers accepted into an academy, a final role-play session with 10 evaluators, and two academies
of one region, run by its two coordinators, whose volunteers are ready for their certificates."""
from dataclasses import dataclass

from lms.academies.models import AcademyClass
from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.extensions import db
from lms.people.models import Person
from lms.scenarios import services as scoring
from tests.certification import complete_record

LEARNERS, EVALUATORS, ROLE_PLAYS = 50, 10, 3
READY_PER_CLASS = 3


@dataclass
class World:
    learners: list  # officer accounts accepted into the exam academy
    evaluators: list  # instructors and clinicians of the final session; the lead evaluator first
    run_ids: list[int]  # role plays every evaluator scores
    coordinators: list  # the two coordinators of one region
    ready: dict[int, list[int]]  # certificate academy id -> people who have met every completion rule
    unready: list[int]  # people of those academies who have not


def seed(app, make_academy, make_account, make_region) -> World:
    lead = make_account(Role.INSTRUCTOR, name="Lena Lead")
    evaluators = [lead] + [make_account(Role.INSTRUCTOR if n < 4 else Role.MHP, name=f"Evaluator {n}")
                           for n in range(EVALUATORS - 1)]
    class_id, _, _, people = make_academy(people=LEARNERS, lead=lead, capacity=LEARNERS)
    with app.app_context():
        persons = [db.session.get(Person, person_id) for person_id in people]
    learners = [make_account(Role.OFFICER, person=person) for person in persons]
    with app.app_context():
        organiser = db.session.get(Account, lead.id)
        session = scoring.create_session(organiser, db.session.get(AcademyClass, class_id), title="Final scenarios",
                                         final=True, min_evaluators=2, evaluator_ids=[e.id for e in evaluators],
                                         lead_evaluator_id=lead.id)
        runs = [scoring.add_run(session, organiser, scenario_slug="tiny-scenario", talker_id=person_id)
                for person_id in people[:ROLE_PLAYS]]
        db.session.commit()
        run_ids = [run.id for run in runs]
    region = make_region()
    coordinators = [make_account(Role.COORDINATOR, region=region, name=f"Coordinator {n}") for n in range(2)]
    ready, unready = {}, []
    for coordinator in coordinators:
        academy_id, _, academy_lead, volunteers = make_academy(people=READY_PER_CLASS + 1, coordinator=coordinator)
        clinician = make_account(Role.MHP)
        with app.app_context():
            academy = db.session.get(AcademyClass, academy_id)
            for person_id in volunteers[:READY_PER_CLASS]:
                complete_record(person_id, academy, db.session.get(Account, academy_lead.id),
                                db.session.get(Account, clinician.id))
            db.session.commit()
        ready[academy_id], unready = volunteers[:READY_PER_CLASS], unready + volunteers[READY_PER_CLASS:]
    return World(learners, evaluators, run_ids, coordinators, ready, unready)
