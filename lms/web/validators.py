"""Field validators shared by every form: plain single-line text, names without markup."""
import re

from wtforms.validators import ValidationError

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
NEWLINE = re.compile(r"[\r\n]")
MARKUP = re.compile(r"[<>]")


def single_line(form, field) -> None:
    """Refuse control characters and line breaks in one-line fields."""
    if field.data and (CONTROL.search(field.data) or NEWLINE.search(field.data)):
        raise ValidationError("Remove line breaks and control characters.")


def plain_name(form, field) -> None:
    """Refuse angle brackets in names: a name is text, never markup."""
    single_line(form, field)
    if field.data and MARKUP.search(field.data):
        raise ValidationError("Names cannot contain < or >.")


def strip_text(value):
    """Trim surrounding white space from text input."""
    return value.strip() if isinstance(value, str) else value
