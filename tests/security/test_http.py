"""Hostile requests at the HTTP layer: huge bodies, bursts of sign-ins in parallel and across processes,
forged client addresses, replayed cookies, numbers past what the database holds, cached private pages."""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.routing import IntegerConverter

from recruit import create_app
from recruit.extensions import db
from recruit.models import AuditEvent, OutboxMessage, User
from recruit.services import users
from tests.conftest import PASSWORD, BrowserLikeClient, make_config
from tests.factories import CandidateFactory, JobFactory

ROOT = Path(__file__).resolve().parents[2]
GIGABYTE = 1024**3


class WatchedBody(io.RawIOBase):
    """A request body that claims ``length`` bytes, holds only ``data``, and counts what the server read."""

    def __init__(self, length: int, data: bytes = b"email=a%40example.com&password=x"):
        self.length, self.data, self.position, self.read_bytes = length, data, 0, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = {0: 0, 1: self.position, 2: self.length}[whence] + offset
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        chunk = self.data[self.position:self.position + len(buffer)]
        buffer[:len(chunk)] = chunk
        self.position += len(chunk)
        self.read_bytes += len(chunk)
        return len(chunk)


def _post_watched(client, url, length, addr="10.9.0.1"):
    with WatchedBody(length) as body:
        response = client.raw.post(url, input_stream=body, content_type="application/x-www-form-urlencoded",
                                   environ_base={"REMOTE_ADDR": addr})
    return response, body


# -------------------------------------- item 4: body caps, limits before parsing

def test_a_gigabyte_body_is_refused_before_it_is_read(app, client):
    """Does a 1 GB body to the careers form, sign-in or password reset get a 413 with none of it read?"""
    with app.app_context():
        JobFactory(slug="analyst", public=True)
    for url in ("/careers/analyst", "/auth/login", "/auth/reset", "/e/no-such-event"):
        response, body = _post_watched(client, url, GIGABYTE)
        assert response.status_code == 413, url
        assert b"too large" in response.data
        assert body.read_bytes == 0, url


def test_the_default_cap_follows_the_resume_limit(app):
    """Is the request cap set (Flask ships the key as None), twice the resume limit plus room for the form?"""
    assert app.config["MAX_CONTENT_LENGTH"] == int(app.config["MAX_RESUME_MB"] * 2 * 1024 * 1024 + 1024 * 1024)


def _upload(client, megabytes: float):
    """POST a zip of about ``megabytes`` to the bulk import form (built in memory, no temporary files)."""
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("big.txt", os.urandom(int(megabytes * 1024 * 1024)))
    boundary, body = encode_multipart({"files": FileStorage(io.BytesIO(buffer.getvalue()), "resumes.zip"),
                                       "csrf_token": client.csrf_token()})
    return client.raw.post("/imports/new", data=body, content_type=f"multipart/form-data; boundary={boundary}")


@pytest.mark.parametrize("app_config", [{"MAX_RESUME_MB": 0.25, "IMPORT_MAX_MB": 3}], indirect=True)
def test_bulk_import_keeps_its_larger_cap_for_staff_only(app, client, login):
    """Can a recruiter still upload an import larger than the general cap, while a visitor cannot send one?"""
    assert app.config["MAX_CONTENT_LENGTH"] == 1.5 * 1024 * 1024
    assert _upload(client, 2).status_code == 413  # signed out: the general cap
    login("recruiter")
    response = _upload(client, 2)
    assert response.status_code == 302 and "/imports/" in response.headers["Location"]
    too_big = _upload(client, 4)  # past IMPORT_MAX_MB
    assert too_big.status_code == 413 and b"may be at most 3 MB" in too_big.data


@pytest.mark.parametrize("app_config", [{"LOGIN_RATE_LIMIT": "2 per minute", "PUBLIC_FORM_LIMIT": "2 per minute"}],
                         indirect=True)
def test_a_refused_client_is_answered_before_its_form_is_read(app, client):
    """Once an address is over its limit, is its next sign-in or application refused without reading the body?"""
    with app.app_context():
        JobFactory(slug="analyst", public=True)
    for url in ("/auth/login", "/careers/analyst", "/auth/reset"):
        for _ in range(2):
            response, body = _post_watched(client, url, 32, addr="10.9.0.2")
            assert response.status_code in (200, 302, 400), url
            assert body.read_bytes > 0  # counted requests are read as usual
        response, body = _post_watched(client, url, 32, addr="10.9.0.2")
        assert response.status_code == 429, url
        assert body.read_bytes == 0, url


