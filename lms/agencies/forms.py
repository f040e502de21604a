"""Forms for regions, agencies, districts and patrol shifts."""
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from lms.agencies.models import AGENCY_KIND_LABELS
from lms.web.validators import plain_name, single_line, strip_text

KIND_CHOICES = [SelectChoice("", "- Select -"),
                *(SelectChoice(kind, label) for kind, label in AGENCY_KIND_LABELS.items())]
TIME_MESSAGE = "Enter a time in hours and minutes, like 06:00 or 22:30."


def optional_id(value):
    """Read a chosen id; the empty placeholder choice reads as None."""
    return int(value) if value not in (None, "") else None


class RegionForm(FlaskForm):
    code = StringField("Region code", filters=[strip_text], validators=[
        DataRequired("Enter a short code for the region."), Length(max=16, message="Use at most 16 characters."),
        Regexp(r"^[A-Za-z0-9]+$", message="Use letters and digits only, with no spaces.")])
    name = StringField("Region name", filters=[strip_text], validators=[
        DataRequired("Enter the region's name."), Length(max=120, message="Use at most 120 characters."),
        plain_name])


class RegionContactForm(FlaskForm):
    """What the public directory shows for the region's coordinator on the advisory council."""

    contact_name = StringField("Name", filters=[strip_text], validators=[
        DataRequired("Enter the name the public should contact."), Length(max=160, message="Use at most 160 characters."),
        plain_name])
    contact_title = StringField("Role or organisation", filters=[strip_text], validators=[
        Optional(), Length(max=160, message="Use at most 160 characters."), single_line])
    contact_email = StringField("Public email address", filters=[strip_text], validators=[
        DataRequired("Enter an email address the public may write to."),
        Length(max=254, message="Use at most 254 characters."),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="Enter an email address like coordinator@example.gov.")])
    contact_phone = StringField("Public phone number", filters=[strip_text], validators=[
        Optional(), Length(max=32, message="Use at most 32 characters."),
        Regexp(r"^[0-9+().\- ]{7,32}$", message="Enter a phone number using digits, spaces, +, -, ( and ).")])


class AgencyForm(FlaskForm):
    name = StringField("Agency name", filters=[strip_text], validators=[
        DataRequired("Enter the agency's name."), Length(max=160, message="Use at most 160 characters."),
        plain_name])
    kind = SelectField("Kind of agency", choices=KIND_CHOICES,
                       validators=[DataRequired("Choose the kind of agency.")],
                       invalid_choice_message="Choose a kind of agency from the list.")
    region_id = SelectField("Region", coerce=optional_id, validators=[DataRequired("Choose the agency's region.")],
                            invalid_value_message="Choose a region from the list.",
                            invalid_choice_message="Choose a region from the list.")

    def __init__(self, regions, **kwargs):
        super().__init__(**kwargs)
        self.regions = {region.id: region for region in regions}
        self.region_id.choices = [SelectChoice("", "- Select -"),
                                  *(SelectChoice(str(region.id), f"{region.name} ({region.code})")
                                    for region in regions)]

    @property
    def region(self):
        """The chosen region (valid once the form validates)."""
        return self.regions.get(self.region_id.data)


class DistrictForm(FlaskForm):
    name = StringField("District name", filters=[strip_text], validators=[
        DataRequired("Enter the district's name."), Length(max=80, message="Use at most 80 characters."),
        plain_name])


class ShiftForm(FlaskForm):
    name = StringField("Shift name", filters=[strip_text], validators=[
        DataRequired("Enter the shift's name."), Length(max=80, message="Use at most 80 characters."),
        plain_name])
    starts_at = TimeField("Starts at", format="%H:%M", invalid_value_message=TIME_MESSAGE,
                          validators=[InputRequired("Enter the time the shift starts.")])
    ends_at = TimeField("Ends at", format="%H:%M", invalid_value_message=TIME_MESSAGE,
                        validators=[InputRequired("Enter the time the shift ends.")])
