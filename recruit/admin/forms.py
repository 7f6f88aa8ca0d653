"""Forms for managing users."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from recruit.auth.forms import account_email
from recruit.models import Role

ROLE_CHOICES = {r.value: r.label for r in Role}


class InviteForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    email = EmailField("Email", validators=[DataRequired(), account_email, Length(max=254)])
    role = SelectField("Role", choices=ROLE_CHOICES, default="recruiter")
    submit = SubmitField("Create invitation")


class EditUserForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    role = SelectField("Role", choices=ROLE_CHOICES)
    active = BooleanField("Active (can sign in)")
    submit = SubmitField("Save")

