"""The one-row attendance form of the class day page."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from lms.web.validators import single_line, strip_text


STATUS_CHOICES = (SelectChoice("present", "Present"), SelectChoice("late", "Late"), SelectChoice("absent", "Absent"))


class MarkForm(FlaskForm):
    status = RadioField("Attendance", choices=list(STATUS_CHOICES),
                        validators=[DataRequired("Choose present, late or absent.")])
    minutes_late = IntegerField("Minutes late", validators=[Optional(), NumberRange(0, 600, "Enter 0 to 600 minutes.")])
    reason = StringField("Reason for the change", validators=[Length(max=300), single_line], filters=[strip_text])
    version = HiddenField()
