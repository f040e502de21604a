"""Forms for setting up role plays, reconciling results and scheduling retests."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from lms.web.validators import single_line, strip_text


def _choices(pairs, blank="- Select -") -> list[SelectChoice]:
    return [SelectChoice("", blank)] + [SelectChoice(str(value), label) for value, label in pairs]


class SessionForm(FlaskForm):
    title = StringField("Name of the session", validators=[DataRequired("Name the session."), Length(max=160),
                                                           single_line], filters=[strip_text])
    final = BooleanField("Final assessment (counts toward certification)", default=True)
    min_evaluators = IntegerField("Evaluators needed per role play", default=2,
                                  validators=[InputRequired("Enter a number."), NumberRange(1, 6, "Choose 1 to 6.")])
    evaluator_ids = SelectMultipleField("Evaluators", validate_choice=False, option_widget=CheckboxInput(),
                                        widget=ListWidget(prefix_label=False))
    lead_evaluator_id = SelectField("Lead evaluator (reconciles and releases)", validate_choice=False,
                                    validators=[DataRequired("Choose the lead evaluator.")])

    def __init__(self, staff, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.evaluator_ids.choices = [SelectChoice(str(a.id), f"{a.display_name} ({a.role_enum.label})") for a in staff]
        self.lead_evaluator_id.choices = _choices((a.id, a.display_name) for a in staff if a.role == "instructor")


class RunForm(FlaskForm):
    scenario_slug = SelectField("Scenario", validate_choice=False, validators=[DataRequired("Choose a scenario.")])
    talker_id = SelectField("Talker", validate_choice=False, validators=[DataRequired("Choose the talker.")])
    cover_id = SelectField("Cover officer (optional)", validate_choice=False)

    def __init__(self, scenarios, people, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scenario_slug.choices = _choices((s.slug, s.title) for s in scenarios)
        self.talker_id.choices = _choices((p.id, p.legal_name) for p in people)
        self.cover_id.choices = _choices(((p.id, p.legal_name) for p in people), blank="- No cover officer -")


class ReconcileForm(FlaskForm):
    decision = RadioField("Final result", choices=[SelectChoice("pass", "Passed"), SelectChoice("fail", "Not passed")],
                          validators=[InputRequired("Choose the final result.")])
    rationale = TextAreaField("Rationale", validators=[Length(max=4000)], filters=[strip_text])
    reason = TextAreaField("Reason for changing a released result", validators=[Length(max=2000)],
                           filters=[strip_text])


class RetestForm(FlaskForm):
    remediation = TextAreaField("What to practise before the retest", validators=[Length(max=4000)],
                                filters=[strip_text])
