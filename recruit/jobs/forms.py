"""The job form."""
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DecimalField, IntegerField, SelectField, StringField, SubmitField,
                     TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from recruit.models import EDUCATION_LEVELS, EMPLOYMENT_TYPES


class JobForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    client_id = SelectField("For", coerce=int, default=0,
                            description="In-house, or a client's job order.")
    location = StringField("Location", validators=[Optional(), Length(max=200)],
                           description="City, or 'Remote'.")
    employment_type = SelectField("Employment type", choices=dict(EMPLOYMENT_TYPES))
    openings = IntegerField("Openings", default=1, validators=[DataRequired(), NumberRange(1, 10000)])
    min_years = DecimalField("Minimum years of experience", default=0, places=1,
                             validators=[Optional(), NumberRange(0, 50)])
    education = SelectField("Education", choices=dict(EDUCATION_LEVELS))
    required_skills = TextAreaField("Required skills", validators=[Optional(), Length(max=4000)],
                                    description="Comma or line separated, e.g. Financial modelling, Excel, IFRS.")
    preferred_skills = TextAreaField("Preferred skills", validators=[Optional(), Length(max=4000)])
    description = TextAreaField("Description", validators=[Optional(), Length(max=50000)],
                                description="What the analyst will do, for whom, and what good looks like.")
    client_requirements = TextAreaField("Client's requirements", validators=[Optional(), Length(max=20000)],
                                        description="For a job order: what the client asks for, in their words.")
    fee = StringField("Fee or rate", validators=[Optional(), Length(max=120)],
                      description="For a job order: e.g. 8.33% of annual CTC, or INR 1,20,000 per month.")
    due_date = DateField("Needed by", validators=[Optional()])
    public = BooleanField("List on the public careers page while open",
                          description="Shown at /careers with an apply form, and in the job-board feeds.")
    status = SelectField("Status", choices={"draft": "Draft", "open": "Open"}, default="draft")
    submit = SubmitField("Save job")

    def set_client_choices(self, clients) -> None:
        self.client_id.choices = {0: "In-house", **{c.id: c.name for c in clients}}

    def values(self) -> dict:
        """The form's fields as plain values for the jobs service."""
        return {
            "title": self.title.data,
            "client_id": self.client_id.data or None,
            "location": self.location.data,
            "employment_type": self.employment_type.data,
            "openings": self.openings.data,
            "min_years": float(self.min_years.data or 0),
            "education": self.education.data,
            "required_skills": self.required_skills.data,
            "preferred_skills": self.preferred_skills.data,
            "description": self.description.data or "",
            "public": bool(self.public.data),
            "client_requirements": self.client_requirements.data or None,
            "fee": (self.fee.data or "").strip() or None,
            "due_date": self.due_date.data,
        }
