"""Forms for candidates and their resumes."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, HiddenField, SelectField, StringField, SubmitField, TelField
from wtforms.validators import DataRequired, Length, Optional

RESUME_HELP = "PDF, DOCX or plain text; checked by its content, not its name."


class CandidateForm(FlaskForm):
    """A candidate's own details, as a recruiter types them."""

    name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    email = EmailField("Email", validators=[Optional(), Length(max=254)])
    phone = TelField("Phone", validators=[Optional(), Length(max=40)],
                     description="With the country code, or a local number.")
    location = StringField("Location", validators=[Optional(), Length(max=200)])
    headline = StringField("Headline", validators=[Optional(), Length(max=200)],
                           description="e.g. Equity research analyst, 3 years, CFA level II.")
    submit = SubmitField("Save candidate")

    def values(self) -> dict:
        """The typed details, for the candidates service."""
        return {k: getattr(self, k).data for k in ("name", "email", "phone", "location", "headline")}


class NewCandidateForm(CandidateForm):
    """Adding a candidate: with a resume the name may be left for the parse to fill in."""

    name = StringField("Full name", validators=[Optional(), Length(max=200)],
                       description="Leave it empty when you attach a resume: it is read from the resume.")
    source = SelectField("Source", choices={"manual": "Added by a recruiter", "referral": "Referral"})
    job_id = SelectField("Add to job", coerce=int, default=0)
    resume = FileField("Resume", description=RESUME_HELP)
    # A resume given with a form that failed, kept on the server (its SHA-256) for the retry.
    held_resume = HiddenField()


class ResumeForm(FlaskForm):
    resume = FileField("Resume", description=RESUME_HELP)
    submit = SubmitField("Upload")


class AddToJobForm(FlaskForm):
    job_id = SelectField("Job", coerce=int)
    submit = SubmitField("Add to job")
