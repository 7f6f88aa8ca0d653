"""Forms for candidates and their resumes."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, SelectField, StringField, SubmitField, TelField
from wtforms.validators import DataRequired, Length, Optional

RESUME_HELP = "PDF, DOCX or plain text; checked by its content, not its name."


class CandidateForm(FlaskForm):
    name = StringField("Full name", validators=[DataRequired(), Length(max=200)])
    email = EmailField("Email", validators=[Optional(), Length(max=254)])
    phone = TelField("Phone", validators=[Optional(), Length(max=40)],
                     description="With the country code, or a local number.")
    location = StringField("Location", validators=[Optional(), Length(max=200)])
    headline = StringField("Headline", validators=[Optional(), Length(max=200)],
                           description="e.g. Equity research analyst, 3 years, CFA level II.")
    submit = SubmitField("Save candidate")

    def values(self) -> dict:
        return {k: getattr(self, k).data for k in ("name", "email", "phone", "location", "headline")}


class NewCandidateForm(CandidateForm):
    source = SelectField("Source", choices={"manual": "Added by a recruiter", "referral": "Referral"})
    job_id = SelectField("Add to job", coerce=int, default=0)
    resume = FileField("Resume", description=RESUME_HELP)


class ResumeForm(FlaskForm):
    resume = FileField("Resume", description=RESUME_HELP)
    submit = SubmitField("Upload")


class AddToJobForm(FlaskForm):
    job_id = SelectField("Job", coerce=int)
    submit = SubmitField("Add to job")
