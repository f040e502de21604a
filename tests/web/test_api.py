"""The read-only API for agency systems: tokens made by the training officer, shown once and kept as a hash,
scoped to one agency, revocable, audited on every use; answers documented in the OpenAPI file; a fixed number
of queries however many officers."""
import hashlib
import json
import re
from datetime import date

import pytest

from lms.accounts.models import Account
from lms.accounts.roles import Role
from lms.agencies.models import Agency
from lms.api import services
from lms.api.models import ApiToken
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.certification import certify, post
from tests.query_count import counting_queries

TOKEN = re.compile(r"cit_[A-Za-z0-9_-]{43}")
API = ("/api/v1/agency", "/api/v1/roster", "/api/v1/certifications")


def create_token(client, name: str = "CAD system") -> str:
    """Create a token through the training officer's page; return the token the page shows once."""
    response = client.post("/api/tokens", data={"name": name})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert "it will not be shown again" in page
    return TOKEN.search(page).group()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def api_events(app) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.execute(db.select(AuditEvent).where(AuditEvent.action == "api.read")
                                       .order_by(AuditEvent.seq)).scalars())


@pytest.fixture
def system(app):
    """An agency system calling the API: no session cookie, only its token."""
    return app.test_client()


@pytest.fixture
def cedar(app, make_agency, make_person, make_account, sign_in, client):
    """Cedar Hollow: Ana, certified, and the training officer on North, Day; Ben, not certified, on South, Night.
    The training officer is signed in on `client`."""
    agency = make_agency(name="Cedar Hollow Police Department")
    certified = make_person(name="Ana Certified", agency=agency)
    post(app, make_person(name="Ben Uncertified", agency=agency).id, "South", "Night")
    certify(app, certified.id, date.today())
    trainer = make_account(Role.TRAINING_OFFICER, agency=agency)
    sign_in(trainer)
    return agency


@pytest.fixture
def juniper(app, make_agency, make_person, make_account, sign_in):
    """Juniper County, with a certified officer of its own and its training officer on a client of their own."""
    agency = make_agency(name="Juniper County Sheriff's Office", kind="sheriff", districts=("East",))
    certify(app, make_person(name="Jo Juniper", agency=agency).id, date.today())
    desk = app.test_client()
    sign_in(make_account(Role.TRAINING_OFFICER, agency=agency), via=desk)
    return agency, desk


def test_a_token_is_shown_once_and_only_its_hash_is_kept(app, client, cedar):
    token = create_token(client)
    listing = client.get("/api/tokens").get_data(as_text=True)
    assert token not in listing and "CAD system" in listing and token[:12] in listing and "Never" in listing
    with app.app_context():
        row = db.session.execute(db.select(ApiToken)).scalar_one()
        assert row.agency_id == cedar.id and row.prefix == token[:12] and row.name == "CAD system"
        assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in json.dumps([str(value) for value in row.__dict__.values()])
        created = db.session.execute(db.select(AuditEvent).where(AuditEvent.action == "api_token.created")).scalar_one()
        assert created.outcome == "success" and created.actor_id == row.created_by_id
        assert token not in created.details and row.token_hash not in created.details


def test_a_token_needs_a_plain_name(client, cedar):
    refused = (("", "Name the system"), ("<script>", "cannot contain &lt; or &gt;"), ("x" * 81, "80 characters"))
    for name, message in refused:
        response = client.post("/api/tokens", data={"name": name})
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert "No API tokens yet" in client.get("/api/tokens").get_data(as_text=True)


def test_the_token_reads_its_own_agency_and_never_another(app, system, client, cedar, juniper):
    _, desk = juniper
    create_token(desk, "Juniper CAD")  # the other agency has a token and data too
    token = create_token(client)

    response = system.get("/api/v1/agency", headers=bearer(token))
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["agency"]["name"] == "Cedar Hollow Police Department"
    assert body["agency"]["districts"] == ["North", "South"]
    assert [shift["name"] for shift in body["agency"]["shifts"]] == ["Day", "Night"]
    coverage = body["coverage"]
    assert coverage["status"] == "partly" and coverage["minimum"] == 1 and coverage["saturation"] == 33.3
    north_day = next(c for c in coverage["cells"] if (c["district"], c["shift"]) == ("North", "Day"))
    assert north_day == {"district": "North", "shift": "Day", "officers": 2, "certified": 1, "expiring": 0,
                         "covered": True}

    roster = system.get("/api/v1/roster", headers=bearer(token)).get_json()
    assert [(o["name"], o["district"], o["shift"]) for o in roster["officers"]] == [("Ana Certified", "North", "Day")]
    assert date.fromisoformat(roster["officers"][0]["valid_until"]) > date.today()

    held = system.get("/api/v1/certifications", headers=bearer(token)).get_json()["certificates"]
    assert [c["holder_name"] for c in held] == ["Ana Certified"]
    assert held[0]["status"] == "active" and held[0]["issued_on"] == date.today().isoformat()
    assert re.fullmatch(r"https?://[^/]+/verify/[A-Za-z0-9_-]+", held[0]["verification_url"])

    everything = json.dumps([body, roster, held])
    assert "Juniper" not in everything and "Jo Juniper" not in everything


