"""The hours ledger as a pure function: hours credited per module from attendance, and what is owed."""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

from lms.academies.models import span_hours
from lms.curriculum.content import Course


@dataclass(frozen=True)
class Attended:
    """One attended (or missed) session of a module."""

    module_slug: str
    session_hours: float
    status: str  # present, late or absent
    minutes_late: int = 0


@dataclass(frozen=True)
class LedgerLine:
    module_slug: str
    title: str
    required: float
    credited: float

    @property
    def owed(self) -> float:
        return max(0.0, round(self.required - self.credited, 2))

    @property
    def complete(self) -> bool:
        return self.owed == 0


def credited_hours(record: Attended) -> float:
    """Present: the whole session; late: the session less the minutes missed; absent: nothing."""
    if record.status == "present":
        return record.session_hours
    if record.status == "late":
        return max(0.0, record.session_hours - record.minutes_late / 60)
    return 0.0


def ledger(modules: list[tuple[str, str, float]], records: list[Attended]) -> list[LedgerLine]:
    """For each (slug, title, hours required) module: hours credited, capped at what it requires."""
    earned: dict[str, float] = {}
    for record in records:
        earned[record.module_slug] = earned.get(record.module_slug, 0.0) + credited_hours(record)
    return [LedgerLine(slug, title, hours, round(min(hours, earned.get(slug, 0.0)), 2)) for slug, title, hours in modules]


def course_ledger(course: Course, marks: Iterable[tuple[str, time, time, str, int]]) -> list[LedgerLine]:
    """The ledger against a course as published, from marks read as (module slug, session start, session end,
    status, minutes late)."""
    return ledger([(module.slug, module.title, module.hours) for module in course.modules],
                  [Attended(slug, span_hours(starts, ends), status, late) for slug, starts, ends, status, late in marks])
