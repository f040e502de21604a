"""Browsers for HTTP tests against real servers: each person's own cookies, redirects not followed (every
answer is seen), a chosen loopback source address, and one traffic log of every status code."""
import http.client
import http.cookiejar
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import pyotp

REQUEST_TIMEOUT = 120  # seconds: generous, for a loaded machine; no test asserts on time


@dataclass
class Answer:
    status: int
    headers: dict
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def json(self):
        return json.loads(self.text)


@dataclass
class Traffic:
    """Every request sent by any browser: (who, method, server URL, path, status)."""

    rows: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, row: tuple) -> None:
        with self.lock:
            self.rows.append(row)

    def server_errors(self) -> list:
        return [row for row in self.rows if row[-1] >= 500]

    def statuses(self, method: str, path_start: str) -> list[int]:
        return [row[-1] for row in self.rows if row[1] == method and row[3].startswith(path_start)]


class _Keep3xx(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # hand the 3xx back as an answer


class _FromAddress(urllib.request.HTTPHandler):
    """Connect from a given loopback address (127.0.0.0/8 all reaches the server), so it is a different client."""

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(http.client.HTTPConnection, req, source_address=(self.address, 0))


class Browser:
    """One person's browser. Cookies do not depend on the port, so a session begun on one server goes on the
    other, as it does behind a load balancer."""

    def __init__(self, name: str, traffic: Traffic, source_address: str = "127.0.0.1"):
        self.name, self.traffic = name, traffic
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  _Keep3xx(), _FromAddress(source_address))

    def get(self, server, path: str, headers: dict | None = None) -> Answer:
        return self._send("GET", server, path, None, headers)

    def post(self, server, path: str, data: dict | None = None, headers: dict | None = None) -> Answer:
        return self._send("POST", server, path, urllib.parse.urlencode(data or {}, doseq=True).encode(), headers)

    def _send(self, method: str, server, path: str, body: bytes | None, headers: dict | None) -> Answer:
        request = urllib.request.Request(server.url + path, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                answer = Answer(response.status, dict(response.headers), response.read().decode(errors="replace"))
        except urllib.error.HTTPError as refused:
            answer = Answer(refused.code, dict(refused.headers), refused.read().decode(errors="replace"))
            refused.close()
        self.traffic.add((self.name, method, server.url, path, answer.status))
        return answer

    def sign_in(self, first, second, account, password: str) -> Answer:
        """The password on one server and the second factor (when the account has one) on the other."""
        answer = self.post(first, "/login", {"email": account.email, "password": password})
        if getattr(account, "totp_plain", None):
            assert answer.status == 302 and answer.location.endswith("/login/code"), (self.name, answer.status)
            answer = self.post(second, "/login/code", {"code": pyotp.TOTP(account.totp_plain).now()})
        assert answer.status == 302 and "/login" not in answer.location, (self.name, answer.status, answer.location)
        return answer
