"""The rubrics and scenario scripts of this process: loaded from disk once, on first use, kept in memory."""
from pathlib import Path

from flask import current_app

from lms.loaded_once import loaded_once

from lms.scenarios.content import Rubric, Scenario
from lms.scenarios.loader import load_scenarios

class ScenariosInvalid(RuntimeError):
    """The rubric or scenario files do not pass the checks; `lms content check` lists why."""


def _load() -> tuple[dict[str, Rubric], dict[str, Scenario]]:
    rubrics, scenarios_, problems = load_scenarios(Path(current_app.config["ASSESSMENTS_ROOT"]))
    if problems:
        raise ScenariosInvalid(f"{len(problems)} problems in rubrics and scenarios; first: {problems[0]}")
    return rubrics, scenarios_


def _loaded() -> tuple[dict[str, Rubric], dict[str, Scenario]]:
    return loaded_once("scenarios", _load)


def scenarios() -> dict[str, Scenario]:
    return _loaded()[1]


def scenario(slug: str) -> Scenario | None:
    return scenarios().get(slug)


def rubric_for(scenario_: Scenario) -> Rubric:
    return _loaded()[0][scenario_.rubric]


def rubric(slug: str) -> Rubric:
    return _loaded()[0][slug]
