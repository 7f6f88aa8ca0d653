"""Configuration: defaults, then the instance file, then ``RECRUIT_*`` environment variables.

Nothing here runs at import time; ``load_config`` is called by the app factory.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from recruit.ratelimits import default_storage_uri

# Environment variable -> (config key, converter). Documented in README.md.
ENVIRONMENT = {
    "RECRUIT_DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "RECRUIT_SECRET_KEY": ("SECRET_KEY", str),
    "RECRUIT_REDIS_URL": ("REDIS_URL", str),
    "RECRUIT_SECURE_COOKIES": ("SECURE_COOKIES", lambda v: v.lower() in {"1", "true", "yes", "on"}),
    "RECRUIT_MAX_RESUME_MB": ("MAX_RESUME_MB", float),
    "RECRUIT_DEFAULT_PHONE_REGION": ("DEFAULT_PHONE_REGION", str),
    "RECRUIT_LOGIN_MAX_FAILURES": ("LOGIN_MAX_FAILURES", int),
    "RECRUIT_LOGIN_LOCKOUT_MINUTES": ("LOGIN_LOCKOUT_MINUTES", int),
    "RECRUIT_LOGIN_RATE_LIMIT": ("LOGIN_RATE_LIMIT", str),
    "RECRUIT_PASSWORD_HASH": ("PASSWORD_HASH_METHOD", str),
    "RECRUIT_RETENTION_DAYS": ("RETENTION_DAYS", int),
    "RECRUIT_DECISION_RETENTION_DAYS": ("DECISION_RETENTION_DAYS", int),
    "RECRUIT_PER_PAGE": ("PER_PAGE", int),
    "RECRUIT_IMPORT_MAX_MB": ("IMPORT_MAX_MB", float),
    "RECRUIT_HUEY_NAME": ("HUEY_NAME", str),
    "RECRUIT_IMPORT_STALE_SECONDS": ("IMPORT_STALE_SECONDS", int),
    "RECRUIT_PARSE_MAX_CHARS": ("PARSE_MAX_CHARS", int),
    "RECRUIT_PARSE_SECONDS": ("PARSE_SECONDS", float),
    "RECRUIT_PARSE_MEMORY_MB": ("PARSE_MEMORY_MB", int),
    "RECRUIT_PARSE_MAX_EXPANDED_MB": ("PARSE_MAX_EXPANDED_MB", float),
    "RECRUIT_PARSE_MAX_ATTEMPTS": ("PARSE_MAX_ATTEMPTS", int),
    "RECRUIT_COMPANY_NAME": ("COMPANY_NAME", str),
    "RECRUIT_PUBLIC_URL": ("PUBLIC_URL", str),
    "RECRUIT_PUBLIC_FORM_LIMIT": ("PUBLIC_FORM_LIMIT", str),
    "RECRUIT_API_RATE_LIMIT": ("API_RATE_LIMIT", str),
    "RECRUIT_SUBMITTAL_CONFLICT_DAYS": ("SUBMITTAL_CONFLICT_DAYS", int),
    "RECRUIT_MAIL_FROM": ("MAIL_FROM", str),
    "RECRUIT_SMTP_HOST": ("SMTP_HOST", str),
    "RECRUIT_SMTP_PORT": ("SMTP_PORT", int),
    "RECRUIT_SMTP_USER": ("SMTP_USER", str),
    "RECRUIT_SMTP_PASSWORD": ("SMTP_PASSWORD", str),
    "RECRUIT_SMTP_TLS": ("SMTP_TLS", str),
    "RECRUIT_TRUSTED_PROXIES": ("TRUSTED_PROXIES", int),
    "RECRUIT_RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "RECRUIT_WEBHOOK_TIMEOUT": ("WEBHOOK_TIMEOUT", float),
    "RECRUIT_WEBHOOK_BACKOFF": ("WEBHOOK_BACKOFF", str),
    "RECRUIT_WEBHOOK_LEASE_MARGIN": ("WEBHOOK_LEASE_MARGIN", float),
    "RECRUIT_WEBHOOK_RETENTION_DAYS": ("WEBHOOK_RETENTION_DAYS", int),
    "RECRUIT_WEBHOOK_ALLOW_PRIVATE": ("WEBHOOK_ALLOW_PRIVATE", lambda v: v.lower() in {"1", "true", "yes", "on"}),
}


class DefaultConfig:
    """Values that hold when nothing else is said."""

    SQLALCHEMY_DATABASE_URI = None  # filled in from the instance path
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SECRET_KEY = None  # generated once into the instance folder when not given
    REDIS_URL = None
    SECURE_COOKIES = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 12 * 3600
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    MAX_RESUME_MB = 10.0
    DEFAULT_PHONE_REGION = "IN"
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCKOUT_MINUTES = 15
    LOGIN_RATE_LIMIT = "20 per minute"
    PASSWORD_HASH_METHOD = "scrypt"
    RETENTION_DAYS = 730
    DECISION_RETENTION_DAYS = 183  # the decision log, counted from each decision (at least six months)
    PER_PAGE = 25
    IMPORT_MAX_MB = 500  # one bulk-import upload (zips of resumes)
    IMPORT_STALE_SECONDS = 300  # an item "parsing" this long belongs to a dead worker and is taken over
    # One resume parse (README, Security): characters read, seconds, memory it may add to its process,
    # what a compressed part may unpack to; a parse whose worker died is retried up to PARSE_MAX_ATTEMPTS.
    PARSE_MAX_CHARS = 200_000
    PARSE_SECONDS = 30.0
    PARSE_MEMORY_MB = 1024
    PARSE_MAX_EXPANDED_MB = 64.0
    PARSE_MAX_ATTEMPTS = 3
    PARSE_IN_CHILD = True  # parse in a child process with the memory and time limits (off: in the worker)
    COMPANY_NAME = "recruit"  # signs emails and public pages
    PUBLIC_URL = None  # e.g. https://jobs.example.com: the address in emails and QR codes
    PUBLIC_FORM_LIMIT = "5 per minute;30 per hour"  # sign-ups and applications per client address
    SUBMITTAL_CONFLICT_DAYS = 90  # flag a candidate submitted to another client this recently
    MAIL_FROM = "recruit@localhost"
    SMTP_HOST = None  # no SMTP: messages are kept in the outbox for an admin to read
    SMTP_PORT = None  # 587 with STARTTLS, 465 with SSL
    SMTP_USER = None
    SMTP_PASSWORD = None
    SMTP_TLS = "starttls"  # starttls, ssl or none
    TRUSTED_PROXIES = 0  # reverse proxies in front of the app whose X-Forwarded-For/-Proto count; 0 = none
    # Webhooks (README, Webhooks): seconds one delivery may take; seconds before each retry (7 attempts in
    # about 20 hours); how long past the timeout a delivery stays claimed by its worker; whether endpoints on
    # loopback, private or link-local addresses may be called (off: only public addresses); days a delivered
    # or given-up delivery stays in the log (pending ones are kept until they finish).
    WEBHOOK_TIMEOUT = 5.0
    WEBHOOK_BACKOFF = "60,300,1800,7200,21600,43200"
    WEBHOOK_LEASE_MARGIN = 30.0
    WEBHOOK_ALLOW_PRIVATE = False
    WEBHOOK_RETENTION_DAYS = 90
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    API_RATE_LIMIT = "600 per minute"  # requests per API token
    # flask-smorest: the document is served by the api blueprint itself (/api/v1/openapi.json, /api/v1/docs)
    API_TITLE = "recruit"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = None
    API_SPEC_OPTIONS = {
        "info": {"description": "Applicant tracking for KPO recruiting. Send a personal access token (your "
                                "account page, API tokens) as 'Authorization: Bearer <token>'."},
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "security": [{"token": []}],
    }


def load_config(app, overrides: dict | None = None) -> None:
    """Fill ``app.config`` from defaults, ``instance/recruit.cfg``, the environment and ``overrides``."""
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("recruit.cfg", silent=True)
    for name, (key, convert) in ENVIRONMENT.items():
        if os.environ.get(name):
            app.config[key] = convert(os.environ[name])
    if overrides:
        app.config.update(overrides)

    cfg = app.config
    if not cfg.get("SQLALCHEMY_DATABASE_URI"):
        os.makedirs(app.instance_path, exist_ok=True)
        cfg["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(app.instance_path, "recruit.db")
    cfg["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(cfg["SQLALCHEMY_DATABASE_URI"])
    if not cfg.get("SECRET_KEY"):
        cfg["SECRET_KEY"] = _instance_secret(app.instance_path)
    cfg["SESSION_COOKIE_SECURE"] = cfg["REMEMBER_COOKIE_SECURE"] = bool(cfg["SECURE_COOKIES"])
    # The whole request may carry a resume plus form fields; anything far larger is refused with a 413
    # before it is read, while an oversized resume within this bound gets a form message instead.
    # (Flask defines the key as None, so a setdefault here would never apply.) Bulk imports have their own
    # cap, IMPORT_MAX_MB, applied to that route only (recruit.http).
    if cfg.get("MAX_CONTENT_LENGTH") is None:
        cfg["MAX_CONTENT_LENGTH"] = int(cfg["MAX_RESUME_MB"] * 1024 * 1024 * 2 + 1024 * 1024)
    # Counters every web process shares: Redis when there is one, else a SQLite file in the instance folder.
    cfg["RATELIMIT_STORAGE_URI"] = (cfg.get("RATELIMIT_STORAGE_URI") or cfg.get("REDIS_URL")
                                    or default_storage_uri(app.instance_path))


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way (``postgresql://`` or ``postgres://``)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret(instance_path: str) -> str:
    """Read, or create once, a random secret key kept in the instance folder (mode 600)."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    os.makedirs(instance_path, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
