"""Coverage of districts and shifts as a pure function."""
from lms.coverage.grid import coverage

DISTRICTS, SHIFTS = ["North", "South"], ["Day", "Night"]


def test_cells_are_covered_at_the_minimum_and_gaps_are_counted():
    grid = coverage(DISTRICTS, SHIFTS, {("North", "Day"): (5, 2, 0), ("North", "Night"): (4, 1, 1),
                                        ("South", "Day"): (3, 0, 0)}, minimum=1)
    assert grid.cell("North", "Day").covered(1) and not grid.cell("South", "Day").covered(1)
    assert grid.cell("South", "Night").officers == 0  # nobody posted there
    assert grid.status == "partly"
    assert [(c.district, c.shift) for c in grid.losing_cover] == [("North", "Night")]
    assert {(c.district, c.shift): n for c, n in grid.to_train} == {
        ("North", "Night"): 1, ("South", "Day"): 1, ("South", "Night"): 1}
    assert grid.saturation() == round(100 * 3 / 12, 1) and grid.saturation("North") == round(100 * 3 / 9, 1)


def test_a_state_minimum_of_two_and_the_status_words():
    everyone = {(d, s): (4, 2, 0) for d in DISTRICTS for s in SHIFTS}
    assert coverage(DISTRICTS, SHIFTS, everyone, minimum=2).status == "covered"
    assert coverage(DISTRICTS, SHIFTS, everyone, minimum=3).status == "not yet"
    assert sum(n for _, n in coverage(DISTRICTS, SHIFTS, everyone, minimum=3).to_train) == 4
