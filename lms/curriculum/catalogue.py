"""The courses of this process: loaded from disk once, on first use, and kept in memory."""
from pathlib import Path
from threading import Lock

from flask import Flask, current_app

from lms.config import PROJECT_ROOT
from lms.curriculum.content import Course
from lms.curriculum.loader import load_catalogue

_lock = Lock()


class ContentInvalid(RuntimeError):
    """The course files on disk do not pass the checks; `lms content check` lists why."""


def init_app(app: Flask) -> None:
    app.config.setdefault("CONTENT_ROOT", str(PROJECT_ROOT / "courses"))
    app.config.setdefault("ASSESSMENTS_ROOT", str(PROJECT_ROOT / "assessments"))


def courses() -> dict[str, Course]:
    """Every current course by slug; loaded once per process and application."""
    state = current_app.extensions.get("curriculum")
    if state is None:
        with _lock:
            state = current_app.extensions.get("curriculum")
            if state is None:
                loaded, problems = load_catalogue(Path(current_app.config["CONTENT_ROOT"]),
                                                  Path(current_app.config["ASSESSMENTS_ROOT"]))
                if problems:
                    raise ContentInvalid(f"{len(problems)} problems in course content; first: {problems[0]}")
                state = current_app.extensions["curriculum"] = loaded
    return state


def course(slug: str) -> Course | None:
    return courses().get(slug)
