"""Error pages that answer JSON to JSON clients and HTML to browsers."""
from __future__ import annotations

from flask import current_app, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException, InternalServerError

from recruit.services.errors import ServiceError

MESSAGES = {
    400: ("Bad request", "The request could not be understood."),
    403: ("Not allowed", "Your role does not give access to this page. Ask an admin if you need it."),
    404: ("Not found", "There is nothing at this address. It may have been removed, or the link is wrong."),
    405: ("Method not allowed", "This address does not accept that kind of request."),
    413: ("Too large", "What you sent is too large. Resumes may be at most {mb:g} MB."),
    429: ("Too many requests", "Too many requests from your address. Please wait a minute and try again."),
    500: ("Something went wrong", "An unexpected error happened on our side. It has been logged; please try again."),
}


def wants_json() -> bool:
    """True when the client asked for JSON rather than a page (API calls, fetch from scripts)."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def error_response(status: int, message: str | None = None):
    title, default = MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])
    message = message or default.format(mb=current_app.config.get("MAX_RESUME_MB", 10))
    if wants_json():
        return jsonify(error=title, message=message, status=status), status
    return render_template("error.html", status=status, title=title, message=message), status


def register(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(err):
        return error_response(400, "Your form expired or was sent from another site. Go back, reload the "
                                   "page and submit again; nothing was saved.")

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        from recruit.http import LARGE_BODY_ROUTES, body_cap

        if err.code == 413 and request.endpoint in LARGE_BODY_ROUTES:  # say this route's cap, not the resume limit
            limit = body_cap() / 1024 / 1024
            return error_response(413, f"What you sent is too large. One upload here may be at most {limit:g} MB.")
        if err.code in MESSAGES and err.code != 500:
            return error_response(err.code)
        if err.code and err.code < 500:
            return error_response(err.code, err.description)
        return error_response(500)

    @app.errorhandler(ServiceError)
    def service_error(err: ServiceError):
        return error_response(err.status, str(err))

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def data_error(err: Exception):
        # A value the database cannot hold (a number past its integer range in a form field): the request is bad.
        # PostgreSQL answers DataError; SQLite's driver refuses a Python int past 2^63 with OverflowError.
        from recruit.extensions import db

        db.session.rollback()
        return error_response(400, "A value in the request is out of range.")

    @app.errorhandler(InternalServerError)
    def internal_error(err):
        return error_response(500)
