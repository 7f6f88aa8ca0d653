"""The interview scheduling form: when (a wall-clock time in a zone), how long, where, and who interviews.
The service keeps the rules (not in the past, 10 minutes to 8 hours, a real link, active interviewers), so
the API and the CLI are held to them too."""
from __future__ import annotations

from datetime import datetime

from wtforms import SelectMultipleField, StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, whole


class ScheduleForm(Form):
    """What the recruiter typed to schedule an interview; ``values()`` for ``interviews.schedule``."""

    starts_at = StringField()
    timezone = StringField(default="UTC")
    duration = StringField()
    location = StringField()
    video_link = StringField()
    interviewers = SelectMultipleField(validate_choice=False)  # ids; the service keeps the active users
    notify = StringField()

    def validate_starts_at(self, field) -> None:
        try:
            datetime.fromisoformat(field.data or "")
        except ValueError:
            raise ValidationError("Give a date and time.")

    def values(self) -> dict:
        """The interview as plain values: the start as a wall-clock time in ``tz``."""
        people = [whole(x, None) for x in self.interviewers.data or []]
        return {"starts_local": datetime.fromisoformat(self.starts_at.data), "tz": self.timezone.data,
                "duration_minutes": whole(self.duration.data, 45), "location": self.location.data,
                "video_link": self.video_link.data, "interviewer_ids": [i for i in people if i is not None],
                "notify": self.notify.data == "1"}
