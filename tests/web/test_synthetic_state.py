"""`lms seed synthetic`: a realistic state in bulk, the same for the same seed, refusing impossible sizes."""
from sqlalchemy import func, select

from lms.agencies.models import Agency, District, Shift
from lms.certificates.models import Certificate
from lms.extensions import db
from lms.people.models import Employment, Person


def test_the_command_adds_a_state_with_postings_and_certifications_in_every_status(app):
    result = app.test_cli_runner().invoke(args=["seed", "synthetic", "--officers", "2000", "--agencies", "40"])
    assert result.exit_code == 0 and "Added 2000 officers in 40 agencies and 11 regions" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Person.id))) == 2000
        assert db.session.scalar(select(func.count(Agency.id))) == 40
        assert db.session.scalar(select(func.count(Shift.id))) == 120
        assert db.session.scalar(select(func.count(District.id))) >= 40
        unposted = select(func.count(Employment.id)).where(Employment.district_id.is_(None))
        assert db.session.scalar(unposted) == 0
        statuses = set(db.session.execute(select(Certificate.status).distinct()).scalars())
        assert statuses == {"active", "expired", "suspended", "revoked", "superseded"}
        share = db.session.scalar(select(func.count(Certificate.id))) / 2000
        assert 0.2 < share < 0.3
        largest = db.session.execute(select(func.count(Employment.id)).group_by(Employment.agency_id)
                                     .order_by(func.count(Employment.id).desc())).scalars().first()
        assert largest > 2000 / 40 * 3  # a few large departments and many small ones


def test_the_same_seed_gives_the_same_state_and_a_second_run_adds_to_the_first(app):
    runner = app.test_cli_runner()
    for _ in range(2):
        assert runner.invoke(args=["seed", "synthetic", "--officers", "300", "--agencies", "5",
                                   "--seed", "4"]).exit_code == 0
    with app.app_context():
        names = db.session.execute(select(Person.legal_name).order_by(Person.id)).scalars().all()
        assert len(names) == 600 and names[:300] == names[300:]


def test_impossible_sizes_are_refused(app):
    result = app.test_cli_runner().invoke(args=["seed", "synthetic", "--officers", "5", "--agencies", "9"])
    assert result.exit_code != 0 and "There cannot be more agencies than officers." in result.output
    result = app.test_cli_runner().invoke(args=["seed", "synthetic", "--officers", "0"])
    assert result.exit_code != 0
