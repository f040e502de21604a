"""Security headers, CSRF, request size, and error pages that never leak internals."""
import re
import time

import pytest

from lms import create_app
from lms.accounts.roles import Role
from tests.conftest import settings_for
from tests.factories import PASSWORD


def test_every_page_sends_the_security_headers(client):
    for path in ("/", "/login", "/does-not-exist"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'"):
            assert directive in csp
        assert "'unsafe-inline'" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_signed_in_pages_are_not_cached(make_account, sign_in, client):
    sign_in(make_account(Role.OFFICER))
    assert client.get("/dashboard").headers["Cache-Control"] == "no-store"


def test_production_sends_hsts(database_url, build_app):
    app = build_app({"SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": database_url})
    hsts = app.test_client().get("/", base_url="https://cit.example").headers["Strict-Transport-Security"]
    assert "max-age=63072000" in hsts and "includeSubDomains" in hsts


def test_production_refuses_to_start_without_a_secret_key(database_url, tmp_path):
    with pytest.raises(RuntimeError, match="No secret key"):
        create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": None}, instance_path=str(tmp_path))


@pytest.fixture
def csrf_app(database_url, build_app):
    return build_app(settings_for(database_url, WTF_CSRF_ENABLED=True))


def test_a_post_without_a_csrf_token_is_refused(csrf_app, make_account):
    account = make_account(Role.OFFICER)
    response = csrf_app.test_client().post("/login", data={"email": account.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Your form expired" in response.get_data(as_text=True)


def test_a_post_with_a_wrong_csrf_token_is_refused(csrf_app, make_account):
    account = make_account(Role.OFFICER)
    client = csrf_app.test_client()
    client.get("/login")
    response = client.post("/login", data={"email": account.email, "password": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 400


def test_a_post_with_the_token_from_the_form_works(csrf_app, make_account):
    import re

    account = make_account(Role.OFFICER)
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)
    response = client.post("/login", data={"email": account.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/dashboard"


def test_an_oversize_request_gets_413(client):
    response = client.post("/login", data={"email": "a@b.c", "password": "x" * (7 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_unknown_pages_get_the_themed_404(client):
    response = client.get("/.git/config")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_get_on_a_post_only_route_gets_405_and_changes_nothing(make_account, sign_in, client):
    sign_in(make_account(Role.OFFICER))
    assert client.get("/logout").status_code == 405
    assert client.get("/dashboard").status_code == 200


def test_an_unexpected_error_shows_a_generic_page_without_internals(database_url, build_app):
    app = build_app({"SECRET_KEY": "x" * 32, "SQLALCHEMY_DATABASE_URI": database_url,
                      "SESSION_COOKIE_SECURE": False})

    @app.get("/explode")
    def explode():
        raise RuntimeError("SELECT secret FROM internals")

    explode.access = "public"
    response = app.test_client().get("/explode")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert "SELECT" not in page and "Traceback" not in page and "RuntimeError" not in page


def test_html_in_a_name_is_shown_as_text(make_account, sign_in, client):
    sign_in(make_account(Role.OFFICER, name="<script>alert(1)</script> Smith"))
    page = client.get("/dashboard").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Smith" in page


def test_two_people_saving_the_same_thing_at_once_get_a_409_not_a_500(database_url, build_app):
    from sqlalchemy.exc import IntegrityError

    app = build_app(settings_for(database_url, PROPAGATE_EXCEPTIONS=False))

    @app.post("/race")
    def race():
        raise IntegrityError("INSERT ...", {}, Exception("duplicate key"))

    race.access = "public"
    response = app.test_client().post("/race")
    assert response.status_code == 409
    assert "Someone else changed this first" in response.get_data(as_text=True)


def _signout_token(page: str) -> str:
    return re.search(r'action="/logout">\s*<input type="hidden" name="csrf_token" value="([^"]+)"', page).group(1)


def test_a_session_gets_its_signed_token_again_within_the_minute_and_it_works_another_session_does_not(
        csrf_app, make_account):
    """The signed CSRF token is reused for a minute per session (lms.web.csrf_tokens): the same token on the next
    page, still accepted; another session gets its own, and the first session's token is refused there."""
    mine, theirs = csrf_app.test_client(), csrf_app.test_client()
    for client, account in ((mine, make_account(Role.OFFICER)), (theirs, make_account(Role.OFFICER))):
        login = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
        assert client.post("/login", data={"email": account.email, "password": PASSWORD,
                                           "csrf_token": token}).status_code == 302
    first = _signout_token(mine.get("/dashboard").get_data(as_text=True))
    time.sleep(1.1)  # a fresh signature would carry a later timestamp
    second = _signout_token(mine.get("/dashboard").get_data(as_text=True))
    assert first == second
    other = _signout_token(theirs.get("/dashboard").get_data(as_text=True))
    assert other != first
    assert theirs.post("/logout", data={"csrf_token": first}).status_code == 400  # not this session's
    assert mine.post("/logout", data={"csrf_token": second}).status_code == 302
