"""Sign-in, lockout, sessions, invitations and password changes."""
from datetime import timedelta

import pytest

from recruit.extensions import db
from recruit.models import AuditEvent, User
from recruit.models.base import utcnow
from recruit.services import users
from tests.conftest import PASSWORD


def _login(client, email, password=PASSWORD, **kw):
    return client.post("/auth/login", {"email": email, "password": password}, **kw)


def test_sign_in_and_out(client, make_user):
    """Can a user sign in, see the dashboard, and sign out again?"""
    _, email = make_user("recruiter", name="Riya Kapoor")
    response = _login(client, email, follow_redirects=True)
    assert b"Good to see you, Riya" in response.data
    response = client.post("/auth/logout", follow_redirects=True)
    assert b"You are signed out" in response.data
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_without_saying_which_part(client, make_user):
    """Does a wrong password or an unknown email give the same message and no session?"""
    _, email = make_user()
    for attempt in ({"email": email, "password": "wrong password"},
                    {"email": "nobody@example.com", "password": PASSWORD}):
        response = client.post("/auth/login", attempt)
        assert response.status_code == 200
        assert b"Wrong email or password." in response.data
    assert client.get("/").status_code == 302


def test_email_is_case_insensitive(client, make_user):
    _, email = make_user()
    assert _login(client, email.upper()).status_code == 302


def test_account_locks_after_repeated_failures(app, client, make_user):
    """After five wrong passwords, is even the right password refused until an admin unlocks it?"""
    user_id, email = make_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        _login(client, email, "not the password")
    response = _login(client, email)
    assert response.status_code == 200
    assert b"locked" in response.data
    with app.app_context():
        assert db.session.get(User, user_id).is_locked
        users.unlock_user(user_id, actor_id=None)
    assert _login(client, email).status_code == 302


def test_lock_expires(app, client, make_user):
    user_id, email = make_user()
    with app.app_context():
        user = db.session.get(User, user_id)
        user.locked_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert _login(client, email).status_code == 302


def test_deactivated_user_cannot_sign_in_and_is_signed_out(app, client, make_user, login):
    """Is a deactivated user refused at sign-in, and is an open session of theirs ended?"""
    user_id, email = make_user()
    assert _login(client, email).status_code == 302
    with app.app_context():
        db.session.get(User, user_id).is_active_account = False
        db.session.commit()
    assert client.get("/").status_code == 302  # the session no longer counts
    assert b"Wrong email or password" in _login(client, email).data


@pytest.mark.parametrize("target,expected", [
    ("/jobs/", "/jobs/"),
    ("https://evil.example.com/", "/"),
    ("//evil.example.com/", "/"),
])
def test_next_only_goes_to_this_site(client, make_user, target, expected):
    """Does sign-in follow ``next`` only to a path on this site (no open redirect)?"""
    _, email = make_user()
    response = client.post(f"/auth/login?next={target}", {"email": email, "password": PASSWORD})
    assert response.headers["Location"].replace("http://recruit.test", "") == expected


def test_session_cookie_flags(app, make_user, tmp_path):
    """Is the session cookie HttpOnly and SameSite=Lax, and Secure when configured?"""
    from tests.conftest import BrowserLikeClient, make_config
    from recruit import create_app

    for secure in (False, True):
        test_app = create_app(make_config(tmp_path, app.config["SQLALCHEMY_DATABASE_URI"], SECURE_COOKIES=secure))
        client = BrowserLikeClient(test_app)
        with test_app.app_context():
            email = f"cookie{int(secure)}@example.com"
            users.create_user(email, "Cookie", "recruiter", PASSWORD)
        response = _login(client, email)
        cookie = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")][0]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        assert ("Secure" in cookie) is secure
        with test_app.app_context():
            db.session.remove()
            db.engine.dispose()


