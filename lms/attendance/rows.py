"""What each row of the class day page shows: the mark as stored or, for the one row sent back with errors,
what the instructor sent. Plain values: a class day has up to 60 rows, and building a WTForms form for each
took a sixth of the page's time."""
from dataclasses import dataclass, field

from lms.attendance.forms import MarkForm
from lms.attendance.models import AttendanceMark
from lms.people.models import Person


@dataclass(frozen=True)
class MarkRow:
    person: Person
    status: str | None
    minutes_late: str
    version: str
    reason: str = ""
    errors: dict[str, str] = field(default_factory=dict)  # field name -> its first message
    form_errors: tuple[str, ...] = ()

    @property
    def prefix(self) -> str:
        """The row's field names and ids start with this (MarkForm's prefix)."""
        return f"p{self.person.id}"


def stored_row(person: Person, mark: AttendanceMark | None) -> MarkRow:
    if mark is None:
        return MarkRow(person, None, "", "")
    return MarkRow(person, mark.status, str(mark.minutes_late), str(mark.version))


def sent_row(person: Person, form: MarkForm) -> MarkRow:
    """The row as the instructor sent it, with the form's messages."""
    late = form.minutes_late
    return MarkRow(person, form.status.data, late.raw_data[0] if late.raw_data else "", form.version.data or "",
                   form.reason.data or "", {f.short_name: f.errors[0] for f in form if f.errors},
                   tuple(form.form_errors))


def day_rows(people: list[Person], marks: dict[int, AttendanceMark], failed: MarkForm | None = None,
             failed_person: int | None = None) -> tuple[list[MarkRow], list[str]]:
    """Each person's row, the one sent back with errors as it was sent; and the messages that belong to no row
    (someone not on the roster was sent: there is no row to show them in)."""
    rows = [sent_row(person, failed) if failed is not None and person.id == failed_person
            else stored_row(person, marks.get(person.id)) for person in people]
    on_roster = any(person.id == failed_person for person in people)
    return rows, list(failed.form_errors) if failed is not None and not on_roster else []
