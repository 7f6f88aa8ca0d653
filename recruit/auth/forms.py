"""Forms for signing in, accepting an invitation and changing a password."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms import widgets
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from recruit.services.errors import InvalidInput
from recruit.services.users import check_email


def account_email(form, field) -> None:
    """The address test accounts are created with (``users.check_email``), as a form validator."""
    try:
        check_email(field.data)
    except InvalidInput as exc:
        raise ValidationError("Enter a valid email address.") from exc


class MultiCheckboxField(SelectMultipleField):
    """Several choices shown as check boxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), account_email])
    password = PasswordField("Password", validators=[DataRequired()])
    remember = BooleanField("Keep me signed in on this device")
    submit = SubmitField("Sign in")


class ResetForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(), account_email])
    submit = SubmitField("Email me a link")


class SetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=[DataRequired(), Length(min=10, max=200, message="Use at least 10 characters.")],
                             description="At least 10 characters.")
    confirm = PasswordField("Repeat the new password",
                            validators=[DataRequired(), EqualTo("password", message="The passwords differ.")])
    submit = SubmitField("Set password")


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField("Current password", validators=[DataRequired()])
    submit = SubmitField("Change password")


class TokenForm(FlaskForm):
    """A new personal access token: a name, the scopes (only those the user's role allows are offered) and an
    expiry. ``values()`` hands the service plain values."""

    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    scopes = MultiCheckboxField("Scopes")
    expires_days = SelectField("Expires", choices={"30": "in 30 days", "7": "in 7 days", "90": "in 90 days",
                                                   "365": "in a year", "": "never"}, default="30")
    submit = SubmitField("Create token")

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.scopes.choices = {s: s for s in allowed}

    def validate_scopes(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose at least one scope.")

    def values(self) -> dict:
        return {"name": self.name.data.strip(), "scopes": list(self.scopes.data),
                "expires_days": int(self.expires_days.data) if self.expires_days.data else None}
