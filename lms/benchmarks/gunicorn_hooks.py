"""gunicorn settings for the benchmarks: each worker says when it has loaded the application, so that a
measurement never starts while workers are still importing (that time would be counted against the first page
measured)."""
import os
from pathlib import Path


def post_worker_init(worker) -> None:
    folder = os.environ.get("LMS_BENCH_READY_DIR")
    if folder:
        (Path(folder) / str(worker.pid)).touch()
