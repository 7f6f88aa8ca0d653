"""Forms for managing users and the self-identification questions."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, SubmitField, TextAreaField
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
