"""Forms for scheduling academies, their sessions, and deciding on volunteers."""
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField, TimeField
from wtforms.widgets import CheckboxInput, ListWidget
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from lms.web.validators import plain_name, single_line, strip_text


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice("", "- Select -")] + [SelectChoice(str(value), label) for value, label in pairs]


class ClassForm(FlaskForm):
    title = StringField("Name of the academy", validators=[DataRequired("Name the academy."), Length(max=160), plain_name],
                        filters=[strip_text])
    location = StringField("Where it is held", validators=[DataRequired("Say where it is held."), Length(max=200), single_line],
                           filters=[strip_text])
    starts_on = DateField("First day", validators=[InputRequired("Enter the first day.")])
    ends_on = DateField("Last day", validators=[InputRequired("Enter the last day.")])
    capacity = IntegerField("Seats", validators=[InputRequired("Enter the number of seats."),
                                                 NumberRange(1, 60, "Choose from 1 to 60 seats.")])
    lead_instructor_id = SelectField("Lead instructor", coerce=str, validate_choice=False,
                                     validators=[DataRequired("Choose the lead instructor.")])
    staff_ids = SelectMultipleField("Other instructors and mental health professionals", validate_choice=False,
                                    option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))

    def __init__(self, instructors, staff=(), *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lead_instructor_id.choices = _choices((a.id, a.display_name) for a in instructors)
        self.staff_ids.choices = [SelectChoice(str(a.id), f"{a.display_name} ({a.role_enum.label})") for a in staff]

    def fields(self) -> dict:
        """The answers, as the scheduling services take them."""
        return {"title": self.title.data, "location": self.location.data, "starts_on": self.starts_on.data,
                "ends_on": self.ends_on.data, "capacity": self.capacity.data,
                "lead_instructor_id": self.lead_instructor_id.data, "staff_ids": self.staff_ids.data or []}


class SessionForm(FlaskForm):
    module_slug = SelectField("Module", validate_choice=False, validators=[DataRequired("Choose a module.")])
    day = DateField("Day", validators=[InputRequired("Enter the day.")])
    starts_at = TimeField("Starts at", validators=[InputRequired("Enter when it starts.")])
    ends_at = TimeField("Ends at", validators=[InputRequired("Enter when it ends.")])
    place = StringField("Place", validators=[DataRequired("Say where."), Length(max=200), single_line],
                        filters=[strip_text])

    def __init__(self, course, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.module_slug.choices = _choices((m.slug, f"{m.title} ({m.hours:g} h)") for m in course.modules)


class DecisionForm(FlaskForm):
    decision = SelectField("Decision", validators=[DataRequired("Choose a decision.")], choices=_choices(
        (("accept", "Accept into an academy"), ("waitlist", "Put on an academy's waiting list"), ("decline", "Decline"))))
    class_id = SelectField("Academy", validate_choice=False)
    comment = TextAreaField("Comment for the volunteer", validators=[Length(max=2000)], filters=[strip_text])

    def __init__(self, academies, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.class_id.choices = _choices((c.id, f"{c.title}: {c.seats_left} of {c.capacity} seats left")
                                         for c in academies)


class MakeUpForm(FlaskForm):
    """Book one listed session as a make-up seat (the button carries the session)."""

    session_id = IntegerField("Session", validators=[InputRequired("Choose a session.")])
