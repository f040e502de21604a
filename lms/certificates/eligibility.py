"""Who may be certified, as pure functions of the completion rules and the person's record: eligible, or the
list of what is missing, in words the coordinator and the officer can act on."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Verdict:
    missing: tuple[str, ...] = field(default_factory=tuple)

    @property
    def eligible(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class ScenarioResult:
    """The latest released result of one final-assessment scenario for the person (as the talker)."""

    title: str
    passed: bool
    retest_left: bool = False


@dataclass(frozen=True)
class Record:
    """What the rules look at: hours owed per module, exams passed, final scenario results, modules complete."""

    owed_hours: dict[str, float] = field(default_factory=dict)  # module title -> hours still owed
    exam_passed: bool = False
    scenarios: tuple[ScenarioResult, ...] = ()
    modules_incomplete: tuple[str, ...] = ()  # module titles whose own completion rule is not met


def verdict(rules: tuple[str, ...], record: Record) -> Verdict:
    """Apply a course's completion rules (see courses/README.md) to a person's record."""
    missing: list[str] = []
    if "all_module_hours" in rules:
        missing += [f"{hours:g} h owed in {title}" for title, hours in record.owed_hours.items() if hours > 0]
    if "all_modules_complete" in rules or "knowledge_checks_passed" in rules:
        missing += [f"{title} not complete" for title in record.modules_incomplete]
    if "state_written_exam" in rules and not record.exam_passed:
        missing.append("State written exam not passed")
    if "final_scenarios" in rules:
        if not record.scenarios:
            missing.append("No final role-play result released yet")
        for result in record.scenarios:
            if not result.passed:
                missing.append(f"Role play “{result.title}” not passed" + (" (a retest is open)" if result.retest_left
                                                                             else ""))
    return Verdict(tuple(missing))
