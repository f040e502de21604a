"""Every route, every role: each gets exactly what the access matrix says, and every POST needs CSRF."""
import re

import pytest

from lms.accounts.access import PUBLIC, SIGNED_IN, access_of
from lms.accounts.roles import Role
from tests.conftest import settings_for
from tests.factories import PASSWORD

A, C, T = Role.ADMIN, Role.COORDINATOR, Role.TRAINING_OFFICER
ANYONE = "anyone"  # no sign-in needed
SIGNED = "signed in"  # any role
# The access matrix, written down independently of the code: endpoint -> who may use it.
MATRIX = {
    "static": ANYONE,
    "home.index": ANYONE,
    "accounts.login": ANYONE,
    "accounts.second_factor": ANYONE,
    "accounts.enrol_at_sign_in": ANYONE,
    "home.dashboard": SIGNED,
    "accounts.profile": SIGNED,
    "accounts.change_password": SIGNED,
    "accounts.mfa_setup": SIGNED,
    "accounts.mfa_disable": SIGNED,
    "accounts.logout": SIGNED,
    "admin.accounts": {A, C},
    "admin.account_detail": {A, C},
    "admin.unlock": {A, C},
    "admin.reset_password": {A, C},
    "admin.end_sessions": {A, C},
    "admin.disable": {A},
    "admin.enable": {A},
    "admin.change_role": {A},
    "admin.create_account": {A},
    "agencies.index": {A, C},
    "agencies.detail": {A, C},
    "agencies.create": {A},
    "agencies.edit": {A},
    "agencies.add_district": {A},
    "agencies.add_shift": {A},
    "agencies.regions": {A},
    "agencies.create_region": {A},
    "people.index": {A, C},
    "people.detail": {A, C, T},
    "people.create": {A},
    "people.edit": {A},
    "people.roster": {T},
    "people.hire": {T},
    "people.reassign": {T},
    "people.separate": {T},
    "audit.index": {A},
    "audit.export": {A},
    "curriculum.index": ANYONE,
    "curriculum.detail": ANYONE,
    "curriculum.history": ANYONE,
    "learning.index": {Role.RECRUIT, Role.OFFICER, T},
    "learning.enrol": {Role.RECRUIT, Role.OFFICER, T},
    "learning.course": {Role.RECRUIT, Role.OFFICER, T},
    "learning.lesson": {Role.RECRUIT, Role.OFFICER, T},
    "academies.edit": {A, C},
    "exams.overview": {Role.RECRUIT, Role.OFFICER, T},
    "exams.start": {Role.RECRUIT, Role.OFFICER, T},
    "exams.take": {Role.RECRUIT, Role.OFFICER, T},
    "exams.submit": {Role.RECRUIT, Role.OFFICER, T},
    "exams.result": {Role.RECRUIT, Role.OFFICER, T},
    "exams.items": {A, C},
    "scoring.index": {Role.INSTRUCTOR, Role.MHP},
    "scoring.class_sessions": {Role.INSTRUCTOR, Role.MHP, C, A},
    "scoring.session": {Role.INSTRUCTOR, Role.MHP, C, A},
    "scoring.release": {Role.INSTRUCTOR, Role.MHP, C, A},
    "scoring.evaluate": {Role.INSTRUCTOR, Role.MHP},
    "scoring.review": {Role.INSTRUCTOR, Role.MHP, C, A},
    "scoring.retest": {Role.INSTRUCTOR, Role.MHP, C, A},
    "scoring.rater_agreement": {Role.INSTRUCTOR, C, A},
    "scoring.my_results": {Role.OFFICER, T},
    "certificates.class_preview": {A, C},
    "certificates.detail": {A, C},
    "certificates.reissue": {A, C},
    "certificates.mine": {Role.RECRUIT, Role.OFFICER, T},
    "certificates.verify": ANYONE,
    "certificates.verify_json": ANYONE,
    "certificates.lookup": ANYONE,
    "certificates.verify_credential": ANYONE,
    "certificates.pdf_file": SIGNED,
    "certificates.credential_file": SIGNED,
    "certificates.class_zip": {A, C},
    "certificates.agency": {T},
    "certificates.log_ce": {Role.RECRUIT, Role.OFFICER, T},
    "certificates.evidence": SIGNED,
    "certificates.decide_ce": {A, C},
    "certificates.renew": {A, C},
    "certificates.outbox": {A, C},
    "coverage.mine": {T},
    "coverage.agency": {A, C},
    "coverage.overview": {A, C},
    "api.tokens": {T},
    "api.revoke": {T},
    # The API authenticates with a bearer token, not the session: open to the access hook, 401 without a token.
    "api.agency": ANYONE,
    "api.roster": ANYONE,
    "api.certifications": ANYONE,
    "api.openapi": ANYONE,
    "coverage.roster": {A, C, T},
    "coverage.roster_file": {A, C, T},
    "exports.index": {A, C, T},
    "exports.completions": {A, C, T},
    "exports.certifications": {A, C, T},
    "exports.continuing_education": {A, C, T},
    "exports.class_roster": {A, C},
    "directory.index": ANYONE,
    "dashboards.program": {A, C},
    "agencies.region_contact": {A, C},
    "certificates.jwks": ANYONE,
    "certificates.status": ANYONE,
    "scoring.calibration_cases": {Role.INSTRUCTOR, Role.MHP, C, A},
    "scoring.publish_case": {C, A},
    "scoring.calibration_case": {Role.INSTRUCTOR, Role.MHP, C, A},
    "academies.volunteer": {A, C},
    "academies.book_make_up": {A, C},
    "applications.apply": {Role.RECRUIT, Role.OFFICER, T},
    "applications.withdraw": {Role.RECRUIT, Role.OFFICER, T},
    # Officers pass the role gate; only supervisors (sergeant and above) find the page, others get a 404.
    "applications.endorsements": {T, Role.OFFICER},
    "applications.endorse": {T, Role.OFFICER},
    "academies.index": {A, C},
    "academies.create": {C},
    "academies.detail": {A, C},
    "academies.volunteers": {C},
    "academies.decide": {C},
    "learning.agency": {T},
    "teaching.index": {Role.INSTRUCTOR},
    "teaching.session_day": {Role.INSTRUCTOR},
    "teaching.mark": {Role.INSTRUCTOR},
    "teaching.lock": {Role.INSTRUCTOR},
}