@pytest.mark.parametrize("header", [
    None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "cit_" + "a" * 43, "Bearer cit_short",
    "Bearer cit_" + "a" * 43, "Bearer cit_" + "a" * 42 + "\t", "Bearer " + "cit_" + "ä" * 43, "Bearer <script>",
], ids=["none", "empty", "no-value", "blank", "basic", "no-scheme", "short", "unknown", "control", "non-ascii",
        "markup"])
def test_a_missing_malformed_or_unknown_token_is_refused_with_401(app, system, header):
    headers = {"Authorization": header} if header is not None else {}
    for path in API:
        response = system.get(path, headers=headers)
        assert response.status_code == 401, path
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.headers["Cache-Control"] == "no-store"
        assert response.get_json()["error"] == "unauthorized"
        assert "Set-Cookie" not in response.headers
    events = api_events(app)
    assert [e.outcome for e in events] == ["failure"] * len(API)
    assert all(e.actor_id is None and e.actor_label.startswith("api") for e in events)


def test_a_token_with_a_known_prefix_but_the_wrong_rest_is_refused(app, system, client, cedar):
    token = create_token(client)
    forged = token[:12] + ("A" if token[12] != "A" else "B") + token[13:]
    assert system.get("/api/v1/roster", headers=bearer(forged)).status_code == 401
    assert system.get("/api/v1/roster", headers={"Authorization": f"bearer   {token}  "}).status_code == 200
    assert [(e.outcome, json.loads(e.details).get("reason")) for e in api_events(app)] == [
        ("failure", "unknown token"), ("success", None)]


def test_a_revoked_token_is_refused_and_every_use_is_audited(app, system, client, cedar):
    token = create_token(client)
    assert system.get("/api/v1/roster", headers=bearer(token)).status_code == 200
    with app.app_context():
        row = db.session.execute(db.select(ApiToken)).scalar_one()
        assert row.last_used_at is not None
    page = client.post(f"/api/tokens/{row.id}/revoke", follow_redirects=True).get_data(as_text=True)
    assert "is revoked" in page and "Revoked" in page
    for path in API:
        assert system.get(path, headers=bearer(token)).status_code == 401
    again = client.post(f"/api/tokens/{row.id}/revoke", follow_redirects=True).get_data(as_text=True)
    assert "already revoked" in again

    events = api_events(app)
    assert [(e.outcome, json.loads(e.details)["resource"]) for e in events] == [
        ("success", "roster"), ("failure", "agency"), ("failure", "roster"), ("failure", "certifications")]
    assert all(e.object_id == str(row.id) and e.actor_label == f"api token {token[:12]}…" for e in events)
    assert json.loads(events[-1].details)["reason"] == "revoked"
    with app.app_context():
        revoked = db.session.execute(db.select(AuditEvent).where(AuditEvent.action == "api_token.revoked")).scalar_one()
        assert revoked.actor_id == db.session.get(ApiToken, row.id).revoked_by_id
        trail = json.dumps([[e.actor_label, e.details] for e in db.session.execute(db.select(AuditEvent)).scalars()])
        assert token not in trail and hashlib.sha256(token.encode()).hexdigest() not in trail


def test_another_agencys_training_officer_can_neither_see_nor_revoke_the_token(app, system, client, cedar, juniper):
    _, desk = juniper
    token = create_token(client, "Records bridge")
    with app.app_context():
        token_id = db.session.execute(db.select(ApiToken.id)).scalar_one()
    listing = desk.get("/api/tokens").get_data(as_text=True)
    assert "Records bridge" not in listing and token[:12] not in listing
    response = desk.post(f"/api/tokens/{token_id}/revoke")
    assert response.status_code == 404 and "no API token with that number" in response.get_data(as_text=True)
    assert system.get("/api/v1/agency", headers=bearer(token)).status_code == 200
    with app.app_context():
        assert db.session.get(ApiToken, token_id).revoked_at is None


