"""The email forms: an admin's template (name, subject, body), a message to one candidate (previewed or sent),
and the bulk preview of a template for the applicants ticked on a board. The email service keeps the rules
(placeholders it knows, a recipient with an address, an interview booked for an invitation)."""
from __future__ import annotations

from wtforms import StringField

from recruit.forms import Form, Ids, whole


class TemplateForm(Form):
    """An email template as an admin edits it."""

    name = StringField()
    subject = StringField()
    body = StringField()

    def values(self) -> dict:
        return {"name": self.name.data or "", "subject": self.subject.data or "", "body": self.body.data or ""}


class ComposeForm(Form):
    """A message to one candidate: previewed (``action=preview``) or sent, about one of their applications."""

    subject = StringField()
    body = StringField()
    action = StringField()
    template_key = StringField()
    application_id = StringField()
    next = StringField()

    def preview(self) -> bool:
        """Whether the recruiter asked to see the message as the candidate will read it, not to send it."""
        return self.action.data == "preview"

    def values(self) -> dict:
        return {"subject": self.subject.data or "", "body": self.body.data or "",
                "application_id": whole(self.application_id.data, None),
                "template_key": self.template_key.data or None}


class BulkPreviewForm(Form):
    """A template for the ticked applications, and which of them to show it as (``preview``)."""

    application_id = Ids()
    template = StringField()
    preview = StringField()

    def values(self) -> dict:
        return {"ids": self.application_id.ids(), "template": self.template.data or "",
                "preview": whole(self.preview.data, None)}
