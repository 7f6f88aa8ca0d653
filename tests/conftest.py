"""Shared fixtures: an app per test on SQLite (and on PostgreSQL when it answers), clients, sign-in.

The schema is built once per run from ``db.metadata`` and each test gets a fresh copy of it (see ``app``).
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
from contextlib import closing
from pathlib import Path

import pytest
from itsdangerous import URLSafeTimedSerializer

from recruit import create_app
from recruit.extensions import db

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PG_URL = os.environ.get("RECRUIT_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "correct horse battery"


def _reuse_url_builders() -> None:
    """Compile each URL rule's builder once per run instead of once per app (test runs only).

    Every test builds an app, and werkzeug compiles two small Python functions per route for
    ``url_for``: five sixths of ``create_app``'s time (36 ms of 42 here, with 113 routes). The function's
    code depends only on the rule's parsed parts, so for rules without defaults it is the same for every
    app; it is still bound to each app's own rule. If werkzeug changes this private method, nothing is
    cached and the tests are only slower.
    """
    from werkzeug.routing.rules import Rule

    compile_builder = getattr(Rule, "_compile_builder", None)
    if compile_builder is None or getattr(compile_builder, "reused", False):
        return
    built: dict = {}

    def reused(self, append_unknown: bool = True):
        trace = getattr(self, "_trace", None)
        if self.defaults or trace is None:
            return compile_builder(self, append_unknown)
        key = (self.rule, tuple(trace), append_unknown)
        if key not in built:
            built[key] = compile_builder(self, append_unknown)
        return built[key]

    reused.reused = True
    Rule._compile_builder = reused


_reuse_url_builders()


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
    """A fresh, empty PostgreSQL database for this run, dropped at the end; skips when no server answers.

    For tests that build their own schema (workers in other processes need real tables); the ``app``
    fixture uses ``postgres_schema`` instead.
    """
    url = _postgres_admin_url()
    if url is None:
        pytest.skip(f"PostgreSQL does not answer at {PG_URL} (set RECRUIT_TEST_DATABASE_URL)")
    name = f"recruit_test_{os.getpid()}_{secrets.token_hex(3)}"
    _pg_admin(url, f'CREATE DATABASE "{name}"')
    yield _pg_url(url, name)
    _pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_url(admin_url: str, name: str) -> str:
    return f"{admin_url.rsplit('/', 1)[0]}/{name}"


def _pg_admin(admin_url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def _build_schema(tmp_path, url: str, build=None) -> None:
    """Create every table of ``db.metadata`` (so tables other engineers add are included) at ``url``;
    ``build`` (called in the app context) may build it otherwise, e.g. Alembic's ``upgrade``."""
    app = create_app(make_config(tmp_path, url))
    with app.app_context():
        (build or db.create_all)()
        db.session.remove()
        db.engine.dispose()


def sqlite_template_file(folder: Path, build=None) -> Path:
    """An SQLite file in ``folder`` holding the schema (see ``_build_schema``), ready to be copied."""
    import sqlite3

    path = folder / "template.db"
    _build_schema(folder, f"sqlite:///{path}", build)
    with closing(sqlite3.connect(path)) as conn:  # fold the write-ahead log into the file before copying it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


class PostgresSchema:
    """One PostgreSQL database with the models' schema for the whole run, emptied before each test.

    The schema is built once; before each test every table is emptied and every sequence restarted (ids
    count from 1 again), in one round trip. If a test changed the schema (the migration test drops it and
    migrates), other connections to the database are ended and the schema is built again. Measured here
    (2 cores, load 3-8): emptying takes about 0.1 s; a copy from a template database 0.2 s plus 0.1-0.3 s to
    drop it (and each DROP DATABASE forces a checkpoint); TRUNCATE of every table 0.5-1 s; the
    ``create_all`` + ``drop_all`` each test used to run 1.2-2 s.
    """

    def __init__(self, admin_url: str, tmp_path):
        import psycopg

        self.admin_url, self.tmp_path = admin_url, tmp_path
        self.name = f"recruit_test_{os.getpid()}_{secrets.token_hex(3)}"
        self.url = _pg_url(admin_url, self.name)
        _pg_admin(admin_url, f'CREATE DATABASE "{self.name}"')
        _build_schema(tmp_path, self.url)
        with psycopg.connect(self.url) as conn:
            self.tables = self._tables(conn)
            sequences = [r[0] for r in conn.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) FROM pg_sequences "
                "WHERE schemaname = 'public' ORDER BY 1")]
            filled = [t for t in self.tables if conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0]]
        assert not filled, f"create_all put rows in {filled}; emptying before each test would remove them"
        # Children before parents, so no foreign key is ever violated on the way.
        ordered = [t.name for t in reversed(db.metadata.sorted_tables) if t.name in self.tables]
        ordered += [t for t in self.tables if t not in ordered]
        self.empty_sql = "".join(f'DELETE FROM "{t}";' for t in ordered) + "".join(
            f"ALTER SEQUENCE {s} RESTART;" for s in sequences)

    @staticmethod
    def _tables(conn) -> list[str]:
        return [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]

    def fresh(self) -> str:
        """The database's URL, holding the schema and no rows; sequences start again at 1."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            try:
                conn.execute("SET lock_timeout = '5s'")
                if self._tables(conn) == self.tables:
                    with conn.transaction():
                        conn.execute(self.empty_sql)
                    return self.url
            except psycopg.errors.LockNotAvailable:
                pass  # a connection a test left open holds a lock: end it and build the schema again
            conn.execute("SET lock_timeout = 0")
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        _build_schema(self.tmp_path, self.url)
        return self.url

    def drop(self) -> None:
        _pg_admin(self.admin_url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_schema(tmp_path_factory):
    """The run's ``PostgresSchema``; skips when no server answers."""
    url = _postgres_admin_url()
    if url is None:
        pytest.skip(f"PostgreSQL does not answer at {PG_URL} (set RECRUIT_TEST_DATABASE_URL)")
    schema = PostgresSchema(url, tmp_path_factory.mktemp("pg-template"))
    yield schema
    schema.drop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An SQLite file with every table of ``db.metadata``, built once per run; each test gets a copy."""
    return sqlite_template_file(tmp_path_factory.mktemp("sqlite-template"))


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
    """The app on a database of its own with the models' schema and no rows (built once per run, copied)."""
    if backend == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_schema").fresh()
    app = create_app(make_config(tmp_path, url, **app_config))
    yield app
    with app.app_context():
        db.session.remove()
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
