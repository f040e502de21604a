"""Benchmark: evaluators saving role-play drafts at once.

20 evaluators (by default), each signed in with their own session, save their sheet for a role play again and
again, all at the same time. The same threads first read the public home page in the same way: that is the
baseline, measured in the same run on the same machine, so the ratio means something on a shared, noisy box.

    python -m lms.benchmarks.draft_saves                      # SQLite in a temporary file
    python -m lms.benchmarks.draft_saves --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

It prints the median and 95th percentile in milliseconds for both, and the ratios. It never fails: it reports.
"""
import argparse
import statistics
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from flask_migrate import upgrade

from lms import create_app
from lms.benchmarks.load_world import PASSWORD, bench_account
from lms.config import TestConfig


def _settings(database_url: str) -> dict:
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    settings.update({"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False, "MFA_REQUIRED_ROLES": ()})
    return settings


def _world(app, evaluators: int) -> list[tuple[str, int]]:
    """An academy with one role play per evaluator, every evaluator on the session: [(email, run id)]."""
    from lms.academies import services as academies
    from lms.accounts import passwords
    from lms.accounts.roles import Role
    from lms.agencies import services as agencies
    from lms.applications.models import Application
    from lms.curriculum import catalogue, versions
    from lms.extensions import db
    from lms.people import services as people
    from lms.scenarios import services as scoring

    with app.app_context():
        versions.publish_all(catalogue.courses())
        region = agencies.create_region(code="BR", name="Bench Region")
        agency = agencies.save_agency(None, name="Bench Police Department", kind="police", region=region)
        hashed = passwords.hash_password(PASSWORD)

        def login(n: int, role: Role, **scope):
            return bench_account(role, name=f"{role.value.title()} {n}", email=f"{role.value}{n}@bench.test",
                                 officer_id=f"BR-{role.value[:2]}-{n}", hashed=hashed, **scope)

        coordinator = login(0, Role.COORDINATOR, region_id=region.id)
        staff = [login(n, Role.INSTRUCTOR if n % 2 else Role.MHP) for n in range(1, evaluators + 1)]
        lead = next(a for a in staff if a.role == "instructor")
        start = date.today() + timedelta(days=7)
        academy = academies.schedule_class(coordinator, title="Bench academy", location="Hall", starts_on=start,
                                           ends_on=start + timedelta(days=4), capacity=60, lead_instructor_id=lead.id)
        officers = []
        for n in range(evaluators):
            person = people.create_person(legal_name=f"Officer {n}", email=f"officer{n}@bench.test",
                                          officer_id=f"BR-OF-{n}")
            people.hire(person, agency, rank="officer", started_on=date(2015, 1, 5))
            db.session.add(Application(person_id=person.id, agency_id=agency.id, course_slug=academy.course_slug,
                                       motivation="Bench volunteer.", status="accepted", class_id=academy.id))
            officers.append(person)
        db.session.flush()
        session = scoring.create_session(lead, academy, title="Bench scenarios", final=True, min_evaluators=2,
                                         evaluator_ids=[a.id for a in staff], lead_evaluator_id=lead.id)
        runs = [scoring.add_run(session, lead, scenario_slug="bridge-suicidal-person", talker_id=o.id)
                for o in officers]
        db.session.commit()
        return [(account.email, run.id) for account, run in zip(staff, runs)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _together(clients, action, rounds: int) -> list[float]:
    """Run `action(client, n)` `rounds` times in every client's own thread, all starting at once; latencies in ms."""
    barrier, timings, lock = threading.Barrier(len(clients)), [], threading.Lock()

    def work(index: int, client) -> None:
        mine = []
        barrier.wait()
        for n in range(rounds):
            began = time.perf_counter()
            response = action(index, client, n)
            mine.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--evaluators", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    url = options.database_url or f"sqlite:///{Path(folder.name) / 'bench.db'}"
    app = create_app(_settings(url))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    sheets = _world(app, options.evaluators)
    clients = []
    for email, _ in sheets:
        client = app.test_client()
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        clients.append(client)
    baseline = _together(clients, lambda i, c, n: c.get("/"), options.rounds)

    def save(index, client, n):
        levels = {"score-scene-safety": str(3 + n % 4), "score-active-listening": "5", "notes": f"round {n}"}
        return client.post(f"/scoring/runs/{sheets[index][1]}", data={**levels, "action": "save",
                                                                      "draft_id": f"{index}-{n}"},
                           headers={"X-Requested-With": "fetch"})

    drafts = _together(clients, save, options.rounds)
    base_median, base_p95 = statistics.median(baseline), _percentile(baseline, 0.95)
    median, p95 = statistics.median(drafts), _percentile(drafts, 0.95)
    print(f"database: {url.split(':')[0]}; {options.evaluators} evaluators in parallel, {options.rounds} saves each")
    print(f"baseline (home page GET): median {base_median:.1f} ms, p95 {base_p95:.1f} ms")
    print(f"draft save (POST):        median {median:.1f} ms, p95 {p95:.1f} ms")
    print(f"ratio to baseline:        median {median / base_median:.2f}x, p95 {p95 / base_p95:.2f}x")
    folder.cleanup()


if __name__ == "__main__":
    main()
