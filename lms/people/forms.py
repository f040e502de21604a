"""Forms for people and an agency's roster: add and correct a person; hire, reassign, separate."""
from datetime import date

from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, Regexp, ValidationError

from lms.people.models import RANK_LABELS, RANKS
from lms.people.services import SEPARATION_REASONS
from lms.web.validators import plain_name, single_line, strip_text

RANK_CHOICES = [SelectChoice(rank, RANK_LABELS[rank]) for rank in RANKS]
OFFICER_ID = Regexp(r"^[A-Za-z0-9-]+$", message="Use only letters, digits and hyphens.")


def optional_id(value):
    """Coerce a select's value to an id; the blank choice means none."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError("Choose from the list.") from None


def legal_name_field(required: bool = True) -> StringField:
    first = DataRequired("Enter the person's legal name.") if required else Optional()
    return StringField("Legal name", filters=[strip_text], validators=[
        first, Length(max=160, message="Keep the name to 160 characters or fewer."), plain_name])


def email_field(required: bool = True) -> StringField:
    first = DataRequired("Enter the person's email address.") if required else Optional()
    # Reserved .test addresses are accepted: demo data uses them, and no mail can reach them.
    return StringField("Email address", filters=[strip_text], validators=[
        first, Length(max=254, message="Keep the email address to 254 characters or fewer."), single_line,
        Email("Enter an email address like name@agency.gov.", test_environment=True)])


def officer_id_field(label: str, required: bool) -> StringField:
    first = DataRequired("Enter the state officer ID.") if required else Optional()
    return StringField(label, filters=[strip_text], validators=[
        first, Length(max=32, message="A state officer ID has at most 32 characters."), single_line, OFFICER_ID])


class PersonForm(FlaskForm):
    """Add a person (blank officer ID: a provisional one is made)."""

    legal_name = legal_name_field()
    email = email_field()
    officer_id = officer_id_field("State officer ID (optional)", required=False)


class EditPersonForm(FlaskForm):
    """Correct a person's legal name, email address or state officer ID."""

    legal_name = legal_name_field()
    email = email_field()
    officer_id = officer_id_field("State officer ID", required=True)


class _WhoIsHired(FlaskForm):
    """Who is hired, and from when (declared before the posting fields, so errors list in page order)."""

    who = RadioField("Who are you hiring?", choices=[
        SelectChoice("existing", "Someone already in the state records"),
        SelectChoice("new", "Someone new to the state records, such as a recruit"),
    ], validators=[InputRequired("Choose whether this person is already in the state records.")])
    existing_officer_id = officer_id_field("Their state officer ID", required=False)
    legal_name = legal_name_field(required=False)
    email = email_field(required=False)
    officer_id = officer_id_field("State officer ID (optional)", required=False)
    started_on = DateField("Start date", default=date.today, validators=[InputRequired("Enter the date they start.")])


class PostingForm(FlaskForm):
    """Rank, district and shift of a posting; district and shift choices are one agency's."""

    rank = SelectField("Rank", choices=RANK_CHOICES, validators=[DataRequired("Choose a rank.")])
    # The service checks that the district and shift belong to the agency (a tampered id gets its message).
    district_id = SelectField("District", coerce=optional_id, validate_choice=False)
    shift_id = SelectField("Shift", coerce=optional_id, validate_choice=False)
    patrol_experience_since = DateField("Patrol experience since (optional)", validators=[Optional()])

    def validate_patrol_experience_since(self, field):
        if field.data and field.data > date.today():
            raise ValidationError("Patrol experience cannot start in the future.")

    def __init__(self, agency, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.district_id.choices = [SelectChoice("", "No district"),
                                    *(SelectChoice(str(d.id), d.name) for d in agency.districts)]
        self.shift_id.choices = [SelectChoice("", "No shift"),
                                 *(SelectChoice(str(s.id), f"{s.name} ({s.hours_label})") for s in agency.shifts)]


class HireForm(_WhoIsHired, PostingForm):
    """Hire someone already on record, by state officer ID, or a new person."""

    NEW_PERSON = ("legal_name", "email", "officer_id")

    def validate(self, extra_validators=None) -> bool:
        super().validate(extra_validators)
        # Only the fields of the chosen kind of hire count.
        ignored = ("existing_officer_id",) if self.who.data == "new" else self.NEW_PERSON
        for name in ignored:
            self[name].errors = []
        if self.who.data == "existing" and not self.existing_officer_id.data:
            self.existing_officer_id.errors = ["Enter their state officer ID."]
        if self.who.data == "new":
            if not self.legal_name.data and not self.legal_name.errors:
                self.legal_name.errors = ["Enter the person's legal name."]
            if not self.email.data and not self.email.errors:
                self.email.errors = ["Enter the person's email address."]
        return not any(field.errors for field in self)


class ReassignForm(PostingForm):
    """Change a posting's rank, district or shift from a date."""

    effective_on = DateField("Takes effect on", default=date.today,
                             validators=[InputRequired("Enter the date the change takes effect.")])


class SeparateForm(FlaskForm):
    """End a posting: the date and the reason."""

    ended_on = DateField("Last day", default=date.today,
                         validators=[InputRequired("Enter the last day of their employment.")])
    reason = SelectField("Reason", choices=[SelectChoice(value, label) for value, label in SEPARATION_REASONS.items()],
                         validators=[DataRequired("Choose a reason.")])
