"""Configuration from the environment and the instance folder."""
from recruit import create_app
from recruit.config import normalise_database_url


def test_environment_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("RECRUIT_DATABASE_URL", f"sqlite:///{tmp_path}/x.db")
    monkeypatch.setenv("RECRUIT_SECRET_KEY", "from-env")
    monkeypatch.setenv("RECRUIT_SECURE_COOKIES", "true")
    monkeypatch.setenv("RECRUIT_MAX_RESUME_MB", "3")
    monkeypatch.setenv("RECRUIT_INSTANCE_PATH", str(tmp_path / "inst"))
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/x.db"
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["MAX_RESUME_MB"] == 3.0
    assert app.instance_path == str(tmp_path / "inst")


def test_secret_key_is_generated_once(monkeypatch, tmp_path):
    for name in ("RECRUIT_SECRET_KEY", "RECRUIT_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RECRUIT_INSTANCE_PATH", str(tmp_path / "inst"))
    first = create_app().config["SECRET_KEY"]
    assert len(first) > 40 and first == create_app().config["SECRET_KEY"]
    assert (tmp_path / "inst" / "secret_key").stat().st_mode & 0o777 == 0o600
    assert create_app().config["SQLALCHEMY_DATABASE_URI"].endswith("/inst/recruit.db")


def test_instance_file(monkeypatch, tmp_path):
    (tmp_path / "inst").mkdir()
    (tmp_path / "inst" / "recruit.cfg").write_text("PER_PAGE = 7\nSECRET_KEY = 'from-file'\n")
    monkeypatch.delenv("RECRUIT_SECRET_KEY", raising=False)
    monkeypatch.setenv("RECRUIT_INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.setenv("RECRUIT_DATABASE_URL", f"sqlite:///{tmp_path}/x.db")
    app = create_app()
    assert app.config["PER_PAGE"] == 7 and app.config["SECRET_KEY"] == "from-file"


def test_postgres_urls_use_psycopg3():
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"
