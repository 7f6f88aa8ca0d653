"""Shared fixtures: an app per test on SQLite (and on PostgreSQL when it answers), clients, sign-in."""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import pytest
from itsdangerous import URLSafeTimedSerializer

from recruit import create_app
from recruit.extensions import db

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PG_URL = os.environ.get("RECRUIT_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "correct horse battery"


def _postgres_admin_url() -> str | None:
    """The PostgreSQL server URL if it answers, else None."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=2, autocommit=True):
            return PG_URL
    except Exception:
        return None


@pytest.fixture(scope="session")
def postgres_database():
    """A fresh PostgreSQL database for this run, dropped at the end; skips when no server answers."""
    url = _postgres_admin_url()
    if url is None:
        pytest.skip(f"PostgreSQL does not answer at {PG_URL} (set RECRUIT_TEST_DATABASE_URL)")
    import psycopg

    name = f"recruit_test_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = url.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_config(tmp_path, database_url: str, **extra) -> dict:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast hashing in tests only
        "SERVER_NAME": "recruit.test",
        "RATELIMIT_STORAGE_URI": "memory://",
        "HUEY_IMMEDIATE": True,  # background tasks run at once, in the test process
    }
    config.update(extra)
    return config


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture
def app_config(request):
    """Extra config for the ``app`` fixture: ``@pytest.mark.parametrize('app_config', [{...}], indirect=True)``."""
    return getattr(request, "param", {})


@pytest.fixture
def app(backend, tmp_path, request, app_config):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    else:
        url = request.getfixturevalue("postgres_database")
    app = create_app(make_config(tmp_path, url, **app_config))
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        if backend == "postgresql":
            db.drop_all()
        db.engine.dispose()


class BrowserLikeClient:
    """Wraps Flask's test client so forms carry a CSRF token, as a browser's would."""

    def __init__(self, app):
        self.app = app
        self.raw = app.test_client()

    def csrf_token(self) -> str:
        with self.raw.session_transaction() as sess:
            raw = sess.setdefault("csrf_token", secrets.token_hex(20))
        return URLSafeTimedSerializer(self.app.secret_key, salt="wtf-csrf-token").dumps(raw)

    def get(self, *args, **kwargs):
        return self.raw.get(*args, **kwargs)

    def post(self, url, data=None, *, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.csrf_token())
        return self.raw.post(url, data=data, **kwargs)

    def __getattr__(self, name):
        return getattr(self.raw, name)


@pytest.fixture
def client(app):
    return BrowserLikeClient(app)


@pytest.fixture
def make_user(app):
    """Create a user of a role: ``make_user('recruiter')``."""
    from recruit.services import users

    def make(role="recruiter", email=None, password=PASSWORD, name=None):
        with app.app_context():
            email = email or f"{role}-{secrets.token_hex(3)}@example.com"
            user = users.create_user(email, name or f"{role.capitalize()} Tester", role, password)
            return user.id, email

    return make


@pytest.fixture
def login(client, make_user):
    """Sign the test client in as a new user of the given role; returns the user id."""

    def do(role="recruiter"):
        user_id, email = make_user(role)
        response = client.post("/auth/login", {"email": email, "password": PASSWORD})
        assert response.status_code == 302, response.data[:500]
        return user_id

    return do


def find_csrf(html: bytes) -> str:
    return re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1).decode()
