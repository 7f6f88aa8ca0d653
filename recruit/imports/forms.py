"""The bulk import form: many files (or zips) and, if chosen, the job they all apply to."""
from __future__ import annotations

from flask_wtf.file import MultipleFileField
from wtforms import StringField

from recruit.forms import Form, whole


class ImportForm(Form):
    """Files to import; the imports service checks each by content, on the workers."""

    files = MultipleFileField()
    job_id = StringField()

    def values(self) -> dict:
        """The chosen files (those with a name) and the job, or None for none."""
        return {"files": [f for f in self.files.data or [] if f and f.filename],
                "job_id": whole(self.job_id.data, None) or None}