def test_every_route_is_in_the_matrix_and_declares_the_same_access(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(MATRIX), "add new routes to the access matrix"
    for endpoint, expected in MATRIX.items():
        declared = access_of(app, endpoint)
        if expected == ANYONE:
            assert declared == PUBLIC, endpoint
        elif expected == SIGNED:
            assert declared == SIGNED_IN, endpoint
        else:
            assert declared == frozenset(expected), endpoint


def may(role: Role | None, endpoint: str) -> bool:
    expected = MATRIX[endpoint]
    if expected == ANYONE:
        return True
    if role is None:
        return False
    return expected == SIGNED or role in expected


@pytest.fixture
def world(make_region, make_agency, make_account, make_person):
    """One of everything, all inside one region, so scoped pages are in scope for scoped roles."""
    region = make_region()
    agency = make_agency(region=region)
    subject = make_account(Role.OFFICER, agency=agency)
    people = {
        None: None,
        Role.RECRUIT: make_account(Role.RECRUIT, agency=agency),
        Role.OFFICER: make_account(Role.OFFICER, agency=agency),
        Role.TRAINING_OFFICER: make_account(Role.TRAINING_OFFICER, agency=agency),
        Role.INSTRUCTOR: make_account(Role.INSTRUCTOR),
        Role.MHP: make_account(Role.MHP),
        Role.COORDINATOR: make_account(Role.COORDINATOR, region=region),
        Role.ADMIN: make_account(Role.ADMIN),
    }
    values = {"agency_id": agency.id, "person_id": subject.person.id, "account_id": subject.id,
              "employment_id": subject.person.current_employment.id, "filename": "css/site.css",
              "slug": "tiny-course", "enrolment_id": 999999, "application_id": 999999, "class_id": 999999, "session_id": 999999, "module_slug": "one", "lesson_slug": "01-a",
              "attempt_id": 999999, "run_id": 999999, "case_id": 999999, "certificate_id": 999999,
              "code": "no-such-code", "purpose": "revocation",
              "entry_id": 999999, "decision": "approve", "token_id": 999999,
              "extension": "csv", "region_id": 999999}
    return people, values


def _requests(app, values) -> list[tuple[str, str, str]]:
    found = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint):
            if rule.endpoint == "accounts.logout":
                continue  # signing out is tested on its own; here it would end the session mid-way
            url = app.url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
            found.extend((rule.endpoint, method, url) for method in sorted(rule.methods & {"GET", "POST"}))
    return found


def _denied(role, response) -> bool:
    if role is None:
        return response.status_code == 302 and "/login?next=" in response.headers["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "anonymous")
def test_each_role_gets_exactly_what_the_matrix_says(app, world, sign_in, role):
    people, values = world
    client = app.test_client()
    if role is not None:
        assert "Welcome" in sign_in(people[role], via=client).get_data(as_text=True)
    wrong = []
    for endpoint, method, url in _requests(app, values):
        response = client.open(url, method=method, data={})
        response.close()
        allowed = may(role, endpoint)
        if response.status_code >= 500 or _denied(role, response) == allowed:
            wrong.append(f"{method} {url} ({endpoint}): {response.status_code} "
                         f"{response.headers.get('Location', '')}, expected {'allowed' if allowed else 'denied'}")
    assert wrong == []


def test_signing_out_is_only_for_signed_in_people(client):
    response = client.post("/logout")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def _token(client) -> str:
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_every_post_route_refuses_a_request_without_a_csrf_token(build_app, database_url, world):
    people, values = world
    app = build_app(settings_for(database_url, WTF_CSRF_ENABLED=True))
    anonymous, officer = app.test_client(), app.test_client()
    response = officer.post("/login", data={"email": people[Role.OFFICER].email, "password": PASSWORD,
                                            "csrf_token": _token(officer)})
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard"
    posts = [(endpoint, url) for endpoint, method, url in _requests(app, values) if method == "POST"]
    posts.append(("accounts.logout", "/logout"))
    assert len(posts) >= 20
    for endpoint, url in posts:
        for client in (anonymous, officer):
            response = client.post(url, data={"role": "admin"})
            assert response.status_code == 400, f"{endpoint} accepted a POST without a CSRF token"
            assert "Your form expired" in response.get_data(as_text=True)
    assert officer.get("/dashboard").status_code == 200  # the refused sign-out changed nothing
