"""The training officer's form for a new API token."""
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from lms.web.validators import plain_name, strip_text


class TokenForm(FlaskForm):
    name = StringField("Name of the system that will use it",
                       validators=[DataRequired("Name the system that will use the token."),
                                   Length(max=80, message="Keep the name to 80 characters."), plain_name],
                       filters=[strip_text])
