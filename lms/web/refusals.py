"""Run a service call for a form: commit when the rules allow it, else show the refusal next to its field."""
from collections.abc import Callable

from lms.extensions import db
from lms.rules import RuleRefused


def show_refusal(form, error: RuleRefused, rename: dict[str, str] | None = None) -> None:
    """Attach the message to its field (renamed where the form calls it otherwise), else above the form."""
    name = (rename or {}).get(error.field, error.field)
    field = form[name] if name and name in form else None
    (field.errors if field is not None else form.form_errors).append(str(error))


def attempt(form, action: Callable[[], object]) -> bool:
    """Run one service call and commit; on a refusal roll back (nothing half-done stays) and show why."""
    try:
        action()
    except RuleRefused as error:
        db.session.rollback()
        show_refusal(form, error)
        return False
    db.session.commit()
    return True
