"""Forms for volunteering and for the agency's endorsement."""
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from lms.web.validators import strip_text


class ApplyForm(FlaskForm):
    motivation = TextAreaField(
        "Why do you volunteer for the CIT academy?",
        validators=[DataRequired("Tell us why you volunteer."), Length(max=4000)], filters=[strip_text])


class EndorseForm(FlaskForm):
    decision = SelectField("Your decision", choices=[
        SelectChoice("", "- Select -"), SelectChoice("endorse", "Endorse this volunteer"),
        SelectChoice("decline", "Do not endorse"),
    ], validators=[DataRequired("Choose whether you endorse this volunteer.")])
    comment = TextAreaField("Comment for the officer and the coordinator",
                            validators=[Length(max=2000)], filters=[strip_text])
