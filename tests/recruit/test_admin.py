"""Admins manage users: roles, deactivation, unlocking, and the audit log."""
from recruit.extensions import db
from recruit.models import User
from tests.conftest import BrowserLikeClient


def test_change_role_and_deactivate(app, client, login, make_user):
    login("admin")
    user_id, email = make_user("recruiter", name="Nisha Pillai")
    response = client.post(f"/admin/users/{user_id}", {"name": "Nisha Pillai", "role": "interviewer"},
                           follow_redirects=True)  # the unchecked box means: deactivate
    assert b"Saved Nisha Pillai" in response.data
    with app.app_context():
        user = db.session.get(User, user_id)
        assert (user.role, user.is_active_account) == ("interviewer", False)
    assert b"Deactivated" in client.get("/admin/users").data
    audit = client.get("/admin/audit?action=user.").data
    assert b"user.update" in audit and b"interviewer" in audit


def test_last_admin_cannot_be_demoted_or_deactivate_self(app, client, login):
    admin_id = login("admin")
    with app.app_context():
        name = db.session.get(User, admin_id).name
    response = client.post(f"/admin/users/{admin_id}", {"name": name, "role": "recruiter", "active": "y"},
                           follow_redirects=True)
    assert b"last active admin" in response.data
    response = client.post(f"/admin/users/{admin_id}", {"name": name, "role": "admin"}, follow_redirects=True)
    assert b"cannot deactivate your own account" in response.data
    with app.app_context():
        user = db.session.get(User, admin_id)
        assert user.is_admin and user.is_active_account


def test_unlock_from_admin_page(app, client, login, make_user):
    user_id, email = make_user("recruiter")
    other = BrowserLikeClient(app)
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        other.post("/auth/login", {"email": email, "password": "nope nope"})
    login("admin")
    assert b"Unlock now" in client.get(f"/admin/users/{user_id}").data
    assert b"Account unlocked" in client.post(f"/admin/users/{user_id}/unlock", follow_redirects=True).data
    with app.app_context():
        assert not db.session.get(User, user_id).is_locked


def test_reissued_invitation_replaces_the_old_one(app, client, login):
    login("admin")
    first = client.post("/admin/users/invite", {"name": "Om", "email": "om@example.com", "role": "recruiter"})
    old = first.data.split(b'readonly value="')[1].split(b'"')[0].decode().replace("http://recruit.test", "")
    with app.app_context():
        user_id = db.session.scalar(db.select(User.id).where(User.email == "om@example.com"))
    second = client.post(f"/admin/users/{user_id}/reinvite")
    new = second.data.split(b'readonly value="')[1].split(b'"')[0].decode().replace("http://recruit.test", "")
    assert old != new
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200
    duplicate = client.post("/admin/users/invite", {"name": "Om", "email": "OM@example.com", "role": "recruiter"})
    assert b"already exists" in duplicate.data
    with app.app_context():
        assert db.session.get(User, user_id).password_hash is None
