"""The recruit command: users, first admin, migrations (demo data: test_demo.py)."""
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import User


def test_users_create_and_list(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--email", "Ops@Example.com", "--name", "Ops Lead",
                                 "--role", "admin", "--password", "a long password 1"])
    assert result.exit_code == 0, result.output
    assert "Created admin ops@example.com" in result.output
    assert "ops@example.com" in runner.invoke(args=["users", "list"]).output
    again = runner.invoke(args=["users", "create", "--email", "ops@example.com", "--name", "X",
                                "--role", "admin", "--password", "a long password 1"])
    assert again.exit_code != 0 and "already exists" in again.output


def test_ensure_admin_prints_password_once(app, monkeypatch):
    runner = app.test_cli_runner()
    monkeypatch.delenv("RECRUIT_ADMIN_EMAIL", raising=False)
    monkeypatch.delenv("RECRUIT_ADMIN_PASSWORD", raising=False)
    first = runner.invoke(args=["users", "ensure-admin"])
    assert first.exit_code == 0 and "password:" in first.output
    password = first.output.split("password:")[1].split()[0]
    from recruit.services import users

    with app.app_context():
        assert users.authenticate("admin@example.com", password).is_admin
    second = runner.invoke(args=["users", "ensure-admin"])
    assert "exists already" in second.output and password not in second.output


def test_ensure_admin_from_environment(app, monkeypatch):
    monkeypatch.setenv("RECRUIT_ADMIN_EMAIL", "boss@example.com")
    monkeypatch.setenv("RECRUIT_ADMIN_PASSWORD", "boss password 99")
    result = app.test_cli_runner().invoke(args=["users", "ensure-admin"])
    assert "boss@example.com" in result.output and "boss password 99" not in result.output
    with app.app_context():
        assert db.session.scalar(select(User.role).where(User.email == "boss@example.com")) == "admin"
