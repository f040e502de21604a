"""Rubrics and scenario scripts as immutable values, loaded from assessments/."""
from dataclasses import dataclass

AGGREGATIONS = ("median", "all-must-pass")
OVERALL_RULES = ("weighted-mean", "floors-only")


@dataclass(frozen=True)
class Scale:
    min: int
    max: int
    not_observed: bool
    comment_required: tuple[int, ...]
    labels: dict

    @property
    def levels(self) -> range:
        return range(self.min, self.max + 1)

    def label(self, level: int) -> str:
        return self.labels.get(level, str(level))


@dataclass(frozen=True)
class Criterion:
    id: str
    title: str
    weight: float
    floor: int
    anchors: dict  # level -> what the evaluator sees at that level
    optional: bool = False  # "not observed" leaves it out instead of counting as the minimum

    def anchor_for(self, score: float) -> tuple[int, str] | None:
        """The behaviour anchor that describes a (combined) score: the highest anchored level at or below it."""
        below = [level for level in self.anchors if level <= score]
        return (max(below), self.anchors[max(below)]) if below else None


@dataclass(frozen=True)
class Rubric:
    slug: str
    title: str
    aggregation: str
    overall: str
    pass_score: float
    disagreement_levels: int
    scale: Scale
    criteria: tuple[Criterion, ...]

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


@dataclass(frozen=True)
class Scenario:
    slug: str
    title: str
    rubric: str
    critical: tuple[str, ...]
    pairs: bool
    minutes: int
    situation: str
    officer_brief: str
    actor_brief: str
    evaluator_notes: str
