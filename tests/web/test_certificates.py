"""Issuing certificates: the preview names what is missing, issuing is idempotent with gap-free numbers, the
record is frozen, status changes are recorded and re-authenticated, and anyone can verify."""
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from freezegun import freeze_time

from lms.accounts.roles import Role
from lms.certificates.models import Certificate, CertificateEvent
from lms.extensions import db
from lms.people.models import Person
from tests.certification import ready_academy
from tests.factories import PASSWORD
from tests.concurrency import at_once
from tests.query_count import counting_queries


@pytest.fixture
def issued(app, client, sign_in, make_academy, make_account):
    """The coordinator (signed in) issued the academy's certificates: (class id, coordinator, certificate)."""
    class_id, coordinator, people = ready_academy(app, make_academy, make_account)
    sign_in(coordinator)
    assert client.post(f"/certificates/classes/{class_id}").status_code == 302
    with app.app_context():
        certificate = db.session.execute(sa.select(Certificate)).scalar_one()
        db.session.expunge(certificate)
    return class_id, coordinator, certificate


def test_the_preview_names_who_is_ready_and_what_the_others_miss(app, client, sign_in, make_academy, make_account):
    class_id, coordinator, people = ready_academy(app, make_academy, make_account)
    sign_in(coordinator)
    page = client.get(f"/certificates/classes/{class_id}").get_data(as_text=True)
    assert "Ready to issue" in page and "Issue 1 certificate" in page
    assert "State written exam not passed" in page and "No final role-play result released yet" in page
    assert "1 h owed in Practice" in page


def test_issuing_is_idempotent_and_numbers_follow_the_state_format(app, client, issued):
    class_id, _, certificate = issued
    assert re.fullmatch(rf"UT-CIT-{date.today().year}-000001", certificate.number)
    assert len(certificate.code) >= 32 and certificate.number not in certificate.code
    again = client.post(f"/certificates/classes/{class_id}", follow_redirects=True).get_data(as_text=True)
    assert "Nothing new to issue" in again
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Certificate.id))) == 1
        assert db.session.get(Certificate, certificate.id).issued_on == certificate.issued_on


def test_the_record_is_frozen_when_the_profile_changes(app, client, issued):
    _, _, certificate = issued
    with app.app_context():
        db.session.get(Person, certificate.person_id).legal_name = "Somebody Else"
        db.session.commit()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert certificate.holder_name in page and "Somebody Else" not in page


