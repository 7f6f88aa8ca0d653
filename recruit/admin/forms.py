"""Forms for managing users and webhook endpoints."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, SelectMultipleField, StringField, SubmitField, URLField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from recruit.auth.forms import account_email
from recruit.models import Role
from recruit.services.webhooks import EVENT_TYPES, SUBSCRIBABLE

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



class MultiCheckboxField(SelectMultipleField):
    """Several choices as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WebhookForm(FlaskForm):
    url = URLField("Endpoint URL", validators=[DataRequired(), Length(max=2000)],
                   description="Where recruit POSTs each event, e.g. https://hr.example.com/hooks/recruit.")
    description = StringField("Description", validators=[Optional(), Length(max=200)],
                              description="What listens there, for whoever reads this list next.")
    events = MultiCheckboxField("Events to send", choices={e: f"{e} — {EVENT_TYPES[e]}" for e in SUBSCRIBABLE})
    active = BooleanField("Active (send events to it)", default=True)
    submit = SubmitField("Save endpoint")

    def values(self) -> dict:
        """The form's fields as plain values for the webhooks service."""
        return {"url": self.url.data, "description": self.description.data, "events": self.events.data or [],
                "active": bool(self.active.data)}
