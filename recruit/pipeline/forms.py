"""The board's forms (moving or emailing the ticked applicants) and the admins' stage and rejection-reason lists.
Each hands plain values to one service call; the services keep the rules (a reason to reject, only an offer
hired, a stage's name up to 60 characters)."""
from __future__ import annotations

from wtforms import StringField

from recruit.forms import ActionForm, Form, Ids, whole


class MoveForm(Form):
    """Move the ticked applications to a stage, with a reason and, for a rejection, its email if asked."""

    application_id = Ids()
    to_stage = StringField()
    reason = StringField()
    send_email = StringField()
    next = StringField()

    def values(self) -> dict:
        return {"ids": self.application_id.ids(), "to_stage": self.to_stage.data or "",
                "reason": (self.reason.data or "")[:2000] or None, "send_email": self.send_email.data == "1"}


class BulkEmailForm(Form):
    """Send one template to the ticked applications."""

    application_id = Ids()
    template = StringField()
    next = StringField()

    def values(self) -> dict:
        return {"ids": self.application_id.ids(), "template": self.template.data or ""}


class ListActionForm(ActionForm):
    """One change to an admin's ordered list (stages, rejection reasons): the action, which row, a label."""

    label = StringField()


class StageForm(ListActionForm):
    """Add a stage (after another), rename one, move it up or down, retire or restore it."""

    ACTIONS = ("add", "rename", "up", "down", "retire", "restore")
    key = StringField()
    after = StringField()

    def values(self) -> dict:
        return {"action": self.action.data, "key": self.key.data or "", "label": self.label.data or "",
                "after": self.after.data or None}


class ReasonForm(ListActionForm):
    """Add a rejection reason, rename one, move it up or down, remove or restore it."""

    ACTIONS = ("add", "rename", "up", "down", "remove", "restore")
    reason_id = StringField()

    def values(self) -> dict:
        return {"action": self.action.data, "reason_id": whole(self.reason_id.data, None),
                "label": self.label.data or ""}
