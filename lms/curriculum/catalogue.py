"""The courses of this process: loaded from disk once, on first use, and kept in memory."""
from pathlib import Path

from flask import Flask, current_app

from lms.config import PROJECT_ROOT
from lms.curriculum.content import Course
from lms.curriculum.loader import load_catalogue
from lms.loaded_once import loaded_once


class ContentInvalid(RuntimeError):
    """The course files on disk do not pass the checks; `lms content check` lists why."""


def init_app(app: Flask) -> None:
    app.config.setdefault("CONTENT_ROOT", str(PROJECT_ROOT / "courses"))
    app.config.setdefault("ASSESSMENTS_ROOT", str(PROJECT_ROOT / "assessments"))


def _load() -> dict[str, Course]:
    loaded, problems = load_catalogue(Path(current_app.config["CONTENT_ROOT"]),
                                      Path(current_app.config["ASSESSMENTS_ROOT"]))
    if problems:
        raise ContentInvalid(f"{len(problems)} problems in course content; first: {problems[0]}")
    return loaded


def courses() -> dict[str, Course]:
    """Every current course by slug; loaded once per process and application."""
    return loaded_once("curriculum", _load)


def course(slug: str) -> Course | None:
    return courses().get(slug)
