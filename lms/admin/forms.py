"""Forms for account administration: the list's filters and the role-and-scope form."""
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from lms.accounts.roles import Role
from lms.admin.queries import STATE_LABELS
from lms.web.validators import single_line, strip_text

ROLE_OPTIONS = [SelectChoice(role.value, role.label) for role in Role]


def optional_id(value):
    """Coerce a select's value to an id; the blank choice means none."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError("Choose from the list.") from None


class AccountFilterForm(FlaskForm):
    """Filters for the account list, sent in the address (GET), so no CSRF token."""

    class Meta:
        csrf = False

    q = StringField("Name or email contains", filters=[strip_text],
                    validators=[Length(max=100, message="Keep the search to 100 characters."), single_line])
    role = SelectField("Role", choices=[SelectChoice("", "Any role"), *ROLE_OPTIONS], default="")
    state = SelectField("State", default="", choices=[
        SelectChoice("", "Any state"), *(SelectChoice(state, label) for state, label in STATE_LABELS.items())])


class RoleForm(FlaskForm):
    """A role and its scope: a region for a coordinator, an agency for a training officer."""

    role = SelectField("Role", choices=ROLE_OPTIONS, default=Role.OFFICER.value,
                       validators=[DataRequired("Choose a role.")])
    region_id = SelectField("Region (regional coordinators only)", coerce=optional_id)
    agency_id = SelectField("Agency (agency training officers only)", coerce=optional_id)

    def set_scope_choices(self, regions, agencies) -> None:
        self.region_id.choices = [SelectChoice("", "No region"),
                                  *(SelectChoice(str(region.id), region.name) for region in regions)]
        self.agency_id.choices = [SelectChoice("", "No agency"),
                                  *(SelectChoice(str(agency.id), agency.name) for agency in agencies)]
