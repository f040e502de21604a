"""Progress through a course as a pure function of its content and what the learner has done."""
from dataclasses import dataclass

from lms.assessments.content import check_slug
from lms.curriculum.content import Course, Lesson, Module


@dataclass(frozen=True)
class ModuleProgress:
    module: Module
    lessons_read: int
    complete: bool
    check_passed: bool = False

    @property
    def lessons_total(self) -> int:
        return len(self.module.lessons)


@dataclass(frozen=True)
class CourseProgress:
    modules: tuple[ModuleProgress, ...]
    hours_credited: float
    hours_required: float

    @property
    def modules_done(self) -> int:
        return sum(1 for m in self.modules if m.complete)

    @property
    def complete(self) -> bool:
        return all(m.complete for m in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.hours_credited / self.hours_required) if self.hours_required else 0


def course_progress(course: Course, read: set[tuple[str, str]], passed: frozenset[str] | set[str] = frozenset()
                    ) -> CourseProgress:
    """Online modules credit their hours when complete: every lesson read, and for a module whose rule is
    "knowledge-check", its check passed too (`passed` holds the slugs of the exams the person passed)."""
    modules = []
    for module in course.modules:
        count = sum(1 for lesson in module.lessons if (module.slug, lesson.slug) in read)
        all_read = count == len(module.lessons)
        check_passed = bool(module.knowledge_check) and check_slug(module.knowledge_check) in passed
        complete = all_read and (module.completion == "lessons-read"
                                 or (module.completion == "knowledge-check" and check_passed))
        modules.append(ModuleProgress(module, count, complete, check_passed))
    credited = sum(m.module.hours for m in modules if m.complete)
    return CourseProgress(tuple(modules), credited, course.total_hours)


def next_lesson(course: Course, read: set[tuple[str, str]]) -> tuple[Module, Lesson] | None:
    """The first unread lesson of an online module, in teaching order."""
    for module in course.modules:
        if module.delivery != "online":
            continue
        for lesson in module.lessons:
            if (module.slug, lesson.slug) not in read:
                return module, lesson
    return None
