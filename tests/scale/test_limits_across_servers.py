"""Lockout and rate limits hold across two application servers: failed sign-ins are counted in the database,
public lookups in Redis, so spreading attempts over the servers gains an attacker nothing."""
import secrets
import time

import sqlalchemy as sa

from lms.accounts.models import Account, ClientThrottle
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent
from lms.audit.services import verify_chain
from lms.extensions import db
from tests.factories import PASSWORD
from tests.scale.browsers import Browser, Traffic
from tests.scale.crowd import together

WRONG = "not the password at all"
LOCKED = "This account is locked after too many failed sign-ins"


def _audited(app, action: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(AuditEvent.action == action))


def test_failed_sign_ins_spread_over_both_servers_lock_the_account_on_both(app, make_account, start_servers,
                                                                           server_logs):
    officer = make_account(Role.OFFICER)
    threshold = app.config["LOCKOUT_THRESHOLD"]
    servers = start_servers()
    traffic = Traffic()
    attacker = Browser("attacker", traffic)
    for n in range(threshold - 1):
        refused = attacker.post(servers[n % 2], "/login", {"email": officer.email, "password": WRONG})
        assert refused.status == 200 and "The email address or password is not right." in refused.text
    with app.app_context():
        account = db.session.get(Account, officer.id)
        assert (account.failed_login_count, account.locked_at) == (threshold - 1, None)
    last = attacker.post(servers[(threshold - 1) % 2], "/login", {"email": officer.email, "password": WRONG})
    assert last.status == 200 and LOCKED in last.text
    for server in servers:  # the right password, from a fresh browser, on either server: still locked
        refused = Browser(f"officer on {server.name}", traffic).post(
            server, "/login", {"email": officer.email, "password": PASSWORD})
        assert refused.status == 200 and LOCKED in refused.text
    with app.app_context():
        account = db.session.get(Account, officer.id)
        assert account.locked_at is not None and account.failed_login_count == threshold
    assert _audited(app, "account.locked") == 1 and _audited(app, "login.refused_locked") == 2
    assert _audited(app, "login.succeeded") == 0
    assert not traffic.server_errors(), server_logs(servers)
    with app.app_context():
        assert verify_chain() == []


def test_failed_sign_ins_at_the_same_moment_on_both_servers_all_count(app, make_account, start_servers,
                                                                     server_logs):
    officer = make_account(Role.OFFICER)
    threshold = app.config["LOCKOUT_THRESHOLD"]
    servers = start_servers()
    traffic = Traffic()
    browsers = [Browser(f"attacker {n}", traffic, source_address="127.0.0.4") for n in range(threshold)]
    answers = together([lambda n=n: browsers[n].post(servers[n % 2], "/login",
                                                      {"email": officer.email, "password": WRONG})
                        for n in range(threshold)])
    assert not traffic.server_errors(), server_logs(servers)
    assert [answer.status for answer in answers] == [200] * threshold
    with app.app_context():
        account = db.session.get(Account, officer.id)
        assert account.failed_login_count == threshold and account.locked_at is not None
        client = db.session.execute(sa.select(ClientThrottle).where(ClientThrottle.client_address == "127.0.0.4")
                                    ).scalar_one()
        assert client.failures == threshold
    refused = Browser("officer", traffic).post(servers[0], "/login", {"email": officer.email, "password": PASSWORD})
    assert LOCKED in refused.text
    with app.app_context():
        assert verify_chain() == []


def test_the_per_client_sign_in_throttle_counts_failures_on_both_servers(app, make_account, start_servers,
                                                                        server_logs):
    officer = make_account(Role.OFFICER)
    limit = 6
    servers = start_servers(CLIENT_FAILURE_LIMIT=limit)
    traffic = Traffic()
    guesser = Browser("guesser", traffic, source_address="127.0.0.2")
    for n in range(limit):  # different accounts, so no one account locks: only the client is counted
        guesser.post(servers[n % 2], "/login", {"email": f"nobody{n}@example.test", "password": WRONG})
    for server in servers:
        throttled = Browser(f"same client on {server.name}", traffic, source_address="127.0.0.2").post(
            server, "/login", {"email": officer.email, "password": PASSWORD})
        assert throttled.status == 429 and "Too many failed sign-ins came from your connection" in throttled.text
    elsewhere = Browser("another client", traffic, source_address="127.0.0.3")
    assert elsewhere.sign_in(servers[1], servers[0], officer, PASSWORD).status == 302
    with app.app_context():
        row = db.session.execute(sa.select(ClientThrottle).where(ClientThrottle.client_address == "127.0.0.2")
                                 ).scalar_one()
        assert row.failures == limit
    assert not traffic.server_errors(), server_logs(servers)


def _lookups(servers, traffic, address: str, count: int, at_once: bool) -> list[int] | None:
    """`count` lookups of unknown codes from one client address, alternating servers; None if a minute
    boundary fell in between (the counts are per minute), so the caller tries again from a fresh address."""
    browser = Browser(f"public {address}", traffic, source_address=address)
    window = int(time.time() // 60)
    look = [lambda n=n: browser.get(servers[n % 2], f"/verify/unknown-{secrets.token_hex(8)}").status
            for n in range(count)]
    statuses = together(look) if at_once else [action() for action in look]
    return statuses if int(time.time() // 60) == window else None


def _from_fresh_addresses(servers, traffic, addresses, count: int, at_once: bool) -> list[int]:
    for address in addresses:
        statuses = _lookups(servers, traffic, address, count, at_once)
        if statuses is not None:
            return statuses
    raise AssertionError("three tries each straddled a minute boundary")


def test_the_public_lookup_limit_is_shared_by_both_servers_through_redis(start_servers, server_logs):
    limit = 4
    servers = start_servers(RATE_LIMIT_STORE="redis://127.0.0.1:6379/0", VERIFY_LOOKUPS_PER_MINUTE=limit,
                            RATE_LIMIT_PREFIX=f"lms-scale-{secrets.token_hex(6)}")
    traffic = Traffic()
    one_by_one = _from_fresh_addresses(servers, traffic, ("127.0.0.11", "127.0.0.12", "127.0.0.13"), limit + 2,
                                       at_once=False)
    assert one_by_one == [404] * limit + [429, 429]  # the last two: one on each server
    at_the_same_moment = _from_fresh_addresses(servers, traffic, ("127.0.0.21", "127.0.0.22", "127.0.0.23"),
                                               3 * limit, at_once=True)
    assert sorted(at_the_same_moment) == [404] * limit + [429] * (2 * limit)
    assert not traffic.server_errors(), server_logs(servers)