# -------------------------------------- item 6: lockout under parallel guesses

@pytest.mark.parametrize("app_config", [{"LOGIN_RATE_LIMIT": "1000 per minute",
                                         "PASSWORD_HASH_METHOD": "pbkdf2:sha256:40000"}], indirect=True)
def test_thirty_simultaneous_wrong_passwords_lock_the_account(app, make_user):
    """Do 30 wrong passwords sent at once get no more checks than five in a row, and lock the account?"""
    user_id, email = make_user()
    clients = [BrowserLikeClient(app) for _ in range(30)]
    tokens = [c.csrf_token() for c in clients]
    start = threading.Barrier(len(clients))
    statuses = []

    def guess(c, token):
        start.wait()
        statuses.append(c.post("/auth/login", {"email": email, "password": "not it at all", "csrf_token": token},
                               environ_base={"REMOTE_ADDR": "10.9.0.3"}).status_code)

    threads = [threading.Thread(target=guess, args=pair) for pair in zip(clients, tokens)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 30
    with app.app_context():
        checked = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "auth.login_failed", AuditEvent.object_id == str(user_id)))
        assert checked == app.config["LOGIN_MAX_FAILURES"]
        assert db.session.get(User, user_id).is_locked
    response = BrowserLikeClient(app).post("/auth/login", {"email": email, "password": PASSWORD})
    assert b"locked" in response.data  # even the right password, until the lock ends


# -------------------------------------- item 7: limits shared by processes, proxies

SIGN_IN_SCRIPT = textwrap.dedent("""
    import json, sys
    from recruit import create_app
    config = json.loads(sys.argv[1])
    app = create_app(config)
    client = app.test_client()
    statuses = [client.post("/auth/login", data={"email": "x@example.com", "password": "nope"}).status_code
                for _ in range(int(sys.argv[2]))]
    print(json.dumps(statuses))
""")


