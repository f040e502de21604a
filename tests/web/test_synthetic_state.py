"""`lms seed synthetic`: a realistic state in bulk (postings, academies with attendance, exams and role plays,
certifications in every status), the same for the same seed, refusing impossible sizes."""
from sqlalchemy import func, select

from lms.academies.models import AcademyClass
from lms.agencies.models import Agency, District, Shift
from lms.applications.models import Application
from lms.assessments.models import ExamAttempt
from lms.attendance.models import AttendanceMark
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.curriculum import catalogue
from lms.people.models import Employment, Person
from lms.scenarios.models import Evaluation


def test_the_command_adds_a_state_with_postings_and_certifications_in_every_status(app):
    result = app.test_cli_runner().invoke(args=["seed", "synthetic", "--officers", "2000", "--agencies", "40"])
    assert result.exit_code == 0 and "Added 2000 officers in 40 agencies and 11 regions, with" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Employment.id))) == 2000  # officers (staff have no posting)
        assert db.session.scalar(select(func.count(Agency.id))) == 40
        assert db.session.scalar(select(func.count(Shift.id))) == 120
        assert db.session.scalar(select(func.count(District.id))) >= 40
        unposted = select(func.count(Employment.id)).where(Employment.district_id.is_(None))
        assert db.session.scalar(unposted) == 0
        statuses = set(db.session.execute(select(Certificate.status).distinct()).scalars())
        assert statuses == {"active", "expired", "suspended", "revoked", "superseded"}
        share = db.session.scalar(select(func.count(Certificate.id))) / 2000
        assert 0.2 < share < 0.3
        certified = db.session.scalar(select(func.count(Certificate.id)))
        assert db.session.scalar(select(func.count(ExamAttempt.id)).where(ExamAttempt.passed.is_(True))) == certified
        assert db.session.scalar(select(func.count(Evaluation.id))) == 2 * certified
        assert db.session.scalar(select(func.count(Application.id)).where(Application.status == "accepted")) == certified
        sessions_each = len(catalogue.course(app.config["ACADEMY_COURSE"]).modules)
        assert db.session.scalar(select(func.count(AttendanceMark.id))) == sessions_each * certified
        # every certification is dated the last day of its holder's academy, in the holder's region
        mismatched = select(func.count(Certificate.id)).join(AcademyClass, AcademyClass.id == Certificate.class_id) \
            .where(AcademyClass.ends_on != Certificate.certified_on)
        assert db.session.scalar(mismatched) == 0
        largest = db.session.execute(select(func.count(Employment.id)).group_by(Employment.agency_id)
                                     .order_by(func.count(Employment.id).desc())).scalars().first()
        assert largest > 2000 / 40 * 3  # a few large departments and many small ones


def test_the_same_seed_gives_the_same_state_and_a_second_run_adds_to_the_first(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        assert runner.invoke(args=["seed", "synthetic", "--officers", "300", "--agencies", "5",
                                   "--seed", "4"]).exit_code == 0
    with app.app_context():
        names = db.session.execute(select(Person.legal_name).join(Employment).order_by(Person.id)).scalars().all()
        assert len(names) == 600 and names[:300] == names[300:]


def test_impossible_sizes_are_refused(app):
    result = app.test_cli_runner().invoke(args=["seed", "synthetic", "--officers", "5", "--agencies", "9"])
    assert result.exit_code != 0 and "There cannot be more agencies than officers." in result.output
    result = app.test_cli_runner().invoke(args=["seed", "synthetic", "--officers", "0"])
    assert result.exit_code != 0