def test_the_rules_refuse_tokens_of_another_agency_whoever_calls_them(app, make_agency, make_account):
    ours, theirs = make_agency(), make_agency()
    trainer, stranger = make_account(Role.TRAINING_OFFICER, agency=ours), make_account(Role.TRAINING_OFFICER,
                                                                                        agency=theirs)
    with app.app_context():
        trainer, stranger = db.session.get(Account, trainer.id), db.session.get(Account, stranger.id)
        with pytest.raises(services.ApiTokenError, match="your own agency"):
            services.create_token(db.session.get(Agency, ours.id), "CAD system", stranger)
        token, _ = services.create_token(db.session.get(Agency, ours.id), "CAD system", trainer)
        with pytest.raises(services.ApiTokenError, match="your own agency"):
            services.revoke(token, stranger)
        assert token.revoked_at is None and services.token_of(theirs.id, token.id) is None
        assert services.tokens_of(theirs.id) == [] and services.tokens_of(ours.id) == [token]


def test_names_come_back_exactly_as_recorded(app, system, client, make_person, cedar):
    hostile = ['=HYPERLINK("x")', 'Zoë Ñúñez 李', "O'Brien \"Bud\" \\ </script>"]
    for name in hostile:
        certify(app, make_person(name=name, agency=cedar).id, date.today())
    token = create_token(client)
    raw = system.get("/api/v1/roster", headers=bearer(token))
    assert raw.mimetype == "application/json"
    names = {o["name"] for o in raw.get_json()["officers"]}
    certificates = system.get("/api/v1/certifications", headers=bearer(token)).get_json()["certificates"]
    held = {c["holder_name"] for c in certificates}
    assert set(hostile) <= names and set(hostile) <= held


def _resolve(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def assert_matches(value, schema: dict, document: dict, where: str = "$") -> None:
    """A small check of a JSON value against the document's schema: types, and exactly the documented keys."""
    schema = _resolve(schema, document)
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    if value is None:
        assert "null" in types, where
    elif "object" in types:
        assert isinstance(value, dict) and set(value) == set(schema["properties"]) == set(schema["required"]), where
        for key, item in value.items():
            assert_matches(item, schema["properties"][key], document, f"{where}.{key}")
    elif "array" in types:
        assert isinstance(value, list), where
        for n, item in enumerate(value):
            assert_matches(item, schema["items"], document, f"{where}[{n}]")
    else:
        python = {"string": str, "integer": int, "number": (int, float), "boolean": bool}
        assert isinstance(value, tuple(python[t] for t in types if t in python)), where
        if "enum" in schema:
            assert value in schema["enum"], where
        if schema.get("format") == "date":
            date.fromisoformat(value)


def test_the_openapi_document_describes_every_api_route_and_its_answers(app, system, client, cedar):
    response = system.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    assert document["components"]["securitySchemes"]["bearerToken"] == {**document["components"]["securitySchemes"][
        "bearerToken"], "type": "http", "scheme": "bearer"}
    base = document["servers"][0]["url"]
    documented = {base + path for path in document["paths"]}
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")}
    assert documented == routes

    token = create_token(client)
    for path, item in document["paths"].items():
        operation = item["get"]
        if operation.get("security") == []:
            continue
        assert "401" in operation["responses"], path
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert_matches(system.get(base + path, headers=bearer(token)).get_json(), schema, document, path)
    refused = system.get("/api/v1/roster").get_json()
    assert_matches(refused, {"$ref": "#/components/schemas/Error"}, document)


def test_the_api_takes_the_same_queries_for_2_or_20_officers(app, system, client, make_person, cedar):
    token = create_token(client)
    for path in API:  # warm up: first-request work (loading content, signing keys) is not counted
        system.get(path, headers=bearer(token))

    def count() -> dict[str, int]:
        counts = {}
        for path in API:
            with counting_queries(app) as statements:
                assert system.get(path, headers=bearer(token)).status_code == 200
            counts[path] = len(statements)
        return counts

    few = count()
    for n in range(18):
        person = make_person(agency=cedar)
        post(app, person.id, ("North", "South")[n % 2], ("Day", "Night")[n // 2 % 2])
        certify(app, person.id, date.today())
    many = count()
    assert few == many, (few, many)
    assert len(system.get("/api/v1/roster", headers=bearer(token)).get_json()["officers"]) == 19
    assert len(system.get("/api/v1/certifications", headers=bearer(token)).get_json()["certificates"]) == 19


def test_errors_under_the_api_come_back_as_json(client):
    for method, path, status in (("GET", "/api/v1/no-such-thing", 404), ("POST", "/api/v1/roster", 405)):
        response = client.open(path, method=method)
        assert response.status_code == status and response.is_json
        assert response.get_json()["status"] == status
    assert not client.get("/no-such-page").is_json
