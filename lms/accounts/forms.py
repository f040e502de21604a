"""Forms for signing in and managing one's own account."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from lms.web.validators import single_line


class SignInForm(FlaskForm):
    email = StringField("Email address", validators=[DataRequired("Enter your email address."), Length(max=254), single_line])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=1024)])


class SecondFactorForm(FlaskForm):
    code = StringField(
        "Code from your authenticator app, or a recovery code",
        validators=[DataRequired("Enter the 6-digit code or a recovery code."), Length(max=32),
                    Regexp(r"^[0-9A-Za-z\- ]+$", message="Use only the digits or letters of the code.")],
    )


class EnrolForm(FlaskForm):
    code = StringField(
        "6-digit code from your app",
        validators=[DataRequired("Enter the 6-digit code your app shows."),
                    Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message="Enter the 6 digits your app shows.")],
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password."), Length(max=1024)])
    new_password = PasswordField("New password", validators=[DataRequired("Choose a new password."), Length(max=1024)])
    confirm_password = PasswordField("Type the new password again", validators=[DataRequired("Type the new password again.")])

    def validate_confirm_password(self, field):
        if field.data != self.new_password.data:
            from wtforms.validators import ValidationError

            raise ValidationError("The two new passwords do not match.")


class DisableMfaForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password."), Length(max=1024)])
    confirm = BooleanField("I understand I will sign in with my password only", validators=[DataRequired("Tick the box to confirm.")])


class ConfirmPasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your current password."), Length(max=1024)])
