"""The public forms: a student's or applicant's details (careers page, campus sign-up, walk-in desk), and the
answers a client gives through a share link. The honeypot and the rate limits stay in the routes."""
from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import BooleanField, StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, Number, number, prefixed, read_by, tidy, whole
from recruit.services.candidates import normalise_email, normalise_phone
from recruit.services.careers import NOTICE_PERIODS
from recruit.services.resumes import read_upload

YEAR_MESSAGE = "Graduation year is a year such as 2027."


class StudentForm(Form):
    """Who is signing up or applying, with the campus questions (degree, branch, year, marks, backlogs).

    Fields are checked in the order the page shows them; the page names the first that is wrong. ``website`` is
    the honeypot (people never see it, bots fill it in); ``resume`` the file, checked by content by the service.
    """

    website = StringField()
    resume = FileField()
    name = StringField()
    email = StringField(validators=[read_by(normalise_email)])
    phone = StringField(validators=[read_by(normalise_phone)])
    degree = StringField()
    branch = StringField()
    graduation_year = StringField()
    active_backlogs = StringField()
    cgpa = StringField(validators=[Number("CGPA", 0, 10)])
    percentage = StringField(validators=[Number("Percentage", 0, 100)])
    consent = StringField()

    human_review = BooleanField()  # "Please have a person assess my application": the scorer leaves it out

    def self_id(self, questions) -> dict[str, str]:
        """The voluntary self-identification answers (``sid_<key>`` fields), for the admin's ``questions`` only;
        kept apart from the application and never read by the scorer (bias_audit checks each choice)."""
        posted = prefixed(self.submitted, "sid_", 120)
        return {q.key: posted.get(q.key) for q in questions}

    def validate_name(self, field) -> None:
        if not tidy(field.data):
            raise ValidationError("Please give your name.")

    def validate_email(self, field) -> None:
        if not field.errors and not normalise_email(field.data):  # after read_by: the address is readable
            raise ValidationError("Please give your email address.")

    def validate_graduation_year(self, field) -> None:
        if field.data in (None, ""):
            return
        try:
            year = int(field.data)
        except ValueError:
            raise ValidationError(YEAR_MESSAGE)
        if not 1990 <= year <= 2100:
            raise ValidationError(YEAR_MESSAGE)

    def validate_active_backlogs(self, field) -> None:
        try:
            backlogs = int(field.data or 0)
        except ValueError:
            raise ValidationError("Active backlogs is a number (0 if none).")
        if not 0 <= backlogs <= 99:  # 10^30 reached SQLite and raised OverflowError on the public page
            raise ValidationError("Active backlogs is a number from 0 to 99.")


    def student(self) -> dict:
        """The student's details as plain, tidied values (what a registration and a candidate keep)."""
        year = self.graduation_year.data
        return {"name": tidy(self.name.data, 200), "email": normalise_email(self.email.data),
                "phone": normalise_phone(self.phone.data) if self.phone.data else None,
                "degree": tidy(self.degree.data, 100) or None, "branch": tidy(self.branch.data, 100) or None,
                "graduation_year": int(year) if year not in (None, "") else None,
                "cgpa": number(self.cgpa.data, "CGPA", 0, 10),
                "percentage": number(self.percentage.data, "Percentage", 0, 100),
                "active_backlogs": int(self.active_backlogs.data or 0)}

    def values(self) -> dict:
        """The form as plain values for ``campus.register``."""
        return {"student": self.student(), "consent": self.consent.data == "1"}

    def bot(self) -> bool:
        """Whether the honeypot was filled in: a bot's answer, thanked and dropped."""
        return bool(self.website.data)

    def upload(self) -> tuple[bytes, str] | None:
        """The resume's bytes and name (None when none was chosen); InvalidInput for one too large."""
        return read_upload(self.resume.data)


class CareersForm(StudentForm):
    """The careers page's apply form: the student's details, and for an experienced job the current job's
    (employer, notice period, pay) instead of the campus questions. ``experienced`` is
    ``careers.asks_experience(job)``."""

    current_employer = StringField()
    notice_period_days = StringField()
    current_ctc_lpa = StringField(validators=[Number("Current CTC", 0, 1000)])
    expected_ctc_lpa = StringField(validators=[Number("Expected CTC", 0, 1000)])
    ref = StringField()

    def __init__(self, *args, experienced: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.experienced = experienced
        if not experienced:  # a fresher job's form has no current-job questions: nothing of theirs is read
            for name in ("current_employer", "notice_period_days", "current_ctc_lpa", "expected_ctc_lpa"):
                del self[name]

    def validate_notice_period_days(self, field) -> None:
        notice = field.data
        if notice not in (None, "") and (not str(notice).isdigit() or int(notice) not in NOTICE_PERIODS):
            raise ValidationError("Choose a notice period from the list.")

    def answers(self) -> dict:
        """An experienced applicant's answers: current employer, notice period (days), current and expected
        CTC (lakh rupees a year); empty for a fresher job. Kept for the recruiter; scoring never reads them."""
        if not self.experienced:
            return {}
        notice = self.notice_period_days.data
        return {"current_employer": tidy(self.current_employer.data, 200) or None,
                "notice_period_days": int(notice) if notice not in (None, "") else None,
                "current_ctc_lpa": number(self.current_ctc_lpa.data, "Current CTC", 0, 1000),
                "expected_ctc_lpa": number(self.expected_ctc_lpa.data, "Expected CTC", 0, 1000)}

    def values(self) -> dict:
        """The form as plain values for ``careers.apply``."""
        return {**super().values(), "answers": self.answers(), "referred_by": self.ref.data or None}


class DecisionForm(Form):
    """A client's answer on one candidate of a share link: interested or not, with a comment. Nothing here can
    be wrong by itself: an unknown candidate or decision is ``clients.decide``'s to refuse, in its words."""

    item_id = StringField()
    decision = StringField()
    comment = StringField()

    def values(self) -> dict:
        """The answer as plain values for ``clients.decide`` (an id that is no number, or too large, is 0)."""
        item_id = whole(self.item_id.raw_data[0] if self.item_id.raw_data else None, 0)
        return {"item_id": item_id, "decision": self.decision.data or "", "comment": self.comment.data or ""}


class ReportDecisionForm(Form):
    """A client's answer on one recommendation of a report: accept or decline, with a comment. Which
    recommendation and which answer are ``recommendations.decide``'s to refuse, in its words."""

    key = StringField()
    decision = StringField()
    comment = StringField()

    def values(self) -> dict:
        return {"key": (self.key.data or "")[:60], "decision": self.decision.data or "",
                "comment": self.comment.data or ""}


class PrivacyForm(Form):
    """A candidate's request through their privacy link: a copy of their data, or erasing it (confirmed)."""

    action = StringField()
    confirm = StringField()

    def validate_confirm(self, field) -> None:
        if self.action.data == "erase" and field.data != "1":
            raise ValidationError("Tick the box to confirm you want everything erased.")


class ConsentForm(Form):
    """A candidate's answer to a request to represent them to a client: yes, or no."""

    answer = StringField()

    def values(self) -> dict:
        """The answer as plain values for ``clients.answer_consent``."""
        return {"granted": self.answer.data == "yes"}
