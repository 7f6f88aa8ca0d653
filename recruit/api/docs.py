"""The OpenAPI 3.1 document, built by flask-smorest from the API's routes and schemas."""
from __future__ import annotations

import http

from flask_smorest import Api
from flask_smorest.spec import prepare_response

from .schemas import Problem

PROBLEM = "application/problem+json"


class ApiDocs(Api):
    """flask-smorest's ``Api`` for the document only. The API blueprint answers its own errors as RFC 9457
    problems, so flask-smorest's app-wide error handlers (which would answer JSON for every HTML page) are
    left out, and its error responses are documented as ``application/problem+json`` with that schema."""

    ERROR_SCHEMA = Problem

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "A problem (RFC 9457): 401 no usable token, 403 scope or role refused, 404, "
                                   "409 conflict, 412 stale If-Match, 422 a wrong value (named in errors), 429 "
                                   "rate limited (Retry-After)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)
