"""Webhooks: admins register endpoints; services ``emit`` events; workers deliver them, signed, with retries.

An event is a row written in the transaction of the change it describes (an outbox), with one delivery per
active endpoint that subscribed to its type; the deliveries are queued for a worker only when that
transaction commits, so a rolled-back change sends nothing. A worker takes a delivery under a lease
(``locked_until``), POSTs the JSON body signed as Standard Webhooks says (``webhook-id``,
``webhook-timestamp``, ``webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">``) with a short
timeout, and on failure schedules the next attempt after a growing delay. A worker killed mid-delivery leaves
its lease to run out; the sweep (every minute, and when a worker starts) takes such deliveries over.

Payloads carry ids, stages, decisions and times (ISO 8601, UTC), never a candidate's name, email or phone:
an integration reads identity through the API, under the rules of the token's role (README, Webhooks).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import ipaddress
import json
import secrets
import socket
import ssl
import time
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import delete, exists, func, or_, select, update
from sqlalchemy.orm import joinedload

from recruit.extensions import db
from recruit.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from recruit.models.base import utcnow
from recruit.queue import enqueue_after_commit, task
from recruit.services.audit import record_audit
from recruit.services.errors import InvalidInput, NotFound

EVENT_TYPES = {
    "application.created": "A candidate is put forward for a job (any way in)",
    "application.stage_changed": "An application moves to another pipeline stage",
    "candidate.hired": "An application reaches the hired stage",
    "resume.parsed": "A resume has been read into a profile",
    "submittal.decided": "A client answers on a submitted candidate",
    "registration.created": "A student signs up for a campus event",
    "interview.scheduled": "An interview is booked",
    "ping": "A test sent from the admin page",
}
SUBSCRIBABLE = [t for t in EVENT_TYPES if t != "ping"]
USER_AGENT = "recruit-webhooks/1"


# ------------------------------------------------------------------ emitting

def iso(value: datetime | None) -> str | None:
    """A timestamp as ISO 8601 in UTC with a ``Z`` (what every payload uses)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def emit(event_type: str, data: dict) -> WebhookEvent | None:
    """Record an event in the current transaction, with a delivery for each active endpoint subscribed to it,
    and queue those deliveries for when the transaction commits (nothing is sent if it rolls back). The caller
    commits. Returns the event, or None when no endpoint wants it (then nothing is written)."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown webhook event {event_type!r}")
    endpoints = [e for e in _active_endpoints() if e.wants(event_type)]
    if not endpoints:
        return None
    now = utcnow()
    event = WebhookEvent(event_id=f"evt_{secrets.token_hex(12)}", type=event_type, created_at=now,
                         payload={"type": event_type, "timestamp": iso(now), "data": data})
    db.session.add(event)
    deliveries = [WebhookDelivery(endpoint_id=e.id, event=event, next_attempt_at=now, created_at=now)
                  for e in endpoints]
    db.session.add_all(deliveries)
    db.session.flush()
    for delivery in deliveries:
        enqueue_after_commit(deliver, delivery.id)
    return event


def _active_endpoints() -> list[WebhookEndpoint]:
    # One small query per event (endpoints are a handful of rows), so an endpoint changed a moment ago counts.
    return list(db.session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.active.is_(True))))


# ------------------------------------------------------------------ endpoints (admin)

def new_secret() -> str:
    """A signing secret as Standard Webhooks writes them: ``whsec_`` and 24 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def check_url(url: str) -> str:
    """The endpoint URL, tidied; ``InvalidInput`` unless it is http(s) with a host (addresses are checked
    again, after resolving, on every delivery)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput("A webhook URL starts with https:// (or http://) and names a host.", field="url")
    if len(url) > 2000:
        raise InvalidInput("A webhook URL is at most 2,000 characters.", field="url")
    if parts.username or parts.password:
        raise InvalidInput("Put no user name or password in the URL; the signature authenticates us.", field="url")
    return url


def _events(events: list[str]) -> list[str]:
    chosen = [e for e in SUBSCRIBABLE if e in set(events or [])]
    if not chosen:
        raise InvalidInput("Choose at least one event to send.", field="events")
    return chosen


def endpoints() -> list[WebhookEndpoint]:
    return list(db.session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)))


def get_endpoint(endpoint_id: int) -> WebhookEndpoint:
    endpoint = db.session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None:
        raise NotFound("No such webhook endpoint.")
    return endpoint


def save_endpoint(values: dict, *, actor_id: int, endpoint_id: int | None = None) -> WebhookEndpoint:
    """Register an endpoint (a new secret is made) or change one: ``url``, ``description``, ``events``, ``active``."""
    url, events = check_url(values["url"]), _events(values["events"])
    if endpoint_id is None:
        endpoint = WebhookEndpoint(secret=new_secret(), created_by_id=actor_id)
        db.session.add(endpoint)
    else:
        endpoint = get_endpoint(endpoint_id)
    endpoint.url, endpoint.events = url, events
    endpoint.description = (values.get("description") or "").strip()[:200] or None
    endpoint.active = bool(values.get("active", True))
    db.session.flush()
    record_audit("webhook.create" if endpoint_id is None else "webhook.update", ("webhook_endpoint", endpoint.id),
                 actor_id=actor_id, url=url, events=events, active=endpoint.active)
    db.session.commit()
    return endpoint


def rotate_secret(endpoint_id: int, *, actor_id: int) -> WebhookEndpoint:
    """Give an endpoint a new signing secret (the old one stops at once)."""
    endpoint = get_endpoint(endpoint_id)
    endpoint.secret = new_secret()
    record_audit("webhook.rotate_secret", ("webhook_endpoint", endpoint.id), actor_id=actor_id)
    db.session.commit()
    return endpoint


def send_ping(endpoint_id: int, *, actor_id: int) -> WebhookEvent:
    """Queue a ``ping`` event to one endpoint (active or not), to check it is reachable and verifies signatures."""
    endpoint = get_endpoint(endpoint_id)
    event = WebhookEvent(event_id=f"evt_{secrets.token_hex(12)}", type="ping", created_at=utcnow())
    event.payload = {"type": "ping", "timestamp": iso(event.created_at),
                     "data": {"endpoint_id": endpoint.id, "sent_by": actor_id}}
    delivery = WebhookDelivery(endpoint_id=endpoint.id, event=event, next_attempt_at=event.created_at)
    db.session.add_all([event, delivery])
    db.session.flush()
    record_audit("webhook.ping", ("webhook_endpoint", endpoint.id), actor_id=actor_id, event_id=event.event_id)
    enqueue_after_commit(deliver, delivery.id)
    db.session.commit()
    return event


def deliveries(endpoint_id: int, *, limit: int = 100) -> list[WebhookDelivery]:
    """An endpoint's latest deliveries, newest first, with their events."""
    return list(db.session.scalars(select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id)
                                   .order_by(WebhookDelivery.id.desc()).limit(limit)))


