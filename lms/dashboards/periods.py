"""Calendar periods for the program's charts, as pure functions: the last months, the last quarters, the
months ahead. Each period is (label, first day, last day), both days included."""
from datetime import date, timedelta
from typing import NamedTuple


class Period(NamedTuple):
    label: str
    first: date
    last: date


def _month_start(day: date, back: int) -> date:
    months = day.year * 12 + day.month - 1 - back
    return date(months // 12, months % 12 + 1, 1)


def _month_end(first: date) -> date:
    return _month_start(first, -1) - timedelta(days=1)


def months_back(today: date, count: int) -> list[Period]:
    """The last `count` months, oldest first; the current month ends today."""
    periods = []
    for back in range(count - 1, -1, -1):
        first = _month_start(today, back)
        periods.append(Period(f"{first:%b %Y}", first, min(_month_end(first), today)))
    return periods


def months_ahead(today: date, count: int) -> list[Period]:
    """This month (from today) and the next `count - 1` months."""
    periods = []
    for ahead in range(count):
        first = _month_start(today, -ahead)
        periods.append(Period(f"{first:%b %Y}", max(first, today), _month_end(first)))
    return periods


def quarters_back(today: date, count: int) -> list[Period]:
    """The last `count` calendar quarters, oldest first; the current quarter ends today."""
    current = _month_start(today, (today.month - 1) % 3)
    periods = []
    for back in range(count - 1, -1, -1):
        first = _month_start(current, 3 * back)
        last = min(_month_end(_month_start(first, -2)), today)
        periods.append(Period(f"Q{(first.month - 1) // 3 + 1} {first.year}", first, last))
    return periods
