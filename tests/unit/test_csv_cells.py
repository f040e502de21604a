"""CSV cells: values a spreadsheet would run as formulas are neutralised; times are ISO 8601 UTC."""
from datetime import UTC, datetime, timedelta, timezone

import pytest

from lms.web.csv_export import csv_cells, csv_lines, iso_timestamp, neutralise_cell


@pytest.mark.parametrize("value", ["=1+1", '=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\nx",
                                   "\uff1dcmd"])
def test_a_value_starting_like_a_formula_gets_a_leading_quote(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["alice@example.test", "login.failed", "1+1", "{\"a\": \"=x\"}", "", "x=1"])
def test_other_values_are_left_alone(value):
    assert neutralise_cell(value) == value


def test_none_and_numbers_become_text():
    assert neutralise_cell(None) == "" and neutralise_cell(42) == "42" and neutralise_cell(-1) == "'-1"


def test_timestamps_are_utc_with_hundredths_or_microseconds():
    moment = datetime(2026, 1, 15, 14, 3, 7, 129999, tzinfo=UTC)
    assert iso_timestamp(moment) == "2026-01-15T14:03:07.12Z"
    assert iso_timestamp(moment, 6) == "2026-01-15T14:03:07.129999Z"
    local = moment.astimezone(timezone(timedelta(hours=-7)))
    assert iso_timestamp(local) == "2026-01-15T14:03:07.12Z"


def test_a_row_formats_times_and_neutralises_text():
    moment = datetime(2026, 1, 15, 14, 3, 7, tzinfo=UTC)
    assert csv_cells([3, moment, "=cmd"]) == ["3", "2026-01-15T14:03:07.000000Z", "'=cmd"]


def test_csv_lines_start_with_one_header_and_quote_every_cell():
    lines = list(csv_lines(["A", "B", "C"], [[1, "a,b", 'say "hi"']]))
    assert lines[0] == '"A","B","C"\r\n'
    assert lines[1] == '"1","a,b","say ""hi"""\r\n'