def redeliver(delivery_id: int, *, actor_id: int, endpoint_id: int | None = None) -> WebhookDelivery:
    """Send a delivery again from its first attempt (the same event id, so a receiver can tell it is a repeat)."""
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or (endpoint_id is not None and delivery.endpoint_id != endpoint_id):
        raise NotFound("No such delivery.")
    delivery.status, delivery.attempts, delivery.next_attempt_at = "pending", 0, utcnow()
    delivery.locked_until = None
    record_audit("webhook.redeliver", ("webhook_delivery", delivery.id), actor_id=actor_id)
    enqueue_after_commit(deliver, delivery.id)
    db.session.commit()
    return delivery


# ------------------------------------------------------------------ signing

def signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header: ``v1,`` and base64 HMAC-SHA256 of ``id.timestamp.body``, keyed by the
    secret's bytes (the base64 after ``whsec_``), as the Standard Webhooks libraries check it."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{event_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def body_of(event: WebhookEvent) -> bytes:
    return json.dumps(event.payload, separators=(",", ":"), sort_keys=True).encode()


# ------------------------------------------------------------------ delivering (worker)

def backoff() -> list[int]:
    """Seconds to wait before each retry (``WEBHOOK_BACKOFF``); its length + 1 is the number of attempts."""
    return [int(s) for s in str(current_app.config["WEBHOOK_BACKOFF"]).split(",") if s.strip()]


def lease_seconds() -> float:
    """How long a delivery stays claimed by its worker: the timeout and a margin for a slow worker."""
    return float(current_app.config["WEBHOOK_TIMEOUT"]) + float(current_app.config["WEBHOOK_LEASE_MARGIN"])


class Refused(Exception):
    """An endpoint we will not connect to (a private address, a wrong scheme)."""


