"""The job form, and the small forms of a job's pages: status, shortlist, ranking override, scoring settings."""
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DecimalField, IntegerField, SelectField, StringField, SubmitField,
                     TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from recruit.forms import Form, Ids, StatusForm, whole
from recruit.models import EDUCATION_LEVELS, EMPLOYMENT_TYPES, RATE_CARD_UNITS
from recruit.services.scoring import CRITERIA

STATUS_ACTIONS = {"open": "Job opened.", "on_hold": "Job put on hold.", "closed": "Job closed.",
                  "draft": "Job moved back to draft."}


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
    service_line_id = SelectField("Service line", coerce=int, default=0,
                                  description="For a job order: what the firm sells here; its rate card's floor "
                                              "applies to the fee.")
    fee_amount = DecimalField("Fee", places=2, validators=[Optional(), NumberRange(min=0.01)],
                              description="For a job order: the amount agreed, compared with the rate card.")
    fee_currency = StringField("Currency", validators=[Optional(), Length(min=3, max=3)],
                               description="Three letters, e.g. USD, INR. Empty: the rate card's.")
    fee_unit = SelectField("Per", choices={"": "—", **RATE_CARD_UNITS}, default="")
    fee = StringField("Fee terms", validators=[Optional(), Length(max=120)],
                      description="Anything the amount does not say, e.g. 8.33% of annual CTC. Terms that read as "
                                  "an amount (INR 1,20,000 per month) are compared with the rate card too.")
    fee_reason = StringField("Why, if below the floor", validators=[Optional(), Length(max=500)],
                             description="For the executive who approves a fee below the rate card's floor.")
    due_date = DateField("Needed by", validators=[Optional()])
    public = BooleanField("List on the public careers page while open",
                          description="Shown at /careers with an apply form, and in the job-board feeds.")
    status = SelectField("Status", choices={"draft": "Draft", "open": "Open"}, default="draft")
    submit = SubmitField("Save job")

    def set_client_choices(self, clients, service_lines=()) -> None:
        """The clients and the service lines to choose from."""
        self.client_id.choices = {0: "In-house", **{c.id: c.name for c in clients}}
        self.service_line_id.choices = {0: "—", **{line.id: line.name for line in service_lines}}

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
            "service_line_id": self.service_line_id.data or None,
            "fee_amount": float(self.fee_amount.data) if self.fee_amount.data is not None else None,
            "fee_currency": (self.fee_currency.data or "").strip().upper() or None,
            "fee_unit": self.fee_unit.data or None,
            "fee_reason": (self.fee_reason.data or "").strip() or None,
            "due_date": self.due_date.data,
        }


class JobStatusForm(StatusForm):
    """Open, hold, close or back to draft: ``values()`` for ``jobs.set_status``."""

    STATUSES = tuple(STATUS_ACTIONS)


class ChosenForm(Form):
    """The applicants ticked on a page (the ranking's shortlist, a board's bulk move or email)."""

    application_id = Ids()

    def values(self) -> dict:
        return {"ids": self.application_id.ids()}


NUMBERS_ONLY = "numbers only, please."


class ShortlistRuleForm(Form):
    """How the ranking suggests a shortlist: the top N (10 when left empty), or everyone at or above a score.
    The service keeps the ranges (1 to 500, 0 to 100)."""

    shortlist_size = StringField()
    shortlist_threshold = StringField()

    def validate_shortlist_size(self, field) -> None:
        if (field.data or "").strip() and whole(field.data.strip(), None) is None:
            raise ValidationError(NUMBERS_ONLY)

    def validate_shortlist_threshold(self, field) -> None:
        try:
            float(field.data) if (field.data or "").strip() else None
        except ValueError:
            raise ValidationError(NUMBERS_ONLY)

    def values(self) -> dict:
        size, threshold = (self.shortlist_size.data or "").strip(), (self.shortlist_threshold.data or "").strip()
        return {"size": whole(size, None) if size else 10,
                "threshold": float(threshold) if threshold else None}


class OverrideForm(Form):
    """Promote or demote an applicant in the ranking, or clear that (no direction), with the reason."""

    direction = StringField()
    reason = StringField()

    def validate_direction(self, field) -> None:
        if (field.data or None) not in ("promote", "demote", None):
            raise ValidationError("Choose promote or demote.")

    def values(self) -> dict:
        return {"direction": self.direction.data or None, "reason": (self.reason.data or "")[:2000]}


class ScoringForm(Form):
    """An admin's scoring settings for a job: a weight per criterion (``w_<criterion>``, empty counts as 0) and
    blind review until a stage. The service keeps the rules (0 to 100, not all zero, a real stage)."""

    blind_review = StringField()
    blind_until_stage = StringField(default="interview")

    def validate(self, extra_validators=None) -> bool:
        """The fields, then every weight a number."""
        if not super().validate(extra_validators):
            return False
        try:
            self.weights()
        except ValueError:
            self.blind_review.errors.append(NUMBERS_ONLY)
            return False
        return True

    def weights(self) -> dict[str, float]:
        """The weight typed for every criterion (ValueError for one that is not a number)."""
        return {name: float((self.submitted or {}).get(f"w_{name}", "") or 0) for name in CRITERIA}

    def values(self) -> dict:
        return {"weights": self.weights(), "blind_review": self.blind_review.data == "1",
                "blind_until_stage": self.blind_until_stage.data or "interview"}
