"""The interview forms. Scheduling: when (a wall-clock time in a zone), how long, where, and who interviews.
The service keeps the rules (not in the past, 10 minutes to 8 hours, a real link, active interviewers), so
the API and the CLI are held to them too. Feedback: five ratings, a recommendation and notes; cancelling: why."""
from __future__ import annotations

from datetime import datetime

from wtforms import SelectMultipleField, StringField
from wtforms.validators import ValidationError

from recruit.forms import Form, whole
from recruit.models import CRITERIA, RECOMMENDATIONS


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


class FeedbackForm(Form):
    """An interviewer's feedback: each criterion rated 1 to 5 (``rating_<criterion>``), a recommendation, notes."""

    recommendation = StringField()
    notes = StringField()

    def validate(self, extra_validators=None) -> bool:
        """The ratings in the order of the criteria, then the recommendation."""
        if not super().validate(extra_validators):
            return False
        for key, label in CRITERIA.items():
            if whole(self._rating(key), 0) not in range(1, 6):
                self.recommendation.errors.append(f"Rate {label.lower()} from 1 to 5.")
                return False
        if self.recommendation.data not in RECOMMENDATIONS:
            self.recommendation.errors.append("Choose a recommendation.")
            return False
        return True

    def _rating(self, key: str) -> str:
        return (self.submitted or {}).get(f"rating_{key}", "")

    def values(self) -> dict:
        """The ratings as numbers, the recommendation's key and the notes, for ``interviews.submit_feedback``."""
        return {"ratings": {key: int(self._rating(key)) for key in CRITERIA},
                "recommendation": self.recommendation.data, "notes": (self.notes.data or "").strip()[:10000]}


class CancelForm(Form):
    """Why an interview is cancelled (optional; the candidate is told)."""

    reason = StringField()

    def values(self) -> dict:
        return {"reason": (self.reason.data or "").strip()[:500] or None}
