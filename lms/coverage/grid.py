"""Coverage as a pure function: for each district and shift of an agency, how many officers on it hold an
active CIT certification, whether that meets the minimum, what the next 90 days of expiries do to it, and how
many more officers to train, and where, to cover every cell."""
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Cell:
    district: str
    shift: str
    officers: int  # sworn officers currently posted to this district and shift
    certified: int  # of them, holding an active CIT certification today
    expiring: int  # of those, whose certification ends within the forecast horizon

    def covered(self, minimum: int) -> bool:
        return self.certified >= minimum

    def covered_after_expiries(self, minimum: int) -> bool:
        return self.certified - self.expiring >= minimum


@dataclass(frozen=True)
class Coverage:
    districts: tuple[str, ...]
    shifts: tuple[str, ...]
    cells: dict  # (district, shift) -> Cell
    minimum: int

    def cell(self, district: str, shift: str) -> Cell:
        return self.cells[(district, shift)]

    @property
    def uncovered(self) -> list[Cell]:
        return [c for c in self.cells.values() if not c.covered(self.minimum)]

    @property
    def losing_cover(self) -> list[Cell]:
        """Cells covered today that expiries will leave uncovered within the horizon."""
        return [c for c in self.cells.values() if c.covered(self.minimum) and not c.covered_after_expiries(self.minimum)]

    @property
    def to_train(self) -> list[tuple[Cell, int]]:
        """(cell, officers to certify) for every cell short of the minimum, counting expiries to come."""
        return [(c, self.minimum - (c.certified - c.expiring)) for c in self.cells.values()
                if c.certified - c.expiring < self.minimum]

    @property
    def status(self) -> str:
        """"covered" (every cell), "partly" (some) or "not yet" (none)."""
        covered = sum(1 for c in self.cells.values() if c.covered(self.minimum))
        if self.cells and covered == len(self.cells):
            return "covered"
        return "partly" if covered else "not yet"

    def saturation(self, district: str | None = None) -> float:
        """Share of the officers (of one district, or all) who hold an active certification, in percent."""
        cells = [c for c in self.cells.values() if district is None or c.district == district]
        officers = sum(c.officers for c in cells)
        return round(100 * sum(c.certified for c in cells) / officers, 1) if officers else 0.0


STATUSES = ("covered", "partly", "not yet")


def tally(grids) -> dict[str, int]:
    """How many of the grids are covered, partly or not yet."""
    found = dict.fromkeys(STATUSES, 0)
    for grid in grids:
        found[grid.status] += 1
    return found


def coverage(districts: list[str], shifts: list[str], counts: dict, minimum: int) -> Coverage:
    """counts: (district, shift) -> (officers, certified, expiring); a missing pair counts as nobody."""
    cells = {(d, s): Cell(d, s, *counts.get((d, s), (0, 0, 0))) for d in districts for s in shifts}
    return Coverage(tuple(districts), tuple(shifts), cells, minimum)


def with_trained(grid: Coverage, trained: dict) -> Coverage:
    """The grid as it would be if more officers were certified: trained maps (district, shift) to a count."""
    cells = {key: replace(cell, certified=cell.certified + trained.get(key, 0)) for key, cell in grid.cells.items()}
    return Coverage(grid.districts, grid.shifts, cells, grid.minimum)


@dataclass(frozen=True)
class RegionSummary:
    region: str
    covered: int  # agencies covering every district and shift
    partly: int
    not_yet: int
    officers: int
    certified: int

    @property
    def saturation(self) -> float:
        return round(100 * self.certified / self.officers, 1) if self.officers else 0.0


def by_region(rows: list[tuple[str, Coverage]]) -> list[RegionSummary]:
    """(region name, an agency's coverage) pairs summed per region, in name order."""
    totals: dict[str, list[int]] = {}
    for region, grid in rows:
        counts = totals.setdefault(region, [0, 0, 0, 0, 0])
        counts[("covered", "partly", "not yet").index(grid.status)] += 1
        counts[3] += sum(c.officers for c in grid.cells.values())
        counts[4] += sum(c.certified for c in grid.cells.values())
    return [RegionSummary(region, *counts) for region, counts in sorted(totals.items())]
