"""What the program dashboard shows for a region or the state: the charts' figures and the coverage counts."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from lms.agencies.models import Region
from lms.certificates.scope import Scope, scope_of
from lms.coverage import services as coverage
from lms.dashboards.cache import cached
from lms.dashboards.figures import Figures, figures
from lms.extensions import db

T = TypeVar("T")


@dataclass(frozen=True)
class Program:
    figures: Figures
    coverage: dict[str, int]  # agencies per coverage status
    agencies: int


def region_shown(account, requested: str | None) -> Region | None:
    """The region a dashboard shows: a coordinator's own; for the administrator the one asked for, or the whole
    state (None). LookupError for a region that does not exist."""
    region_id = scope_of(account).region_id
    if region_id is None and requested:
        region_id = int(requested) if requested.isdigit() else 0
    if region_id is None:
        return None
    region = db.session.get(Region, region_id)
    if region is None:
        raise LookupError(f"no region {requested!r}")
    return region


def program(region_id: int | None, today: date, draw: Callable[[Program], T]) -> tuple[Program, T]:
    """The figures, aggregated in SQL, and what `draw` makes of them (the charts), kept together for a few
    minutes (DASHBOARD_CACHE_SECONDS): the figures are monthly and quarterly counts, and the state's roll-up
    reads every agency."""
    def compute() -> tuple[Program, T]:
        counts = coverage.status_counts(region_id, today)
        found = Program(figures(Scope(region_id=region_id), today), counts, sum(counts.values()))
        return found, draw(found)

    return cached(("program", region_id, today), compute)
