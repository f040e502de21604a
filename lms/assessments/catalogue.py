"""The banks and exams of this process: loaded from disk once, on first use, and kept in memory."""
from pathlib import Path

from flask import current_app

from lms.assessments.content import Bank, Exam, check_slug, knowledge_check
from lms.assessments.loader import load_assessments
from lms.curriculum import catalogue as curriculum
from lms.curriculum.content import Course, Problem
from lms.loaded_once import loaded_once


class AssessmentsInvalid(RuntimeError):
    """The files under assessments/ do not pass the checks; `lms content check` lists why."""


def _load() -> tuple[dict[str, Bank], dict[str, Exam]]:
    banks_, exams_, problems = load_assessments(Path(current_app.config["ASSESSMENTS_ROOT"]))
    if problems:
        raise AssessmentsInvalid(f"{len(problems)} problems in assessments; first: {problems[0]}")
    for course in curriculum.courses().values():
        for module in course.modules:
            if module.knowledge_check in banks_:
                check = knowledge_check(banks_[module.knowledge_check], course.slug, module.slug)
                exams_[check.slug] = check
    return banks_, exams_


def _loaded() -> tuple[dict[str, Bank], dict[str, Exam]]:
    return loaded_once("assessments", _load)


def banks() -> dict[str, Bank]:
    return _loaded()[0]


def exams() -> dict[str, Exam]:
    """Every exam by slug, knowledge checks (`check-<bank>`) included."""
    return _loaded()[1]


def exam(slug: str) -> Exam | None:
    return exams().get(slug)


def module_check(module) -> Exam | None:
    """The knowledge check exam of a module, if it has one."""
    return exams().get(check_slug(module.knowledge_check)) if module.knowledge_check else None


def state_exam(course_slug: str) -> Exam | None:
    """The written exam that completes a course (not a knowledge check)."""
    return next((e for e in exams().values() if e.course == course_slug and not e.is_knowledge_check), None)


def cross_check(courses: dict[str, Course], exams_by_slug: dict[str, Exam]) -> list[Problem]:
    """Links between courses and exams: an exam's course exists; a course that requires the state written exam
    has one."""
    problems = [Problem(f"assessments/exams/{exam.slug}.toml", "course", f"names course {exam.course!r}, which "
                                                                         "does not exist")
                for exam in exams_by_slug.values() if exam.course not in courses]
    for course in courses.values():
        if "state_written_exam" in course.completion and not any(e.course == course.slug
                                                                 for e in exams_by_slug.values()):
            problems.append(Problem(f"courses/{course.slug}/course.toml", "completion",
                                    "requires state_written_exam, but no exam in assessments/exams/ is for this course"))
    return problems
