"""Application servers as real processes: gunicorn (2 workers, threads) on a free loopback port, one database
and one secret key shared by all, their logs kept to show when a request fails."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90  # seconds: importing WeasyPrint and the app on a loaded 2-core machine


@dataclass
class Server:
    """One gunicorn master and its workers."""

    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 60) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- server {self.name} ({self.url}), last {lines} log lines ---\n" + \
            "\n".join(text.splitlines()[-lines:])

    def wait_for_exit(self) -> None:
        """Wait for the master (it stops its workers); kill the whole process group if it hangs."""
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def stop_all(servers: list[Server]) -> None:
    """Ask every master to shut down at once (SIGINT: gunicorn's quick shutdown; the test is over), then wait."""
    for server in servers:
        if server.process.poll() is None:
            server.process.send_signal(signal.SIGINT)
    for server in servers:
        server.wait_for_exit()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def launch(name: str, database_url: str, overrides: dict, folder: Path) -> Server:
    """Start a server in the background; `wait_until_ready` before sending it anything."""
    folder.mkdir(parents=True, exist_ok=True)
    port, log = _free_port(), folder / f"server-{name}.log"
    settings = {"database_url": database_url, "overrides": overrides, "instance_path": str(folder / "instance")}
    env = {**os.environ, "LMS_SCALE_SETTINGS": json.dumps(settings), "PYTHONPATH": str(PROJECT_ROOT)}
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--worker-class", "gthread", "--threads", "6",
               "--bind", f"127.0.0.1:{port}", "--timeout", "120", "--graceful-timeout", "10",
               "--error-logfile", "-", "--log-level", "warning", "tests.scale.serve:application()"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    return Server(name, port, process, log)


def wait_until_ready(server: Server) -> None:
    """Poll the sign-in page until it answers 200; fail with the server's log if the process ends first."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server {server.name} exited with {server.process.returncode}\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/login", timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server {server.name} did not answer within {START_TIMEOUT} s\n{server.log_tail()}")
