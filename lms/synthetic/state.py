"""A synthetic state for benchmarks and scale tests, written with bulk inserts (thousands of rows per
statement, not one request per row): regions, agencies of uneven sizes with districts and three shifts,
officers with a current posting, the academies, attendance, exams and role plays of a quarter of them
(lms.synthetic.training), and their CIT certifications in every status. The same seed gives the same state.

Synthetic rows are marked: officer IDs start with "SY-", emails end in "@synthetic.test", certificate
numbers start with "SY-", so they never collide with real ones."""
import random
import secrets
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import func, select

from lms.agencies.models import Agency, District, Region, Shift
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.people.models import Employment, Person
from lms.synthetic.batches import in_batches
from lms.synthetic.training import Volunteer, generate_training

FIRST = ("Alex", "Blair", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper", "Indy", "Jesse", "Kendall", "Logan",
         "Morgan", "Noel", "Oakley", "Parker", "Quinn", "Reese", "Sawyer", "Taylor", "Val", "Wynn")
LAST = ("Archuleta", "Bennion", "Christensen", "Dalton", "Esplin", "Fonua", "Gardner", "Hatch", "Iwamoto", "Jensen",
        "Kapaona", "Larsen", "Manning", "Nielsen", "Olsen", "Pulsipher", "Quist", "Roundy", "Sorensen", "Tuilagi")
DISTRICT_NAMES = ("Central", "North", "South", "East", "West", "Downtown", "Harbor", "Airport", "Hills", "Valley")
SHIFTS = (("Day", time(6), time(14)), ("Swing", time(14), time(22)), ("Night", time(22), time(6)))
STATUSES = (("active", 0.84), ("expired", 0.08), ("suspended", 0.03), ("revoked", 0.03), ("superseded", 0.02))
CERTIFIED_SHARE = 0.25  # the program's goal: about a quarter of officers


@dataclass(frozen=True)
class Made:
    regions: int
    agencies: int
    officers: int
    certificates: int
    largest_agency_id: int
    academies: int = 0
    attendance_marks: int = 0
    exam_attempts: int = 0
    evaluations: int = 0


def _sizes(officers: int, agencies: int, rng: random.Random) -> list[int]:
    """Agency sizes that add up to `officers`: a few large departments and many small ones (Zipf-like)."""
    weights = [1 / (rank + 1) ** 0.9 for rank in range(agencies)]
    total = sum(weights)
    sizes = [max(1, int(officers * w / total)) for w in weights]
    sizes[0] += officers - sum(sizes)
    if sizes[0] < 1:  # more agencies than officers: trim from the small end
        sizes = [1] * officers + [0] * (agencies - officers)
    rng.shuffle(sizes[1:])
    return sizes


