"""Forms for signing in, accepting an invitation and changing a password."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from recruit.services.errors import InvalidInput
from recruit.services.users import check_email


def account_email(form, field) -> None:
    """The address test accounts are created with (``users.check_email``), as a form validator."""
    try:
        check_email(field.data)
    except InvalidInput as exc:
        raise ValidationError("Enter a valid email address.") from exc


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
