"""Forms for changing a certificate's status and for the public lookup."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, DecimalField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from lms.certificates.services import REASON_LABELS, REASONS
from lms.web.validators import strip_text


class StatusForm(FlaskForm):
    to = SelectField("Change", validators=[DataRequired("Choose a change.")], choices=[
        SelectChoice("", "- Select -"), SelectChoice("suspended", "Suspend"), SelectChoice("active", "Lift the suspension"),
        SelectChoice("revoked", "Revoke (final)")])
    reason = SelectField("Reason", validators=[DataRequired("Choose a reason.")], choices=[SelectChoice("", "- Select -")] + [
        SelectChoice(key, REASON_LABELS[key]) for key in sorted({r for group in REASONS.values() for r in group})])
    note = TextAreaField("Note (kept with the record)", validators=[Length(max=2000)], filters=[strip_text])
    password = PasswordField("Your password, to confirm", validators=[DataRequired("Enter your password.")])


class LookupForm(FlaskForm):
    number = StringField("Certificate number", validators=[DataRequired("Enter the certificate number."),
                                                           Length(max=32)], filters=[strip_text])
    surname = StringField("Holder's last name", validators=[DataRequired("Enter the holder's last name."),
                                                            Length(max=80)], filters=[strip_text])


class ReissueForm(FlaskForm):
    note = TextAreaField("What is corrected, and why", validators=[Length(max=2000)], filters=[strip_text])
    password = PasswordField("Your password, to confirm", validators=[DataRequired("Enter your password.")])


class ContinuingEducationForm(FlaskForm):
    course_name = StringField("Course or training", validators=[DataRequired("Name the course."), Length(max=200)],
                              filters=[strip_text])
    provider = StringField("Provider", validators=[DataRequired("Name the provider."), Length(max=200)],
                           filters=[strip_text])
    completed_on = DateField("Completed on", validators=[InputRequired("Enter the date you completed it.")])
    hours = DecimalField("Hours", places=2, validators=[InputRequired("Enter the hours."),
                                                        NumberRange(0.25, 40, "Enter 0.25 to 40 hours.")])
    evidence = FileField("Evidence (PDF, PNG or JPEG, up to 5 MB)")


class DecisionForm(FlaskForm):
    note = TextAreaField("Note for the officer", validators=[Length(max=2000)], filters=[strip_text])
