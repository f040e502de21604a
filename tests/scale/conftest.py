"""Scale tests: two application servers as separate processes against one database, driven over HTTP.

Tests marked postgres_only are deselected (not skipped) on SQLite runs by the hook in tests/conftest.py."""
import pytest

from tests.scale import servers as launcher


@pytest.fixture
def start_servers(database_url, tmp_path):
    """start_servers(**overrides) -> (server A, server B): two gunicorn servers on the test's database, ready.

    Both get the test settings plus `overrides` (the same for both, as in a real deployment); every process
    started is stopped when the test ends, whatever happens."""
    started: list[launcher.Server] = []

    def launch(name: str, overrides: dict) -> launcher.Server:
        server = launcher.launch(name, database_url, overrides, tmp_path / f"server-{len(started)}")
        started.append(server)
        return server

    def ready(server: launcher.Server, overrides: dict) -> launcher.Server:
        try:
            launcher.wait_until_ready(server)
            return server
        except RuntimeError:
            if server.process.poll() is None:
                raise
        # It exited: most likely the free port was taken between choosing and binding it. Once more.
        server = launch(server.name, overrides)
        launcher.wait_until_ready(server)
        return server

    def start(**overrides):
        pair = [launch(name, overrides) for name in ("A", "B")]  # both start up at the same time
        return tuple(ready(server, overrides) for server in pair)

    yield start
    launcher.stop_all(started)


@pytest.fixture
def server_logs():
    """server_logs(servers) -> the tail of each server's log, for an assertion message."""
    return lambda servers: "\n".join(server.log_tail() for server in servers)
