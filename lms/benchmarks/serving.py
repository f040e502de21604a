"""Serving an application with gunicorn for a benchmark, and driving it with wrk."""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPORT = Path(__file__).with_name("wrk_report.lua")


class Served:
    """`gunicorn -w WORKERS APP` on a free local port, for as long as the `with` block lasts; ready once every
    worker has loaded the application."""

    def __init__(self, app_spec: str, workers: int, env: dict | None = None):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.workers = workers
        self.ready = tempfile.TemporaryDirectory()
        self.command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-k", "sync", "--log-level", "warning",
                        "-c", "python:lms.benchmarks.gunicorn_hooks", "-b", f"127.0.0.1:{self.port}", app_spec]
        self.env = {**os.environ, **(env or {}), "LMS_BENCH_READY_DIR": self.ready.name}
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Served":
        self.process = subprocess.Popen(self.command, env=self.env, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: {self.process.stderr.read()[-2000:]}")
            if len(os.listdir(self.ready.name)) >= self.workers:
                return self
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn's workers did not all start within a minute: {self.command}")
            time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.process.stderr.close()
        self.ready.cleanup()


@dataclass(frozen=True)
class Measured:
    requests: int
    seconds: float
    median_ms: float
    p95_ms: float
    failures: int  # non-2xx/3xx answers and socket errors
    codes: str = ""  # status:count, as wrk saw them

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(url: str, *, seconds: int, connections: int, headers: dict | None = None, body: str | None = None,
        paths: list[str] | None = None, warm_up: int = 2) -> Measured:
    """Drive `url` with wrk (one thread, `connections` connections); a body makes it a POST, with {n} replaced
    by a counter in each request; `paths` spreads the requests over several addresses of the same server. A
    first run of `warm_up` seconds (every worker loads what it caches) is not counted."""
    if warm_up:
        wrk(url, seconds=warm_up, connections=connections, headers=headers, body=body, paths=paths, warm_up=0)
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(REPORT)]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60,
                          env={**os.environ, "WRK_BODY": body or "", "WRK_PATHS": ",".join(paths or [])})
    found = re.search(r"^RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) (\d+)$", done.stdout, re.M)
    if done.returncode != 0 or not found:
        raise RuntimeError(f"wrk failed on {url}: {done.stdout[-1000:]} {done.stderr[-1000:]}")
    requests, micros, median, p95, failures = found.groups()
    codes = re.search(r"^CODES (.*)$", done.stdout, re.M)
    return Measured(int(requests), int(micros) / 1e6, float(median) / 1000, float(p95) / 1000, int(failures),
                    codes.group(1) if codes else "")
