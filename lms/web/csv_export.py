"""The audit trail as CSV: safe cells for spreadsheets, ISO 8601 UTC timestamps."""
import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
# Full-width forms are included because some spreadsheets fold them to the ASCII signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
HEADER = ("Sequence", "Time (UTC)", "Actor", "Action", "Object type", "Object ID", "Outcome",
          "Client address", "Endpoint", "Details")


def neutralise_cell(value: object) -> str:
    """Text for one CSV cell; a value a spreadsheet would run as a formula gets a leading quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def iso_timestamp(moment: datetime, digits: int = 2) -> str:
    """UTC time in ISO 8601 with `digits` decimals of a second (1 to 6) and a Z: 2026-01-15T14:03:07.12Z."""
    moment = moment.astimezone(UTC)
    fraction = f"{moment.microsecond:06d}"[:digits]
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{fraction}Z"


def csv_cells(row: Iterable[object]) -> list[str]:
    """One row's cells: timestamps in ISO form, everything else neutralised text."""
    return [iso_timestamp(cell, 6) if isinstance(cell, datetime) else neutralise_cell(cell) for cell in row]


def csv_lines(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The header line, then one CSV line per row, produced as the rows arrive."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(csv_cells(row))
        yield buffer.getvalue()
