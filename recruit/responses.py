"""Responses that pages of more than one blueprint send: a CSV download, and a resume as the viewer may open it.
Kept here so no blueprint imports another blueprint's routes."""
from __future__ import annotations

import io

from flask import Response, send_file

from recruit.services import blind


def csv_download(body: str, filename: str) -> Response:
    """A CSV the browser saves as ``filename`` (the reports and the job pages' ranking download use it)."""
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f"attachment; filename={filename}"})


def send_resume(shown: blind.ResumeFile, *, inline: bool, etag: str):
    """The response for a resume as the viewer may open it (the file, or its blacked-out text)."""
    return send_file(io.BytesIO(shown.data), mimetype=shown.mimetype, as_attachment=not inline,
                     download_name=shown.filename, etag=f"{etag}-redacted" if shown.redacted else etag, max_age=0)
