"""Run a service call for a form: commit when the rules allow it, else show the refusal next to its field."""
from collections.abc import Callable
from dataclasses import dataclass

from lms.extensions import db
from lms.rules import RuleRefused


def show_refusal(form, error: RuleRefused, rename: dict[str, str] | None = None) -> None:
    """Attach the message to its field (renamed where the form calls it otherwise), else above the form."""
    name = (rename or {}).get(error.field, error.field)
    field = form[name] if name and name in form else None
    (field.errors if field is not None else form.form_errors).append(str(error))


@dataclass(frozen=True)
class Attempt:
    """How a service call went: true when it was committed; `value` is what the call returned."""

    ok: bool
    value: object = None

    def __bool__(self) -> bool:
        return self.ok


def attempt(form, action: Callable[[], object], rename: dict[str, str] | None = None) -> Attempt:
    """Run one service call and commit; on a refusal roll back (nothing half-done stays) and show why."""
    try:
        value = action()
    except RuleRefused as error:
        db.session.rollback()
        show_refusal(form, error, rename)
        return Attempt(False)
    db.session.commit()
    return Attempt(True, value)