def generate(officers: int, agencies: int, seed: int = 1, today: date | None = None) -> Made:
    """Add a synthetic state of `officers` officers in `agencies` agencies; the caller commits."""
    rng, today = random.Random(seed), today or date.today()
    run = db.session.scalar(select(func.count(Region.id))) + 1  # a prefix, so a second run adds to the first
    regions = in_batches(Region, [{"code": f"SY{run}-{n}", "name": f"Synthetic region {run}-{n}"}
                                   for n in range(1, min(11, agencies) + 1)], Region.id)
    sizes = _sizes(officers, agencies, rng)
    agency_ids = in_batches(Agency, [{"name": f"Synthetic agency {run}-{n}", "kind": "police" if n % 5 else "sheriff",
                                       "region_id": regions[n % len(regions)]} for n in range(agencies)], Agency.id)
    postings: dict[int, tuple[list[int], list[int]]] = {}
    district_rows, shift_rows = [], []
    for agency_id, size in zip(agency_ids, sizes):
        count = max(1, min(len(DISTRICT_NAMES), size // 150))
        district_rows += [{"agency_id": agency_id, "name": DISTRICT_NAMES[d]} for d in range(count)]
        shift_rows += [{"agency_id": agency_id, "name": name, "starts_at": starts, "ends_at": ends}
                       for name, starts, ends in SHIFTS]
    district_ids, shift_ids = in_batches(District, district_rows, District.id), in_batches(Shift, shift_rows, Shift.id)
    for row, district_id in zip(district_rows, district_ids):
        postings.setdefault(row["agency_id"], ([], []))[0].append(district_id)
    for row, shift_id in zip(shift_rows, shift_ids):
        postings[row["agency_id"]][1].append(shift_id)

    people_rows, jobs = [], []
    number = db.session.scalar(select(func.count(Person.id)))
    for agency_id, size in zip(agency_ids, sizes):
        districts, shifts = postings[agency_id]
        for _ in range(size):
            number += 1
            people_rows.append({"legal_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "officer_id": f"SY-{number:07d}",
                                "email": f"officer{number}@synthetic.test"})
            started = today - timedelta(days=rng.randint(200, 9000))
            jobs.append({"agency_id": agency_id, "rank": "sergeant" if rng.random() < 0.1 else "officer",
                         "started_on": started, "district_id": rng.choice(districts), "shift_id": rng.choice(shifts),
                         "patrol_experience_since": started})
    person_ids = in_batches(Person, people_rows, Person.id)
    for job, person_id in zip(jobs, person_ids):
        job["person_id"] = person_id
    in_batches(Employment, jobs)
    region_of = {agency_id: regions[n % len(regions)] for n, agency_id in enumerate(agency_ids)}
    chosen = [i for i in range(len(person_ids)) if rng.random() < CERTIFIED_SHARE]
    trained = generate_training([Volunteer(person_ids[i], jobs[i]["agency_id"], region_of[jobs[i]["agency_id"]])
                                 for i in chosen], rng, today, run)
    certificates = _certificates(chosen, person_ids, jobs, people_rows, trained, rng, today, run)
    largest = agency_ids[max(range(len(sizes)), key=sizes.__getitem__)]
    return Made(len(regions), len(agency_ids), len(person_ids), certificates, largest, trained.academies,
                trained.marks, trained.attempts, trained.evaluations)


def _certificates(chosen: list[int], person_ids: list[int], jobs: list[dict], people_rows: list[dict], trained,
                  rng: random.Random, today: date, run: int) -> int:
    """A certification for each volunteer, dated the last day of their academy, in every status."""
    taken = set(db.session.execute(select(Certificate.status_index)).scalars())
    free = [n for n in rng.sample(range(131_072), min(131_072, len(chosen) + len(taken) + 10)) if n not in taken]
    statuses, weights = zip(*STATUSES)
    rows = []
    for n, i in enumerate(chosen):
        class_id, certified = trained.finished_on[person_ids[i]]
        status = rng.choices(statuses, weights)[0]
        valid_until = certified + timedelta(days=730)
        if status == "active" and valid_until < today:
            status = "expired"
        rows.append({
            "number": f"SY{run}-CIT-{certified.year}-{n + 1:07d}", "code": secrets.token_urlsafe(24),
            "kind": "certification", "person_id": person_ids[i], "holder_name": people_rows[i]["legal_name"],
            "officer_id": people_rows[i]["officer_id"], "agency_id": jobs[i]["agency_id"], "class_id": class_id,
            "agency_name": "Synthetic agency", "course_slug": trained.course.slug,
            "course_title": trained.course.title, "course_version": trained.version,
            "hours": trained.course.total_hours, "certified_on": certified, "issued_on": certified, "expires_on": valid_until,
            "valid_until": valid_until, "issuer": "State CIT Program", "signatory": "Synthetic data",
            "status": status, "status_changed_on": min(today, certified + timedelta(days=rng.randint(0, 700))),
            "status_index": free[n]})
    in_batches(Certificate, rows)
    return len(rows)
