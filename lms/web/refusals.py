"""Show a rule's refusal next to the form field it concerns."""
from lms.rules import RuleRefused


def show_refusal(form, error: RuleRefused, rename: dict[str, str] | None = None) -> None:
    """Attach the message to its field (renamed where the form calls it otherwise), else above the form."""
    name = (rename or {}).get(error.field, error.field)
    field = form[name] if name and name in form else None
    (field.errors if field is not None else form.form_errors).append(str(error))
