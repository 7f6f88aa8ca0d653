"""Forms for managing users, webhook endpoints and the self-identification questions."""
from flask_wtf import FlaskForm
from wtforms import (BooleanField, EmailField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField,
                     URLField)
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


class SelfIdQuestionForm(FlaskForm):
    """A new voluntary self-identification question: its label and its answers, one a line."""

    label = StringField("Question", validators=[DataRequired(), Length(max=200)],
                        description="Shown as \"Optional: ...\" on the careers page and the campus sign-up.")
    options = TextAreaField("Answers, one a line", validators=[DataRequired(), Length(max=4000)],
                            description="\"Prefer not to say\" is always added.")
    confirm_sensitive = BooleanField("I confirm we must ask this (the law or a regulator requires monitoring it)")
    submit = SubmitField("Add the question")

    def values(self) -> dict:
        """The form as plain values for ``bias_audit.add_question``."""
        return {"key": self.label.data, "label": self.label.data,
                "options": (self.options.data or "").splitlines(), "confirm_sensitive": self.confirm_sensitive.data}
