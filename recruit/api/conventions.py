"""What every API request goes through: the bearer token and its scopes (no session cookie, no CSRF), rate
limits per token, RFC 9457 errors naming the wrong field, cursor pages with a ``Link`` header, ETag / If-Match
on updates, and Idempotency-Key replay on creating POSTs."""
from __future__ import annotations

import hashlib
import json

from datetime import datetime
from functools import wraps
from math import ceil
from time import time

from flask import current_app, g, jsonify, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from recruit.services import idempotency, lookup, tokens
from recruit.services.errors import InvalidInput, ServiceError

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str | None = None, *, errors: list[dict] | None = None,
            headers: dict | None = None):
    """An RFC 9457 answer."""
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def current_token():
    """The request's token (looked up once), or None."""
    if "api_token" not in g:
        header = request.headers.get("Authorization", "")
        scheme, _, secret = header.partition(" ")
        g.api_token = tokens.authenticate(secret.strip()) if scheme.lower() == "bearer" else None
    return g.api_token


def rate_key() -> str:
    """Rate limits count per token; requests without a usable token count per address."""
    token = current_token()
    return f"token:{token.id}" if token else f"addr:{request.remote_addr}"


def authenticate():
    """Before every API view: a usable bearer token, its user signed in for this request only."""
    if request.endpoint in ("api.openapi", "api.docs"):
        return None
    token = current_token()
    if token is None:
        return problem(401, "Unauthorized", "Send a valid personal access token as 'Authorization: Bearer <token>'.",
                       headers={"WWW-Authenticate": 'Bearer realm="recruit"'})
    g._login_user = token.user  # Flask-Login's current_user for this request; nothing is written to a session
    tokens.mark_used(token)
    return None


def scope_required(scope: str, *roles):
    """The token must hold ``scope`` (and its owner's role still allow it). ``allowed_roles`` is for the matrix."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            token = current_token()
            if scope not in tokens.effective_scopes(token):
                return problem(403, "Forbidden", f"This token lacks the scope {scope}, or your role does not allow it.")
            return view(*args, **kwargs)

        wrapped.allowed_roles = tuple(sorted(r for r, s in tokens.ROLE_SCOPES.items() if scope in s))
        wrapped.scope = scope
        return wrapped

    return decorator


def rate_limit_headers(response):
    """RateLimit-Limit / -Remaining / -Reset (seconds), and Retry-After on a refusal."""
    current = g.get("rate_limit")
    if current is not None:
        reset = max(0, ceil(current.reset_at - time()))
        response.headers["RateLimit-Limit"] = str(current.limit.amount)
        response.headers["RateLimit-Remaining"] = str(current.remaining)
        response.headers["RateLimit-Reset"] = str(reset)
        if response.status_code == 429:
            response.headers["Retry-After"] = str(reset)
    response.headers["Cache-Control"] = "no-store"
    return response


def handle_http_error(err: HTTPException):
    """Werkzeug and webargs errors as problems; webargs' messages become one entry per wrong field."""
    if err.code == 429:
        return problem(429, "Too Many Requests", "This token sent too many requests; wait for Retry-After seconds.")
    errors = []
    messages = (getattr(err, "data", None) or {}).get("messages") or {}
    for location, by_field in messages.items():
        for name, message in _flatten(by_field):
            errors.append({"field": name, "in": location, "message": message})
    status = err.code or 500
    return problem(status, err.name, err.description if not errors else "Some values are not valid.",
                   errors=errors or None)


def _flatten(by_field, prefix: str = ""):
    if isinstance(by_field, dict):
        for key, value in by_field.items():
            yield from _flatten(value, f"{prefix}{key}" if not prefix else f"{prefix}.{key}")
    elif isinstance(by_field, list) and by_field and all(isinstance(m, str) for m in by_field):
        yield prefix, " ".join(by_field)
    else:
        yield prefix, str(by_field)


def handle_service_error(err: ServiceError):
    from recruit.extensions import db

    db.session.rollback()
    field = getattr(err, "field", None)
    titles = {400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 422: "Unprocessable Content"}
    return problem(err.status, titles.get(err.status, "Bad Request"), str(err),
                   errors=[{"field": field, "message": str(err)}] if field else None)


def handle_data_error(err: Exception):
    """A value the database cannot hold or read (a NUL in text on PostgreSQL, a number past its range)."""
    from recruit.extensions import db

    db.session.rollback()
    return problem(400, "Bad Request", "A value in the request is out of range or holds a character the database "
                                       "does not accept.")


# --- cursors -------------------------------------------------------------------------------------------------

def decode_cursor(cursor: str | None) -> int | None:
    """The position a cursor names (the schema lets only digits through); past the largest id, nothing follows."""
    return min(int(cursor), 2**31 - 1) if cursor else None


def encode_cursor(position: int) -> str:
    return str(position)


def paged(items: list[dict], more: bool, last_id: int | None):
    """A page's body and its ``Link: <next>; rel="next"`` header when there is more."""
    cursor = encode_cursor(last_id) if more and last_id else None
    response = jsonify(items=items, next_cursor=cursor)
    if cursor:
        args = request.args.to_dict()
        args["cursor"] = cursor
        from urllib.parse import urlencode

        response.headers["Link"] = f'<{request.base_url}?{urlencode(args)}>; rel="next"'
    return response


# --- ETags ---------------------------------------------------------------------------------------------------

