"""The completions export's period (sent in the address, so it carries no CSRF token)."""
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Optional, ValidationError


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False

    since = DateField("Completed on or after", validators=[Optional()])
    until = DateField("Completed on or before", validators=[Optional()])

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError("The end of the period cannot be before its start.")