def test_sign_in_is_rate_limited_per_address(app, client, make_user):
    """Does a burst of sign-in attempts from one address get a clear 429?"""
    _, email = make_user()
    limit = int(app.config["LOGIN_RATE_LIMIT"].split()[0])
    statuses = [_login(client, "x@example.com", "nope").status_code for _ in range(limit)]
    assert set(statuses) == {200}
    response = _login(client, email)
    assert response.status_code == 429
    assert b"Too many requests" in response.data


def test_change_password(app, client, login):
    user_id = login("interviewer")
    response = client.post("/auth/password", {"current_password": "wrong one!", "password": "a new password 2",
                                              "confirm": "a new password 2"})
    assert b"The current password is wrong." in response.data
    response = client.post("/auth/password", {"current_password": PASSWORD, "password": "short",
                                              "confirm": "short"})
    assert b"at least 10 characters" in response.data
    response = client.post("/auth/password", {"current_password": PASSWORD, "password": "a new password 2",
                                              "confirm": "a new password 2"})
    assert response.status_code == 302
    with app.app_context():
        email = db.session.get(User, user_id).email
        assert users.authenticate(email, "a new password 2").id == user_id


def test_invitation_flow(app, client, login):
    """Can an admin invite a user who then sets a password once and signs in with it?"""
    login("admin")
    response = client.post("/admin/users/invite", {"name": "Kiran Rao", "email": "kiran@example.com",
                                                   "role": "interviewer"})
    assert response.status_code == 200
    link = response.data.split(b'readonly value="')[1].split(b'"')[0].decode()
    path = link.replace("http://recruit.test", "")
    client.post("/auth/logout")
    assert b"Welcome, Kiran Rao" in client.get(path).data
    response = client.post(path, {"password": "kiran's password", "confirm": "kiran's password"},
                           follow_redirects=True)
    assert b"Your password is set" in response.data
    assert client.get(path).status_code == 404  # used once
    client.post("/auth/logout")
    assert _login(client, "kiran@example.com", "kiran's password").status_code == 302
    with app.app_context():
        assert users.find_by_email("kiran@example.com").role == "interviewer"


def test_expired_invitation_is_refused(app, client):
    with app.app_context():
        user, token = users.invite_user("late@example.com", "Late", "recruiter", actor_id=None)
        user.invite_expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    response = client.get(f"/auth/invite/{token}")
    assert response.status_code == 404
    assert b"not valid" in response.data


def test_sign_ins_are_audited(app, client, make_user):
    _, email = make_user()
    _login(client, email, "wrong password")
    _login(client, email)
    with app.app_context():
        actions = [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions[-2:] == ["auth.login_failed", "auth.login"]


def test_forgotten_password_by_email(app, client, make_user):
    """A one-time link by email sets a new password (and lifts a lockout); unknown addresses get the same page."""
    import re

    from sqlalchemy import select

    from recruit.extensions import db
    from recruit.models import OutboxMessage, User

    user_id, email = make_user("recruiter")
    with app.app_context():
        user = db.session.get(User, user_id)
        user.failed_logins = 9
        db.session.commit()
    known = client.post("/auth/reset", {"email": email}).data.decode()
    unknown = client.post("/auth/reset", {"email": "nobody@example.com"}).data.decode()
    assert "If an account uses that address" in known and "If an account uses that address" in unknown
    with app.app_context():
        message = db.session.scalars(select(OutboxMessage)).one()  # only the real account got one
        assert message.to_address == email and message.template_key == "password_reset"
        link = re.search(r"https?://[^/\s]+(/auth/invite/\S+)", message.body).group(1)
    assert "Welcome back" in client.get(link).data.decode()
    response = client.post(link, {"password": "a brand new password 7", "confirm": "a brand new password 7"})
    assert response.status_code == 302
    client.post("/auth/logout")
    assert client.post("/auth/login", {"email": email, "password": "a brand new password 7"}).status_code == 302
    assert client.get(link).status_code == 404  # used once
    with app.app_context():
        assert db.session.get(User, user_id).failed_logins == 0
