"""The demo's year of program history for the oversight pages: past Central Region academies with their exams,
final role plays and certificates (one two years back, so some certifications expire within 90 days), a small
agency covered on every shift, one with no CIT officer yet, and the regions' public contacts."""
from datetime import UTC, date, datetime, time, timedelta

from lms.academies.models import AcademyClass, ClassStaff
from lms.accounts.models import Account
from lms.agencies import services as agencies
from lms.agencies.models import Agency, Region
from lms.applications.models import Application
from lms.assessments import catalogue as exams
from lms.certificates import services as certificates
from lms.curriculum import versions
from lms.demo.assessment_seed import score_run, score_sheet, sit_exam
from lms.extensions import db
from lms.people import services as people
from lms.people.models import Person
from lms.scenarios import services as scoring

# (days ago the academy ended, its title, how many graduates, and whether one volunteer failed the exam)
ACADEMIES = ((690, "Central Region academy (two winters ago)", 4, False),
             (330, "Central Region academy (last winter)", 5, True),
             (150, "Central Region academy (early summer)", 5, False),
             (60, "Central Region academy (early autumn)", 4, True))
SMALL_AGENCIES = (("Sagebrush Springs Police Department", ("Town",), 6),
                  ("Willow Flats Police Department", ("Old Town", "Riverside"), 5))
FIRST_NAMES = ("Aiden", "Bea", "Cole", "Dina", "Eli", "Fern", "Gus", "Hana", "Ike", "June", "Kai", "Lena", "Milo",
               "Nora", "Omar", "Pia", "Quinn", "Rosa", "Seth", "Tess", "Uma", "Vic", "Wren", "Xavi", "Yara", "Zed")
LAST_NAMES = ("Abbott", "Barlow", "Castillo", "Draper", "Eskew", "Fontaine", "Garza", "Holt", "Iverson", "Jaramillo",
              "Kimura", "Larsen", "Mendez", "Nakai", "Osei", "Pruitt", "Quintana", "Rasmussen", "Sato", "Thayne")
CONTACTS = {"CR": ("Casey Coordinator", "Central Region CIT coordinator", "cit.central@demo.test", "(801) 555-0140"),
            "SR": ("Marisol Benally", "Southern Region CIT coordinator", "cit.southern@demo.test", "(435) 555-0177")}


def seed_history(coordinator: Account, lead: Account, mhp: Account) -> None:
    today = date.today()
    central = db.session.get(Region, coordinator.region_id)
    made = _small_agencies(central)
    pool = iter(_officers(made, central))
    for days_ago, title, graduates, one_fails in ACADEMIES:
        volunteers = [next(pool) for _ in range(graduates + one_fails)]
        _academy(today - timedelta(days=days_ago), title, volunteers, one_fails, coordinator, lead, mhp)
    for code, (name, title, email, phone) in CONTACTS.items():
        region = db.session.execute(db.select(Region).where(Region.code == code)).scalar_one()
        agencies.set_region_contact(region, contact_name=name, contact_title=title, contact_email=email,
                                    contact_phone=phone)


def _small_agencies(central: Region) -> dict[str, Agency]:
    made = {}
    for name, districts, _ in SMALL_AGENCIES:
        agency = agencies.save_agency(None, name=name, kind="police", region=central)
        for district in districts:
            agencies.add_district(agency, district)
        for shift_name, starts, ends in (("Day", time(6), time(14)), ("Swing", time(14), time(22)),
                                         ("Night", time(22), time(6))):
            agencies.add_shift(agency, shift_name, starts, ends)
        made[name] = agency
    db.session.flush()
    return made


def _officers(made: dict[str, Agency], central: Region) -> list[Person]:
    """Officers for the past academies, in the order they volunteered: from Cedar Hollow and Juniper County,
    with Sagebrush Springs' three (one per shift, so it becomes covered) after the first academy; Willow Flats
    sends nobody."""
    number = 0

    def hire(agency: Agency, district, shift) -> Person:
        nonlocal number
        name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {LAST_NAMES[number % len(LAST_NAMES)]}"
        person = people.create_person(legal_name=name, email=f"history{number}@demo.test",
                                      officer_id=f"UT-{300100 + number}")
        people.hire(person, agency, rank="officer", started_on=date(2012 + number % 9, 1 + number % 12, 1),
                    district=district, shift=shift, patrol_experience_since=date(2012 + number % 9, 6, 1))
        number += 1
        return person

    springs, flats = made["Sagebrush Springs Police Department"], made["Willow Flats Police Department"]
    first = [hire(springs, springs.districts[0], shift) for shift in springs.shifts]
    for n in range(3):  # colleagues who stay on patrol
        hire(springs, springs.districts[0], springs.shifts[n])
    for n in range(5):
        hire(flats, flats.districts[n % 2], flats.shifts[n % 3])
    others = [agency for agency in central.agencies if agency.name not in made]
    volunteers = [hire(agency, agency.districts[n % len(agency.districts)], agency.shifts[(n // 2) % 3])
                  for n, agency in ((n, others[n % len(others)]) for n in range(17))]
    return volunteers[:4] + first + volunteers[4:]


def _academy(ended: date, title: str, volunteers: list[Person], one_fails: bool, coordinator: Account, lead: Account,
             mhp: Account) -> None:
    slug = "cit-advanced"
    version = versions.current_version(slug)
    academy = AcademyClass(course_slug=slug, course_version_id=version.id, region_id=coordinator.region_id,
                           title=title, location="Cedar Hollow public safety building",
                           starts_on=ended - timedelta(days=4), ends_on=ended, capacity=24,
                           seats_taken=len(volunteers), lead_instructor_id=lead.id)
    db.session.add(academy)
    db.session.flush()
    db.session.add(ClassStaff(class_id=academy.id, account_id=mhp.id))
    for person in volunteers:
        db.session.add(Application(person_id=person.id, agency_id=person.current_employment.agency_id,
                                   course_slug=slug, motivation="Volunteered for the regional academy.",
                                   status="accepted", class_id=academy.id))
    db.session.flush()
    last_day = datetime.combine(ended, time(9), UTC)
    exam = exams.state_exam(slug)
    for n, person in enumerate(volunteers):
        sit_exam(person, exam, 0.5 if one_fails and n == len(volunteers) - 1 else 0.95, True,
                 last_day - timedelta(days=1))
    final = scoring.create_session(lead, academy, title="Final scenarios", final=True, min_evaluators=2,
                                   evaluator_ids=[lead.id, mhp.id], lead_evaluator_id=lead.id)
    for person in volunteers:
        run = scoring.add_run(final, lead, scenario_slug="bridge-suicidal-person", talker_id=person.id)
        for evaluator in (lead, mhp):
            score_run(run, evaluator, score_sheet("bridge-suicidal-person", 5), last_day)
    scoring.release(final, lead, last_day + timedelta(hours=4))
    course = certificates.course_of(academy)
    for n, person in enumerate(volunteers):
        if not (one_fails and n == len(volunteers) - 1):
            certificates.issue_record(person, kind="certification", course=course, version=version.version_id,
                                      academy=academy, actor=coordinator, today=ended)