@pytest.mark.slow
def test_two_processes_share_one_sign_in_limit(tmp_path):
    """With no Redis, do two server processes count sign-ins together (10 allowed, 10 more refused)?"""
    config = make_config(tmp_path, f"sqlite:///{tmp_path / 'shared.db'}", LOGIN_RATE_LIMIT="10 per minute",
                         WTF_CSRF_ENABLED=False)
    del config["RATELIMIT_STORAGE_URI"]  # the default: what `recruit serve` uses without Redis
    app = create_app(config)
    assert app.config["RATELIMIT_STORAGE_URI"].startswith("recruit-sqlite://")
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    processes = [subprocess.Popen([sys.executable, "-c", SIGN_IN_SCRIPT, json.dumps(config), "10"], cwd=ROOT,
                                  env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    results = [json.loads(p.communicate(timeout=120)[0].strip().splitlines()[-1]) for p in processes]
    assert all(p.returncode == 0 for p in processes)
    statuses = results[0] + results[1]
    assert statuses.count(200) == 10 and statuses.count(429) == 10


@pytest.mark.parametrize("app_config", [{"LOGIN_RATE_LIMIT": "2 per minute"}], indirect=True)
def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(app, tmp_path):
    """Can a client dodge the limit by inventing X-Forwarded-For? And behind one trusted proxy, is each
    client counted by the address the proxy saw, not all of them together?"""
    def sign_ins(an_app, forwarded_for):
        c = BrowserLikeClient(an_app)
        return [c.post("/auth/login", {"email": "x@example.com", "password": "nope"},
                       headers={"X-Forwarded-For": f}, environ_base={"REMOTE_ADDR": "10.9.0.4"}).status_code
                for f in forwarded_for]

    assert sign_ins(app, ["1.1.1.1", "2.2.2.2", "3.3.3.3"]) == [200, 200, 429]
    proxied = create_app(make_config(tmp_path, app.config["SQLALCHEMY_DATABASE_URI"],
                                     LOGIN_RATE_LIMIT="2 per minute", TRUSTED_PROXIES=1))
    assert sign_ins(proxied, ["1.1.1.1", "2.2.2.2", "3.3.3.3"]) == [200, 200, 200]
    # Only the hop the proxy added counts: a client's own value in front of it changes nothing.
    assert sign_ins(proxied, ["forged, 4.4.4.4", "other, 4.4.4.4", "4.4.4.4"]) == [200, 200, 429]
    with proxied.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_shared_store_counts_every_hit_from_many_threads(tmp_path):
    """Do 8 threads hitting one counter at once lose no hit, and does a window start afresh once it ends?"""
    from recruit.ratelimits import SQLiteFileStorage, default_storage_uri

    storage = SQLiteFileStorage(default_storage_uri(str(tmp_path)))
    threads = [threading.Thread(target=lambda: [storage.incr("k", 60) for _ in range(50)]) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert storage.get("k") == 400
    assert storage.incr("gone", -1) == 1 and storage.get("gone") == 0  # an ended window counts nothing
    assert storage.incr("gone", 60) == 1


# -------------------------------------- item 8: sessions end with sign-out and new passwords

def _sign_in(app, email, password=PASSWORD, remember=False):
    c = BrowserLikeClient(app)
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    assert c.post("/auth/login", data).status_code == 302
    return c


def _replay(app, cookies: dict):
    c = BrowserLikeClient(app)
    for name, value in cookies.items():
        c.set_cookie(name, value, domain="recruit.test")
    return c.get("/").status_code


def _cookies(c) -> dict:
    return {name: c.get_cookie(name, domain="recruit.test").value for name in ("session", "remember_token")
            if c.get_cookie(name, domain="recruit.test")}


def test_cookies_kept_from_before_sign_out_no_longer_work(app, make_user):
    """After signing out, does replaying the old session cookie, or the remember-me cookie, get a sign-in page?"""
    _, email = make_user()
    c = _sign_in(app, email, remember=True)
    kept = _cookies(c)
    assert set(kept) == {"session", "remember_token"}
    assert _replay(app, kept) == 200
    assert _replay(app, {"remember_token": kept["remember_token"]}) == 200  # the remember cookie alone signs in
    c.post("/auth/logout")
    assert _replay(app, kept) == 302
    assert _replay(app, {"session": kept["session"]}) == 302
    assert _replay(app, {"remember_token": kept["remember_token"]}) == 302


def test_a_password_change_ends_other_sessions_but_not_this_one(app, make_user):
    """When a user changes their password, are their other sessions signed out while this one goes on?"""
    _, email = make_user()
    laptop, phone = _sign_in(app, email, remember=True), _sign_in(app, email, remember=True)
    phone_cookies = _cookies(phone)
    response = laptop.post("/auth/password", {"current_password": PASSWORD, "password": "a new password 2",
                                              "confirm": "a new password 2"})
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200
    assert _replay(app, {"remember_token": _cookies(laptop)["remember_token"]}) == 200  # renewed, still good
    assert phone.get("/").status_code == 302
    assert _replay(app, {"remember_token": phone_cookies["remember_token"]}) == 302


def test_a_password_reset_ends_every_earlier_session(app, make_user):
    """After a reset by email link, does a session opened before it (say, on a stolen laptop) stop working?"""
    user_id, email = make_user()
    stolen = _sign_in(app, email, remember=True)
    kept = _cookies(stolen)
    BrowserLikeClient(app).post("/auth/reset", {"email": email})
    with app.app_context():
        body = db.session.scalars(select(OutboxMessage)).one().body
    link = re.search(r"https?://[^/\s]+(/auth/invite/\S+)", body).group(1)
    owner = BrowserLikeClient(app)
    assert owner.post(link, {"password": "a brand new password 7", "confirm": "a brand new password 7"}).status_code \
        == 302
    assert owner.get("/").status_code == 200
    assert stolen.get("/").status_code == 302
    assert _replay(app, kept) == 302


# -------------------------------------- item 13: numbers past the database's integers

HUGE = (2**31, 2**63, 2**64, 10**30)


def test_ids_past_the_integer_range_are_not_found_on_every_route(app, client, login):
    """Does every route with a numeric id answer 404 (never 500) for ids past 2^31 and 2^63?"""
    login("admin")
    failures = []
    rules = [r for r in app.url_map.iter_rules() if any(isinstance(c, IntegerConverter)
                                                         for c in r._converters.values())]
    assert len(rules) > 40
    for rule in rules:
        for number in HUGE:
            path = rule.rule
            for arg in rule.arguments:
                path = path.replace(f"<int:{arg}>", str(number))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(path, method=method, data={"csrf_token": client.csrf_token()})
                if response.status_code != 404:
                    failures.append(f"{method} {path}: {response.status_code}")
    assert failures == []


def test_page_numbers_and_id_filters_past_the_integer_range_are_not_a_500(app, client, login):
    """Do page numbers and id filters in the query string past 2^31 and 2^63 give a page, never a 500?"""
    login("admin")
    failures = []
    rules = [r for r in app.url_map.iter_rules() if not r.arguments and "GET" in r.methods and r.endpoint != "static"]
    for rule in rules:
        for number in HUGE + (-(2**63),):
            query = "&".join(f"{name}={number}" for name in ("page", "job", "client", "batch", "candidate"))
            response = client.get(f"{rule.rule}?{query}")
            if response.status_code >= 500:
                failures.append(f"{rule.rule}?{query}: {response.status_code}")
    assert failures == []


# -------------------------------------- item 14: private pages not cached; reset timing

def test_private_pages_are_never_cached(app, client, login):
    """Are signed-in pages and secret-link pages sent with Cache-Control: no-store, and public pages not?"""
    with app.app_context():
        candidate_id = CandidateFactory().id
        JobFactory(slug="analyst", public=True)
    assert "no-store" not in client.get("/careers/").headers.get("Cache-Control", "")
    for path in ("/privacy/some-token", "/s/some-token", "/r/some-token", "/consent/some-token",
                 "/auth/invite/some-token"):
        assert client.get(path).headers.get("Cache-Control") == "no-store", path
    login("recruiter")
    for path in ("/", f"/candidates/{candidate_id}", "/candidates/", "/jobs/"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers.get("Cache-Control") == "no-store", path


@pytest.mark.parametrize("app_config", [{"HUEY_IMMEDIATE": False}], indirect=True)
def test_a_reset_request_does_the_same_for_known_and_unknown_addresses(app, make_user):
    """Does asking to reset a known address do exactly what asking for an unknown one does (one queued job,
    the same page), with the email itself written only later, by the worker, for the real account?"""
    _, email = make_user()
    huey = app.extensions["huey"]
    pages = [BrowserLikeClient(app).post("/auth/reset", {"email": address}).data
             for address in (email, "nobody@example.com")]
    assert re.sub(rb'content="[^"]*"', b"", pages[0]) == re.sub(rb'content="[^"]*"', b"", pages[1])  # bar its token
    tasks = huey.pending()
    assert [t.name for t in tasks] == ["send_password_reset", "send_password_reset"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0  # nothing done in the request
    for task in tasks:
        huey.execute(task)
    with app.app_context():
        assert [m.to_address for m in db.session.scalars(select(OutboxMessage))] == [email]
    huey.flush()


# -------------------------------------- item 15: one email rule for every way in

def test_the_cli_refuses_an_address_the_sign_in_form_would_refuse(app):
    """Does `recruit users create` refuse an address sign-in would refuse (so no account can never sign in)?"""
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--email", "sam@x.test", "--name", "Sam", "--password",
                                 PASSWORD])
    assert result.exit_code != 0 and "not an email address that can sign in" in result.output
    with app.app_context():
        assert users.find_by_email("sam@x.test") is None
        with pytest.raises(Exception, match="can sign in"):
            users.invite_user("sam@x.test", "Sam", "recruiter", actor_id=None)
    refused = BrowserLikeClient(app).post("/auth/login", {"email": "sam@x.test", "password": PASSWORD})
    assert b"Enter a valid email address" in refused.data


def test_an_account_the_cli_creates_can_sign_in(app):
    """Can an account made with `recruit users create` sign in through the form?"""
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--email", "Sam@Kpo.Example", "--name", "Sam", "--password",
                                 PASSWORD])
    assert result.exit_code == 0, result.output
    assert BrowserLikeClient(app).post("/auth/login", {"email": "sam@kpo.example", "password": PASSWORD}) \
        .status_code == 302


def test_a_number_past_every_integer_range_in_a_public_form_is_refused_not_a_500(app, client, login):
    """Does a campus sign-up with 10^30 active backlogs get the form back with a message, not a 500?"""
    from tests.recruit.test_campus import _event, _signup, _student

    login("recruiter")
    _, code, _ = _event(client, app)
    client.post("/auth/logout")
    response = _signup(client, code, _student(7, active_backlogs=str(10**30)))
    assert response.status_code == 400 and "Active backlogs is a number from 0 to 99." in response.get_data(as_text=True)


def test_an_overflowing_number_the_database_cannot_hold_is_a_bad_request(app):
    """Whatever route lets a number past 2^63 reach SQLite, the answer is a 400 that says so, not a 500."""
    @app.route("/_test/overflow")
    def overflow():
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    response = app.test_client().get("/_test/overflow")
    assert response.status_code == 400 and b"out of range" in response.data
