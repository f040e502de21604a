"""Chart geometry and calendar periods for the program dashboard, as pure functions."""
from datetime import date

from hypothesis import given, strategies as st

from lms.dashboards.charts import HEIGHT, Series, bar_chart, scale
from lms.dashboards.periods import months_ahead, months_back, quarters_back


def test_months_back_end_today_and_cross_the_year():
    periods = months_back(date(2026, 2, 10), 3)
    assert [p.label for p in periods] == ["Dec 2025", "Jan 2026", "Feb 2026"]
    assert periods[0].first == date(2025, 12, 1) and periods[0].last == date(2025, 12, 31)
    assert periods[-1].last == date(2026, 2, 10)


def test_months_ahead_start_today():
    periods = months_ahead(date(2026, 11, 24), 3)
    assert [(p.first, p.last) for p in periods] == [(date(2026, 11, 24), date(2026, 11, 30)),
                                                     (date(2026, 12, 1), date(2026, 12, 31)),
                                                     (date(2027, 1, 1), date(2027, 1, 31))]


def test_quarters_back():
    periods = quarters_back(date(2026, 5, 15), 3)
    assert [p.label for p in periods] == ["Q4 2025", "Q1 2026", "Q2 2026"]
    assert periods[1].first == date(2026, 1, 1) and periods[1].last == date(2026, 3, 31)
    assert periods[2].last == date(2026, 5, 15)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)), st.integers(1, 30))
def test_periods_are_contiguous_and_never_overlap(today, count):
    for periods in (months_back(today, count), quarters_back(today, count)):
        assert len(periods) == count
        for before, after in zip(periods, periods[1:]):
            assert (after.first - before.last).days == 1


def test_the_scale_has_whole_readable_steps():
    assert [scale(v) for v in (0, 3, 7, 12, 24, 48, 180, 260)] == [
        (1, 1), (3, 1), (8, 2), (12, 2), (25, 5), (50, 10), (200, 50), (300, 50)]


@given(st.integers(0, 10**7))
def test_the_scale_holds_the_largest_value_in_at_most_six_steps(largest):
    top, step = scale(largest)
    assert top >= largest and top / step <= 6 and (top - largest < step or largest == 0)


def test_bars_are_as_tall_as_their_values_and_sit_on_the_baseline():
    chart = bar_chart("Seats", ["Q1", "Q2"], [Series("Offered", (20, 40)), Series("Filled", (10, 0))])
    offered_q2 = next(b for b in chart.bars if b.series == "Offered" and b.label == "Q2")
    filled_q1 = next(b for b in chart.bars if b.series == "Filled" and b.label == "Q1")
    assert offered_q2.height == 4 * filled_q1.height  # 40 against 10
    assert all(round(b.y + b.height, 1) == chart.baseline for b in chart.bars)
    assert chart.baseline < HEIGHT and [value for value, _ in chart.ticks] == [0, 10, 20, 30, 40]
    assert chart.summary == ("Offered: from 20 in Q1 to 40 in Q2, highest 40 in Q2. "
                             "Filled: from 10 in Q1 to 0 in Q2, highest 10 in Q1.")


def test_a_chart_of_nothing_still_draws():
    chart = bar_chart("Nothing", ["Q1"], [Series("Count", (0,))])
    assert chart.bars[0].height == 0 and chart.ticks[-1][0] == 1


def test_a_period_with_nothing_measured_has_no_bar_and_says_so():
    chart = bar_chart("Rates", ["Q1", "Q2"], [Series("Exam", (None, 80.0))], unit="%", maximum=100)
    assert [b.label for b in chart.bars] == ["Q2"] and [value for value, _ in chart.ticks] == [0, 25, 50, 75, 100]
    assert chart.summary == "Exam: from 80% in Q2 to 80% in Q2, highest 80% in Q2."
