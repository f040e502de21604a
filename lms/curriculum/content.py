"""Course content as immutable values: courses, modules, lessons, and the problems found in them."""
from dataclasses import dataclass, field

KINDS = ("advanced", "awareness")
DELIVERIES = ("online", "classroom", "site-visit", "scenario")
MODULE_COMPLETIONS = ("attendance", "lessons-read", "knowledge-check")
COURSE_COMPLETIONS = (
    "all_module_hours", "all_modules_complete", "knowledge_checks_passed", "state_written_exam", "final_scenarios",
)
DELIVERY_LABELS = {"online": "Online", "classroom": "Classroom", "site-visit": "Site visit", "scenario": "Scenario practice"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content: where, which field, and what was expected."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    html: str  # rendered and sanitised once, at load time
    words: int


@dataclass(frozen=True)
class Module:
    slug: str
    folder: str
    title: str
    hours: float
    delivery: str
    completion: str
    objectives: tuple[str, ...]
    preparation: str
    what_happens: str
    lessons: tuple[Lesson, ...]
    knowledge_check: str | None = None

    @property
    def delivery_label(self) -> str:
        return DELIVERY_LABELS[self.delivery]


@dataclass(frozen=True)
class Course:
    slug: str
    title: str
    version: str
    content_hash: str
    kind: str
    audience: str
    total_hours: float
    description: str
    prerequisites: tuple[str, ...]
    completion: tuple[str, ...]
    modules: tuple[Module, ...] = field(default_factory=tuple)

    @property
    def version_id(self) -> str:
        """The declared version plus a hash of every file: two different texts never share an id."""
        return f"{self.version}+{self.content_hash[:12]}"

    @property
    def scenario_hours(self) -> float:
        return sum(module.hours for module in self.modules if module.delivery == "scenario")

    def module(self, slug: str) -> Module | None:
        return next((module for module in self.modules if module.slug == slug), None)
