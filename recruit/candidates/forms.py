"""Forms for candidates and their resumes, and the small ones of their pages: archive, a held resume's decision,
notes, tags, saved lists and searches."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, HiddenField, SelectField, StringField, SubmitField, TelField
from wtforms.validators import DataRequired, Length, Optional

from recruit.forms import Form, Ids, whole

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


class ArchiveForm(Form):
    """Archive a candidate (``archived=1``, the default) or restore them (``0``)."""

    archived = StringField()

    def values(self) -> dict:
        return {"archived": (self.archived.data or "1") == "1"}


class DecisionForm(Form):
    """Accept or reject a resume a visitor sent for a known candidate (anything but accept rejects)."""

    decision = StringField()

    def values(self) -> dict:
        return {"accept": self.decision.data == "accept"}


class NoteForm(Form):
    """A note on a candidate, for one of their applications or none; the service reads the @mentions."""

    note = StringField()
    application_id = StringField()

    def values(self) -> dict:
        return {"text": self.note.data or "", "application_id": whole(self.application_id.data, None) or None}


class TagsForm(Form):
    """A candidate's tags, comma separated (the service tidies and limits them)."""

    tags = StringField()

    def values(self) -> dict:
        return {"tags": (self.tags.data or "").split(",")}


class ListForm(Form):
    """A new saved list's name."""

    name = StringField()

    def values(self) -> dict:
        return {"name": self.name.data or ""}


class AddToListForm(Form):
    """The candidates ticked on a page, into a saved list or a new one named here."""

    candidate_id = Ids()
    list_id = StringField()
    new_list = StringField()
    next = StringField()

    def values(self) -> dict:
        return {"ids": self.candidate_id.ids(), "list_id": whole(self.list_id.data, None) or None,
                "new_list": self.new_list.data or ""}


class SavedSearchForm(Form):
    """A search to keep: its name and its query string (as in the address of the candidate list)."""

    name = StringField()
    query = StringField()

    def values(self) -> dict:
        return {"name": self.name.data or "", "query": (self.query.data or "")[:4000]}


class NextForm(Form):
    """Where to go back to after a small action (checked by ``safe_next``)."""

    next = StringField()

    def values(self) -> dict:
        return {"next": self.next.data}
