"""What the program dashboard shows for a region or the state: the charts' figures and the coverage counts."""
from dataclasses import dataclass
from datetime import date

from lms.certificates.scope import Scope
from lms.coverage import services as coverage
from lms.dashboards.cache import cached
from lms.dashboards.figures import Figures, figures

@dataclass(frozen=True)
class Program:
    figures: Figures
    coverage: dict[str, int]  # agencies per coverage status
    agencies: int


def program(region_id: int | None, today: date) -> Program:
    """Aggregated in SQL, then kept for a few minutes (DASHBOARD_CACHE_SECONDS): the figures are monthly and
    quarterly counts, and the state's roll-up reads every agency."""
    def compute() -> Program:
        counts = coverage.status_counts(region_id, today)
        return Program(figures(Scope(region_id=region_id), today), counts, sum(counts.values()))

    return cached(("program", region_id, today), compute)
