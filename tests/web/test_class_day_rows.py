"""The class day's rows are rendered once per what they show and kept: a kept row never shows an old mark, an
old lock state or another instructor's form token."""
import re

import pytest

from lms.academies.models import ClassStaff
from lms.accounts.roles import Role
from lms.extensions import db


@pytest.fixture
def day(make_academy, sign_in, client):
    class_id, session_id, lead, people = make_academy(people=2)
    sign_in(lead)
    return class_id, session_id, people


def _row(page: str, person_id: int) -> str:
    return re.search(rf'<li class="site-card margin-bottom-2" id="person-{person_id}">.*?</li>', page, re.S).group(0)


def test_a_saved_mark_shows_at_once_though_the_rows_were_kept(app, client, day):
    _, session_id, (first, second) = day
    before = client.get(f"/teach/sessions/{session_id}").get_data(as_text=True)
    assert client.get(f"/teach/sessions/{session_id}").get_data(as_text=True) == before  # the whole sheet, kept
    assert len(app.extensions["attendance_sheets"]) == 1
    assert "not marked yet" in _row(before, first)
    client.post(f"/teach/sessions/{session_id}/people/{first}", data={f"p{first}-status": "late",
                                                                       f"p{first}-minutes_late": "12"})
    after = client.get(f"/teach/sessions/{session_id}").get_data(as_text=True)
    row = _row(after, first)
    assert "now late" in row and 'value="12"' in row and f'name="p{first}-version" value="1"' in row
    assert 'value="late" checked' in row
    assert "not marked yet" in _row(after, second) and _row(after, second) == _row(before, second)
    assert "Reason for the change" not in after
    assert client.post(f"/teach/sessions/{session_id}/lock").status_code == 302
    locked = client.get(f"/teach/sessions/{session_id}").get_data(as_text=True)
    assert "Reason for the change" in _row(locked, first) and "Reason for the change" in _row(locked, second)


def test_each_session_gets_its_own_form_token_in_every_row(app, client, day, sign_in, make_account):
    class_id, session_id, (first, second) = day
    colleague = make_account(Role.INSTRUCTOR)
    with app.app_context():
        db.session.add(ClassStaff(class_id=class_id, account_id=colleague.id))
        db.session.commit()
    other = app.test_client()
    sign_in(colleague, via=other)
    app.config["WTF_CSRF_ENABLED"] = True
    pages = [browser.get(f"/teach/sessions/{session_id}").get_data(as_text=True) for browser in (client, other)]
    tokens = [set(re.findall(r'name="p\d+-csrf_token" value="([^"]+)"', page)) for page in pages]
    assert all(len(found) == 1 for found in tokens) and tokens[0] != tokens[1], tokens
    assert "\x00" not in pages[0] + pages[1]
    token = tokens[1].pop()
    saved = other.post(f"/teach/sessions/{session_id}/people/{second}",
                       data={f"p{second}-csrf_token": token, f"p{second}-status": "present"})
    assert saved.status_code == 302


def test_a_row_sent_back_with_errors_is_shown_but_not_kept(app, client, day):
    """What was sent may be anything (a very long reason, a strange version): shown once, never kept."""
    _, session_id, (first, _) = day
    client.post(f"/teach/sessions/{session_id}/people/{first}", data={f"p{first}-status": "present"})
    assert client.post(f"/teach/sessions/{session_id}/lock").status_code == 302
    reason = "x" * 50_000
    refused = client.post(f"/teach/sessions/{session_id}/people/{first}",
                          data={f"p{first}-status": "absent", f"p{first}-reason": reason, f"p{first}-version": "²"})
    assert refused.status_code == 400 and reason in refused.get_data(as_text=True)
    kept = app.extensions.get("rendered_fragments", {})
    assert kept and not any(reason in piece for piece in kept.values())
    assert not any(reason in sheet for sheet in app.extensions.get("attendance_sheets", {}).values())
