"""CSV downloads: UTF-8, one header row, every cell quoted, ISO 8601 dates and UTC timestamps, and cells a
spreadsheet would run as formulas neutralised."""
import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from flask import Response, stream_with_context

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
# Full-width forms are included because some spreadsheets fold them to the ASCII signs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


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


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The header line, then one CSV line per row, produced as the rows arrive."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(csv_cells(row))
        yield buffer.getvalue()


def csv_download(filename: str, header: Iterable[str], rows: Iterable[Iterable[object]]) -> Response:
    """A CSV attachment streamed as the rows arrive, never cached."""
    response = Response(stream_with_context(csv_lines(header, rows)), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