def _resolve(host: str, port: int) -> str:
    """An address of ``host`` that is public (or any, when ``WEBHOOK_ALLOW_PRIVATE``); ``Refused`` otherwise."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise OSError(f"cannot resolve {host}: {exc}") from exc
    allow_private = current_app.config["WEBHOOK_ALLOW_PRIVATE"]
    for info in infos:
        address = info[4][0]
        ip = ipaddress.ip_address(address.split("%")[0])
        if allow_private or ip.is_global:
            return address
    raise Refused(f"{host} resolves to a private or reserved address ({infos[0][4][0]}); set "
                  "RECRUIT_WEBHOOK_ALLOW_PRIVATE to allow endpoints on internal networks")


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to the address we checked, with the certificate checked against the URL's host name."""

    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, address, **kwargs):
        super().__init__(host, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


def post(url: str, body: bytes, headers: dict, timeout: float) -> int:
    """POST ``body`` to ``url`` (no redirects followed), connecting only to an address ``_resolve`` allows;
    returns the status code. Raises ``OSError`` (timeouts included) or ``Refused``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("not an http(s) URL")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _resolve(parts.hostname, port)
    if parts.scheme == "https":
        conn = _PinnedHTTPS(parts.hostname, address, port=port, timeout=timeout,
                            context=ssl.create_default_context())
    else:
        conn = _PinnedHTTP(parts.hostname, address, port=port, timeout=timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        conn.request("POST", path, body=body, headers=headers)
        return conn.getresponse().status  # the body is never read: the status says it all
    finally:
        conn.close()


def _claim(delivery_id: int) -> bool:
    """Take the delivery for this worker if it is due and nobody holds it (one UPDATE, so two workers
    cannot both win); counts the attempt."""
    now = utcnow()
    claimed = db.session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending",
               or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until < now))
        .values(locked_until=now + timedelta(seconds=lease_seconds()), attempts=WebhookDelivery.attempts + 1,
                last_attempt_at=now)
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return bool(claimed)


@task("deliver_webhook", retries=0)
def deliver(delivery_id: int) -> str:
    """Attempt one delivery (idempotent: one that is delivered, given up or held by a live worker is left
    alone); returns its status. A failure schedules the next attempt, after ``WEBHOOK_BACKOFF``."""
    if not _claim(delivery_id):
        delivery = db.session.get(WebhookDelivery, delivery_id)
        return delivery.status if delivery else "missing"
    delivery = db.session.get(WebhookDelivery, delivery_id, populate_existing=True,
                              options=[joinedload(WebhookDelivery.endpoint), joinedload(WebhookDelivery.event)])
    endpoint, event = delivery.endpoint, delivery.event
    if not endpoint.active and event.type != "ping":
        # Disabled since the event was queued: kept (failed) so an admin can redeliver it after enabling.
        delivery.status, delivery.last_error, delivery.locked_until = "failed", "the endpoint is disabled", None
        db.session.commit()
        return delivery.status
    body = body_of(event)
    timestamp = int(time.time())
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, "webhook-id": event.event_id,
               "webhook-timestamp": str(timestamp),
               "webhook-signature": signature(endpoint.secret, event.event_id, timestamp, body)}
    started = time.monotonic()
    code, error = None, None
    try:
        code = post(endpoint.url, body, headers, float(current_app.config["WEBHOOK_TIMEOUT"]))
        if not 200 <= code < 300:
            error = f"answered HTTP {code}"
    except (OSError, http.client.HTTPException, Refused) as exc:
        error = f"{type(exc).__name__}: {exc}"[:1000] if str(exc) else type(exc).__name__
    elapsed = int((time.monotonic() - started) * 1000)
    return _record(delivery, code, elapsed, error)


def _record(delivery: WebhookDelivery, code: int | None, elapsed_ms: int, error: str | None) -> str:
    now = utcnow()
    delivery.status_code, delivery.response_ms, delivery.last_error = code, elapsed_ms, error
    delivery.locked_until = None
    delays = backoff()
    if error is None:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", now, None
    elif delivery.attempts > len(delays):
        delivery.status, delivery.next_attempt_at = "failed", None
    else:
        delay = delays[delivery.attempts - 1]
        delivery.next_attempt_at = now + timedelta(seconds=delay)
    db.session.commit()
    if delivery.status == "pending":
        _schedule(delivery.id, delay)
    return delivery.status


def _schedule(delivery_id: int, delay: int) -> None:
    """Ask a worker to try again in ``delay`` seconds. In immediate mode (tests) nothing is scheduled: the
    sweep sends due deliveries, so a retry never runs inside the attempt that failed."""
    if current_app.config.get("HUEY_IMMEDIATE"):
        return
    current_app.extensions["recruit_tasks"][deliver.name].schedule(args=(delivery_id,), delay=delay)


def deliver_due(limit: int = 500) -> int:
    """(Every minute, and when a worker starts.) Queue every pending delivery whose time has come and whose
    lease, if any, ran out (its worker died); returns how many were queued."""
    now = utcnow()
    ids = list(db.session.scalars(
        select(WebhookDelivery.id).where(
            WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now,
            or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until < now))
        .order_by(WebhookDelivery.next_attempt_at).limit(limit)))
    for delivery_id in ids:
        enqueue_after_commit(deliver, delivery_id)
    db.session.commit()
    return len(ids)


# ------------------------------------------------------------------ retention

def retention_days() -> int:
    """How long a finished delivery is kept (``WEBHOOK_RETENTION_DAYS``, at least one day)."""
    return max(1, int(current_app.config["WEBHOOK_RETENTION_DAYS"]))


def purge_log(days: int | None = None, *, now: datetime | None = None) -> tuple[int, int]:
    """(Nightly, and ``recruit webhooks purge``.) Delete deliveries that were delivered or given up more than
    ``days`` (``retention_days()``) ago, then the events left with no delivery that are as old. A pending
    delivery is never deleted, so an event still to be sent stays, whatever its age. Returns (deliveries,
    events) deleted."""
    days = retention_days() if days is None else max(1, int(days))
    cutoff = (now or utcnow()) - timedelta(days=days)
    finished = func.coalesce(WebhookDelivery.delivered_at, WebhookDelivery.last_attempt_at, WebhookDelivery.created_at)
    gone = db.session.execute(
        delete(WebhookDelivery).where(WebhookDelivery.status.in_(("delivered", "failed")), finished < cutoff)
        .execution_options(synchronize_session=False)).rowcount
    orphans = db.session.execute(
        delete(WebhookEvent).where(WebhookEvent.created_at < cutoff,
                                   ~exists().where(WebhookDelivery.event_id == WebhookEvent.id))
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return gone, orphans
