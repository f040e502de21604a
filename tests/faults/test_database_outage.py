"""PostgreSQL goes away while the application serves (every connection dropped, new ones refused): requests
fail cleanly with a 503 page, never a stack trace, and succeed again once it is back, without restarting the
application (a connection idle past a short window is pinged before use: lms.pool_ping)."""
import time
from datetime import date

import pytest
import sqlalchemy as sa

from lms import create_app
from lms.accounts.roles import Role
from lms.config import Config
from tests.certification import certify
from tests.conftest import settings_for
from tests.faults.tcp_proxy import Relay

pytestmark = pytest.mark.postgres_only
LEAKS = ("Traceback", "psycopg", "sqlalchemy", "OperationalError", "5432")


def test_production_settings_ping_connections_idle_for_half_a_second():
    assert Config.DATABASE_PING_AFTER_IDLE_SECONDS == 0.5


@pytest.fixture
def relay(database_url):
    url = sa.engine.make_url(database_url)
    found = Relay((url.host, url.port or 5432))
    yield found
    found.close()


def test_requests_fail_cleanly_during_an_outage_and_recover_after(database_url, relay, make_account, make_agency,
                                                                  sign_in, tmp_path):
    officer = make_account(Role.OFFICER, agency=make_agency())
    through_relay = sa.engine.make_url(database_url).set(host="127.0.0.1", port=relay.port)
    app = create_app(settings_for(through_relay.render_as_string(hide_password=False)),
                     instance_path=str(tmp_path / "served"))
    certify(app, officer.person_id, date.today())
    client = app.test_client()
    sign_in(officer, via=client)
    assert client.get("/certificates/mine").status_code == 200

    relay.cut()
    for url in ("/certificates/mine", "/verify", "/directory/", "/api/v1/roster"):
        response = client.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 503, (url, response.status_code)
        assert response.headers["Retry-After"] == "30"
        assert not any(leak in page for leak in LEAKS), url
    assert "The service is briefly unavailable" in client.get("/certificates/mine").get_data(as_text=True)
    assert client.get("/api/v1/roster").get_json()["status"] == 503

    relay.restore()
    assert client.get("/certificates/mine").status_code == 200  # the same application, not restarted
    assert client.get("/directory/").status_code == 200

    # The line drops and comes back between two requests: the pooled connection is dead, but it has been idle
    # past the window, so the pool pings it, replaces it, and the next request never notices.
    relay.cut()
    relay.restore()
    time.sleep(Config.DATABASE_PING_AFTER_IDLE_SECONDS + 0.2)
    assert client.get("/certificates/mine").status_code == 200
    with app.app_context():
        from lms.extensions import db

        db.session.remove()
        db.engine.dispose()
