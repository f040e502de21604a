"""The training officer's form to assign the baseline course with a due date."""
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField
from wtforms.validators import DataRequired, InputRequired
from wtforms.widgets import CheckboxInput, ListWidget


class AssignForm(FlaskForm):
    people = SelectMultipleField("People to assign it to", validators=[DataRequired("Choose at least one person.")],
                                 option_widget=CheckboxInput(), widget=ListWidget(prefix_label=False))
    due_on = DateField("Due date", validators=[InputRequired("Enter the due date.")])
