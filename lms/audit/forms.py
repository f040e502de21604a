"""The audit trail's filter form (sent in the address, so it carries no CSRF token)."""
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from lms.audit.queries import AuditFilters
from lms.web.validators import single_line, strip_text

OUTCOME_CHOICES = [SelectChoice("", "Any outcome"), SelectChoice("success", "Success"),
                   SelectChoice("failure", "Failure")]


class AuditFilterForm(FlaskForm):
    """Who, what, which object, how it ended, and between which days (UTC)."""

    class Meta:
        csrf = False

    actor = StringField("Actor's email contains", filters=[strip_text],
                        validators=[Length(max=254, message="Keep this to 254 characters."), single_line])
    action = SelectField("Action", default="")
    object_type = SelectField("Object type", default="")
    object_id = StringField("Object ID", filters=[strip_text],
                            validators=[Length(max=64, message="An object ID has at most 64 characters."), single_line])
    outcome = SelectField("Outcome", choices=OUTCOME_CHOICES, default="")
    date_from = DateField("From (UTC date)", validators=[Optional()])
    date_to = DateField("To (UTC date, included)", validators=[Optional()])

    def set_choices(self, actions: list[str], object_types: list[str]) -> None:
        self.action.choices = [SelectChoice("", "Any action"), *(SelectChoice(action) for action in actions)]
        self.object_type.choices = [SelectChoice("", "Any object type"), *(SelectChoice(kind) for kind in object_types)]

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError("The end date must be the same as or later than the start date.")

    def filters(self) -> AuditFilters:
        return AuditFilters(actor=self.actor.data or "", action=self.action.data or "",
                            object_type=self.object_type.data or "", object_id=self.object_id.data or "",
                            outcome=self.outcome.data or "", date_from=self.date_from.data,
                            date_to=self.date_to.data)
