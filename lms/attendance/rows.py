"""What each row of the class day page shows: the mark as stored or, for the one row sent back with errors,
what the instructor sent. Plain values: a class day has up to 60 rows, and building a WTForms form for each
took a sixth of the page's time; each row's HTML is rendered once per what it shows (lms.web.fragments)."""
from collections.abc import Sequence
from dataclasses import dataclass, field

from flask import request
from markupsafe import Markup

from lms.attendance.forms import STATUS_CHOICES, MarkForm
from lms.attendance.services import SheetLine
from lms.recently_used import RecentlyUsed
from lms.web.fragments import kept_piece, rendered


@dataclass(frozen=True)
class MarkRow:
    line: SheetLine  # who, and the mark on record
    status: str | None
    minutes_late: str
    version: str
    reason: str = ""
    errors: dict[str, str] = field(default_factory=dict)  # field name -> its first message
    form_errors: tuple[str, ...] = ()


def stored_row(line: SheetLine) -> MarkRow:
    if line.status is None:
        return MarkRow(line, None, "", "")
    return MarkRow(line, line.status, str(line.minutes_late), str(line.version))


def sent_row(line: SheetLine, form: MarkForm) -> MarkRow:
    """The row as the instructor sent it, with the form's messages."""
    late = form.minutes_late
    return MarkRow(line, form.status.data, late.raw_data[0] if late.raw_data else "", form.version.data or "",
                   form.reason.data or "", {f.short_name: f.errors[0] for f in form if f.errors},
                   tuple(form.form_errors))


def day_rows(lines: Sequence[SheetLine], failed: MarkForm | None = None,
             failed_person: int | None = None) -> tuple[list[MarkRow], list[str]]:
    """Each person's row, the one sent back with errors as it was sent; and the messages that belong to no row
    (someone not on the roster was sent: there is no row to show them in)."""
    rows = [sent_row(line, failed) if failed is not None and line.person_id == failed_person else stored_row(line)
            for line in lines]
    on_roster = any(line.person_id == failed_person for line in lines)
    return rows, list(failed.form_errors) if failed is not None and not on_roster else []


CHOICES = tuple((choice.value, choice.label) for choice in STATUS_CHOICES)
CSRF_MARK = "\x00csrf\x00"  # stands for the session's token in a kept row: no name or message holds a NUL


SHEETS = RecentlyUsed("attendance_sheets", 64)  # whole sheets: up to 60 rows of about 2 KB, at most about 8 MB
LARGEST_SHEET = 200_000  # characters


def sheet_html(rows: list[MarkRow], session_id: int, *, locked: bool, csrf: str | None) -> Markup:
    """Every row of the class day, kept whole while none of them changes: a reload finds the sheet in one lookup
    instead of one per row (25 rows: 210 µs to 80 µs). After a save the sheet is put together again from the
    kept rows, only the changed one rendered anew. The session's CSRF token goes in afterwards; a sheet with a
    row sent back with errors is never kept."""
    mark = CSRF_MARK if csrf else ""

    def assemble() -> Markup:
        return Markup("").join(_row_html(row, session_id, locked, mark) for row in rows)

    if any(row.errors or row.form_errors for row in rows):
        piece = assemble()
    else:
        shown = tuple((row.line, row.status, row.minutes_late, row.version, row.reason) for row in rows)
        piece = kept_piece(SHEETS, (request.script_root, session_id, locked, mark, shown), assemble, LARGEST_SHEET)
    return piece.replace(CSRF_MARK, csrf) if csrf else piece


def _row_html(row: MarkRow, session_id: int, locked: bool, mark: str) -> Markup:
    """The row's list item and form, kept per what it shows; a row sent back with errors shows what was sent
    and is not kept."""
    line = row.line
    return rendered("teaching/_mark_row.html", "mark_row", session_id, mark, line.person_id, line.name,
                    line.make_up, line.status, row.status, row.minutes_late, row.version, row.reason,
                    tuple(sorted(row.errors.items())), row.form_errors, locked, CHOICES,
                    keep=not (row.errors or row.form_errors))
