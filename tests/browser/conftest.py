"""Browser tests: the application served on a real port, driven by Debian's Chromium through Playwright."""
import json
import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import settings_for

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LMS_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-gpu"]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"Chromium is not at {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return "axe-core is not installed (npm install, at the project root)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                if os.environ.get("LMS_REQUIRE_BROWSER") == "1":
                    raise pytest.UsageError(f"LMS_REQUIRE_BROWSER=1 but {reason}")
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    reason = _missing()
    if reason:
        pytest.fail(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def app_settings(database_url):
    """Browsers post real forms: CSRF protection stays on."""
    return settings_for(database_url, WTF_CSRF_ENABLED=True)


@pytest.fixture
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def _open_tab(browser, live_server, width: int = 1280, height: int = 900):
    """A tab in a browser context of its own (its own cookies: another person), recording console errors."""
    context = browser.new_context(base_url=live_server, viewport={"width": width, "height": height})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.console_errors = errors
    return context, tab


@pytest.fixture
def other_page(browser, live_server):
    """A second person's browser, for flows where two people act at once."""
    context, tab = _open_tab(browser, live_server)
    yield tab
    context.close()


@pytest.fixture
def page(browser, live_server, request):
    context, tab = _open_tab(browser, live_server)
    yield tab
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}-failure.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def check_accessibility(page) -> None:
    """Run axe-core on the page; fail on any serious or critical violation, naming each one."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        """async () => await axe.run(document, {resultTypes: ['violations']})"""
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    summary = [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"][:5]]} for v in bad]
    assert not bad, f"axe found serious/critical violations on {page.url}:\n{json.dumps(summary, indent=2)}"
    errors = getattr(page, "console_errors", [])
    assert not [e for e in errors if "Content Security Policy" in e], errors


def screenshot(page, name: str) -> Path:
    """Keep a picture of what a person sees, for a human to look at (test-artifacts/ is not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def visit(page):
    """visit(path) -> page: open a page, check it with axe, and keep a screenshot."""
    def go(path: str, name: str | None = None):
        page.goto(path)
        check_accessibility(page)
        screenshot(page, name or (path.strip("/").replace("/", "-") or "home"))
        return page
    return go


def sign_in_as(page, account) -> None:
    """Sign in through the real form, with the current code for accounts that use two-step sign-in."""
    import re

    from playwright.sync_api import expect

    from tests.factories import PASSWORD, current_code

    page.goto("/login")
    page.fill("#email", account.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name=re.compile("sign in")).click()
    if getattr(account, "totp_plain", None):
        page.fill("#code", current_code(account.totp_plain))
        page.get_by_role("button", name="Verify and sign in").click()
    expect(page.locator("h1")).to_contain_text("Welcome")


def header_link(page, label: str):
    """A link of the header's primary navigation, by its exact text."""
    return page.get_by_role("navigation", name="Primary navigation").get_by_role("link", name=label, exact=True)


def flash(page):
    """The first status message at the top of the page."""
    return page.locator("main [role=status]").first


def row_of(page, text: str):
    """The table row whose header cell names `text` (a person, agency, shift...)."""
    return page.locator("tbody tr").filter(has=page.locator("th", has_text=text))
