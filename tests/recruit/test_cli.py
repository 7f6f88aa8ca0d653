"""The recruit command: users, first admin, migrations, import (demo data: test_demo.py)."""
import pytest
from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Candidate, User


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


def test_first_admin_message_names_the_port_the_server_will_use(app, monkeypatch):
    """Does `make run PORT=5101` tell the admin to sign in on 5101, not 5000?"""
    monkeypatch.delenv("RECRUIT_ADMIN_EMAIL", raising=False)
    monkeypatch.delenv("RECRUIT_ADMIN_PASSWORD", raising=False)
    result = app.test_cli_runner().invoke(args=["users", "ensure-admin", "--host", "127.0.0.1", "--port", "5101"])
    assert result.exit_code == 0, result.output
    assert "Sign in at http://127.0.0.1:5101 with" in result.output and ":5000" not in result.output


def test_make_run_passes_host_and_port_to_both_commands():
    """Does the Makefile's run target hand PORT and HOST to the admin message as well as to the server?"""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    # -n prints the recipe without running it; the prerequisites' recipes are printed too, and ignored here.
    out = subprocess.run(["make", "-n", "-C", str(root), "run", "PORT=5101", "HOST=0.0.0.0"],
                         capture_output=True, text=True, check=True).stdout
    assert "recruit users ensure-admin --host 0.0.0.0 --port 5101" in out
    assert "recruit serve --host 0.0.0.0 --port 5101" in out


def _resume_folder(tmp_path):
    from tests.recruit.test_parsing import RESUME

    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "meera.txt").write_text(RESUME)
    (folder / "ravi.txt").write_text(RESUME.replace("Meera Nair", "Ravi Kumar").replace("meera", "ravi")
                                   .replace("12345", "67890"))
    return folder


@pytest.mark.parametrize("app_config", [{"HUEY_IMMEDIATE": False}], indirect=True)
def test_import_wait_without_a_worker_says_so_instead_of_waiting_forever(app, tmp_path):
    """With no worker running, does `recruit import --wait` stop after a few seconds and say how to go on?"""
    result = app.test_cli_runner().invoke(args=["import", str(_resume_folder(tmp_path)), "--wait",
                                                "--worker-grace", "1"])
    assert result.exit_code == 1
    assert "No worker has taken a file in 1 s" in result.output
    assert "`recruit worker`" in result.output and "--here" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 0  # queued, not lost


@pytest.mark.parametrize("app_config", [{"HUEY_IMMEDIATE": False}], indirect=True)
def test_import_here_parses_without_a_worker(app, tmp_path):
    """Does `recruit import --here` turn the files into candidates with no worker running?"""
    result = app.test_cli_runner().invoke(args=["import", str(_resume_folder(tmp_path)), "--here"])
    assert result.exit_code == 0, result.output
    assert "2 done" in result.output
    with app.app_context():
        assert set(db.session.scalars(select(Candidate.name))) == {"Meera Nair", "Ravi Kumar"}