# For records versioned by their values: the columns that move on their own and are no edit (a drive's seat
# counter moves with every sign-up), and the links kept in other tables that an update may change.
UNVERSIONED = {"CampusEvent": {"seats_version"}}
LINKED = {"CampusEvent": ("jobs", "team")}


def etag_of(obj) -> str:
    """A record's version: its ``updated_at``, or for a table without one (clients, campus drives) its columns'
    values and the ids of its linked records."""
    name = type(obj).__name__
    if hasattr(obj, "updated_at"):
        stamp = obj.updated_at
        version = stamp.isoformat() if stamp else ""
    else:
        skip = UNVERSIONED.get(name, ())
        values = [getattr(obj, column.key) for column in obj.__table__.columns if column.key not in skip]
        links = [sorted(linked.id for linked in getattr(obj, key)) for key in LINKED.get(name, ())]
        version = repr([values, links])
    return hashlib.sha256(f"{name}:{obj.id}:{version}".encode()).hexdigest()[:32]


def created(body: dict, location: str, *, status: int = 201, etag_for=None):
    """A 201 (or 202 for work the worker finishes) with the new record's ``Location`` and, given a record, its ETag."""
    response = jsonify(body)
    response.status_code = status
    response.headers["Location"] = location
    return with_etag(response, etag_for) if etag_for is not None else response


def with_etag(response, obj):
    response.set_etag(etag_of(obj))
    return response


def check_if_match(obj, *, required: bool = True):
    """An update names the version it was made on: 428 without ``If-Match`` (two clients would otherwise overwrite
    each other unseen), 412 when it names another version than the stored one. An action that is not an edit (a
    stage move) takes ``If-Match`` when sent (``required=False``)."""
    wanted = request.if_match
    if not wanted and required:
        return problem(428, "Precondition Required",
                       "Send the record's ETag (from GET) as If-Match, so a change made meanwhile is not overwritten.",
                       errors=[{"field": "If-Match", "in": "headers", "message": "missing"}])
    if wanted and not wanted.star_tag:
        lookup.hold(obj)  # the version compared is the one the update changes: one client at a time
        if not wanted.contains(etag_of(obj)):
            return problem(412, "Precondition Failed",
                           "The record changed since you read it; read it again and resend your change.")
    return None


# --- the pages' own forms --------------------------------------------------------------------------------------

def _posted(value) -> str:
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def through_form(form_class, values: dict):
    """Check ``values`` (a request body, already typed by its schema) with the HTML page's own form, so the API
    refuses exactly what the page refuses: a list is posted as the field repeated, true as "1", false and None as
    nothing. Returns the checked form (its ``values()`` feed the page's service); ``InvalidInput`` names the
    first field that is wrong, as the page does."""
    formdata = MultiDict()
    for key, value in values.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is not None:
                formdata.add(key, _posted(item))
    form = form_class(formdata=formdata, meta={"csrf": False})
    if not form.validate():
        field = next(name for name, errors in form.errors.items() if errors)
        raise InvalidInput(form.first_error(), field=field)
    return form


# --- idempotency keys ----------------------------------------------------------------------------------------

def _fingerprint() -> str:
    """What makes two requests "the same body": the raw JSON, or a multipart form's fields and files (its
    boundary differs on every retry)."""
    digest = hashlib.sha256()
    if request.mimetype == "multipart/form-data":
        for key, value in sorted(request.form.items(multi=True)):
            digest.update(f"{key}={value}\n".encode())
        for key, storage in sorted(request.files.items(multi=True), key=lambda item: item[0]):
            digest.update(f"{key}:{storage.filename}\n".encode())
            digest.update(storage.stream.read())
            storage.stream.seek(0)
    else:
        digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def idempotent(view=None, *, forget: tuple[str, ...] = ()):
    """A creating POST with ``Idempotency-Key``: the same key and body get the first answer again; the same key
    with another body is refused (422). Fields named in ``forget`` (a secret shown once) are kept as null, so a
    replay answers them null and the secret is stored nowhere."""
    if view is None:
        return lambda inner: idempotent(inner, forget=forget)

    @wraps(view)
    def wrapped(*args, **kwargs):
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key:
            return view(*args, **kwargs)
        if len(key) > 200:
            return problem(400, "Bad Request", "An Idempotency-Key is at most 200 characters.",
                           errors=[{"field": "Idempotency-Key", "in": "headers", "message": "too long"}])
        token = current_token()
        body_hash = _fingerprint()
        stored = idempotency.find(token.id, key)
        if stored is not None:
            if stored.body_hash != body_hash:
                return problem(422, "Unprocessable Content",
                               "This Idempotency-Key was used with another body.",
                               errors=[{"field": "Idempotency-Key", "in": "headers", "message": "reused"}])
            response = current_app.response_class(stored.body, status=stored.status, mimetype="application/json")
            if stored.location:
                response.headers["Location"] = stored.location
            response.headers["Idempotent-Replayed"] = "true"
            return response
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code < 500:
            kept = response.get_data(as_text=True)
            if forget and response.is_json and isinstance(response.get_json(), dict):
                kept = json.dumps(response.get_json() | {name: None for name in forget if name in response.get_json()})
            idempotency.remember(token.id, key, body_hash, response.status_code, kept,
                                 response.headers.get("Location"))
        return response

    return wrapped