def test_the_public_page_shows_the_status_and_nothing_personal(app, issued):
    _, _, certificate = issued
    public = app.test_client()
    response = public.get(f"/verify/{certificate.code}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Active" in page and certificate.holder_name in page
    assert f"<dd>{certificate.course_title} ({certificate.hours:g} hours)</dd>" in page
    assert response.headers["X-Robots-Tag"] == "noindex" and response.headers["Referrer-Policy"] == "no-referrer"
    with app.app_context():
        person = db.session.get(Person, certificate.person_id)
        assert person.email not in page and person.officer_id not in page and certificate.agency_name not in page
    data = public.get(f"/verify/{certificate.code}.json").get_json()
    assert data["status"] == "active" and data["holder"] == certificate.holder_name and "email" not in data


def test_unknown_codes_and_wrong_surnames_get_the_same_answer(app, issued):
    _, _, certificate = issued
    public = app.test_client()
    forged = public.get(f"/verify/{certificate.code[:-1]}x")
    wrong = public.post("/verify", data={"number": certificate.number, "surname": "Nobody"})
    assert forged.status_code == wrong.status_code == 404
    assert "No certificate found" in forged.get_data(as_text=True) and "No certificate found" in wrong.get_data(
        as_text=True)
    right = public.post("/verify", data={"number": certificate.number.lower(),
                                         "surname": certificate.holder_name.split()[-1].upper()})
    assert right.status_code == 302 and right.headers["Location"] == f"/verify/{certificate.code}"


def test_too_many_lookups_from_one_client_get_429_and_are_logged(app, issued, caplog):
    _, _, certificate = issued
    public = app.test_client()
    with freeze_time(datetime.now(UTC).replace(second=5)):  # all in one minute: the limit counts per minute
        codes = [public.get(f"/verify/unknown-{n}").status_code
                 for n in range(app.config["VERIFY_LOOKUPS_PER_MINUTE"])]
        assert set(codes) == {404}
        assert public.get(f"/verify/{certificate.code}").status_code == 429
    assert "verification lookups over the limit from 127.0.0.1" in caplog.text
    truncated = app.test_client().get(f"/verify/{certificate.code[:-3]}", environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert truncated.status_code == 404 and "No certificate found" in truncated.get_data(as_text=True)


def test_revoking_needs_a_reason_a_note_and_the_password_and_keeps_the_record(app, client, issued):
    _, _, certificate = issued
    url = f"/certificates/{certificate.id}"
    no_password = client.post(url, data={"to": "revoked", "reason": "issued-in-error",
                                         "note": "Hours were entered for the wrong academy.", "password": "wrong"})
    assert no_password.status_code == 400 and "Your password is not right" in no_password.get_data(as_text=True)
    no_note = client.post(url, data={"to": "revoked", "reason": "issued-in-error", "note": "", "password": PASSWORD})
    assert no_note.status_code == 400 and "Write a note" in no_note.get_data(as_text=True)
    done = client.post(url, data={"to": "revoked", "reason": "issued-in-error",
                                  "note": "Hours were entered for the wrong academy.", "password": PASSWORD})
    assert done.status_code == 302
    page = app.test_client().get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert "Revoked since" in page and "Issued in error" in page and "Hours were entered" not in page
    with app.app_context():
        assert db.session.get(Certificate, certificate.id).status == "revoked"
        assert [e.action for e in db.session.execute(sa.select(CertificateEvent)).scalars()] == ["issued", "revoked"]
        with pytest.raises(sa.exc.DatabaseError):
            db.session.execute(sa.text("DELETE FROM certificates"))
            db.session.flush()


def test_a_suspension_can_be_lifted(app, client, issued):
    _, _, certificate = issued
    url = f"/certificates/{certificate.id}"
    client.post(url, data={"to": "suspended", "reason": "under-review", "note": "Complaint under review.",
                           "password": PASSWORD})
    assert "Suspended since" in app.test_client().get(f"/verify/{certificate.code}").get_data(as_text=True)
    client.post(url, data={"to": "active", "reason": "review-cleared", "note": "Review found no fault.",
                           "password": PASSWORD})
    assert "is valid until" in app.test_client().get(f"/verify/{certificate.code}").get_data(as_text=True)


def test_a_coordinator_of_another_region_cannot_change_a_status(app, issued, sign_in, make_account):
    _, _, certificate = issued
    other = app.test_client()
    sign_in(make_account(Role.COORDINATOR), via=other)
    assert other.post(f"/certificates/{certificate.id}", data={
        "to": "revoked", "reason": "fraud", "note": "Trying from elsewhere.", "password": PASSWORD}).status_code == 404


def test_an_expired_certificate_shows_as_expired_on_the_day_after(app, issued):
    _, _, certificate = issued
    with app.app_context():
        db.session.get(Certificate, certificate.id).valid_until = date.today() - timedelta(days=1)
        db.session.commit()
    assert "Expired since" in app.test_client().get(f"/verify/{certificate.code}").get_data(as_text=True)


def test_the_officer_sees_their_certificate(app, issued, sign_in, make_account):
    _, _, certificate = issued
    officer = app.test_client()
    with app.app_context():
        person = db.session.get(Person, certificate.person_id)
    sign_in(make_account(Role.OFFICER, person=person), via=officer)
    page = officer.get("/certificates/mine").get_data(as_text=True)
    assert certificate.number in page and f"/verify/{certificate.code}" in page


def test_the_verification_page_and_its_json_take_one_query_each(app, issued):
    """The public keys are read once per process (the first verification); after that, the certificate only."""
    _, _, certificate = issued
    public = app.test_client()
    with counting_queries(app) as first:
        assert public.get(f"/verify/{certificate.code}").status_code == 200
    assert len(first) <= 2, first
    for path in (f"/verify/{certificate.code}", f"/verify/{certificate.code}.json"):
        with counting_queries(app) as queries:
            assert public.get(path).status_code == 200
        assert len(queries) == 1, queries


def test_two_coordinators_issuing_at_once_issue_once_with_no_gap(app, build_app, app_settings, client, sign_in,
                                                                 make_academy, make_account):
    class_id, coordinator, people = ready_academy(app, make_academy, make_account)
    sign_in(coordinator)
    other = build_app(app_settings).test_client()
    sign_in(make_account(Role.ADMIN), via=other)
    codes = at_once(*(lambda http=http: http.post(f"/certificates/classes/{class_id}").status_code
                      for http in (client, other)))
    assert sorted(codes) == [302, 302]
    with app.app_context():
        numbers = db.session.execute(sa.select(Certificate.number)).scalars().all()
        assert len(numbers) == 1 and numbers[0].endswith("-000001")


def test_with_redis_the_lookup_limit_is_shared_by_every_application_server(build_app, database_url):
    import secrets

    from tests.conftest import settings_for

    settings = settings_for(database_url, RATE_LIMIT_STORE="redis://127.0.0.1:6379/0",
                            RATE_LIMIT_PREFIX=f"lms-test-{secrets.token_hex(6)}", VERIFY_LOOKUPS_PER_MINUTE=4)
    first, second = build_app(settings).test_client(), build_app(settings).test_client()
    with freeze_time(datetime.now(UTC).replace(second=5)):  # all in one minute: the limit counts per minute
        answers = [(first if n % 2 else second).get(f"/verify/unknown-{n}").status_code for n in range(4)]
        assert answers == [404] * 4
        assert first.get("/verify/unknown-5").status_code == 429
        assert second.get("/verify/unknown-6").status_code == 429


def test_a_name_correction_issues_a_new_record_that_supersedes_the_old(app, client, issued):
    _, _, certificate = issued
    with app.app_context():
        db.session.get(Person, certificate.person_id).legal_name = "Learner Zero-Married"
        db.session.commit()
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert "Correct the name" in page and "Learner Zero-Married" in page
    bad = client.post(f"/certificates/{certificate.id}/reissue", data={"reissue-note": "Name change.",
                                                                      "reissue-password": "wrong"})
    assert bad.status_code == 400 and "Your password is not right" in bad.get_data(as_text=True)
    done = client.post(f"/certificates/{certificate.id}/reissue", data={
        "reissue-note": "Legal name changed on marriage; court order on file.", "reissue-password": PASSWORD},
        follow_redirects=True)
    assert "is superseded" in done.get_data(as_text=True)
    with app.app_context():
        old = db.session.get(Certificate, certificate.id)
        new = db.session.execute(sa.select(Certificate).where(Certificate.supersedes_id == old.id)).scalar_one()
        assert old.status == "superseded" and new.holder_name == "Learner Zero-Married"
        assert (new.certified_on, new.expires_on) == (old.certified_on, old.expires_on) and new.number != old.number
        new_code = new.code
    public = app.test_client()
    assert "Superseded by a newer record since" in public.get(f"/verify/{certificate.code}").get_data(as_text=True)
    fresh = public.get(f"/verify/{new_code}").get_data(as_text=True)
    assert "Learner Zero-Married" in fresh and "The signature checks out" in fresh


def test_the_preview_and_the_academy_export_take_the_same_queries_for_2_or_12_volunteers(
        app, client, sign_in, make_academy, make_account, make_person):
    from lms.applications.models import Application

    class_id, coordinator, _ = ready_academy(app, make_academy, make_account)
    sign_in(coordinator)
    pages = (f"/certificates/classes/{class_id}", f"/exports/academies/{class_id}/roster.csv")

    def count() -> list[int]:
        found = []
        for page in pages:
            with counting_queries(app) as seen:
                assert client.get(page).status_code == 200
            found.append(len(seen))
        return found

    few = count()
    with app.app_context():
        agency_id = db.session.execute(sa.select(Application.agency_id).where(Application.class_id == class_id)
                                       ).scalars().first()
    for n in range(10):
        person = make_person(name=f"Late Learner {n}")
        with app.app_context():
            db.session.add(Application(person_id=person.id, agency_id=agency_id, course_slug="tiny-course",
                                       motivation="Volunteer for crisis work.", status="accepted", class_id=class_id))
            db.session.commit()
    assert count() == few
    assert "Late Learner 9" in client.get(pages[0]).get_data(as_text=True)


def test_the_coordinator_downloads_a_certificates_pdf_and_credential_from_its_page(client, issued):
    _, _, certificate = issued
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    links = dict((label, href) for href, label in re.findall(r'<a class="usa-link" href="([^"]+)">(Download [^<]+)<', page))
    pdf = client.get(links["Download the PDF"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    jwt = client.get(links["Download the signed credential"])
    assert jwt.status_code == 200 and jwt.get_data(as_text=True).count(".") == 2
