"""The README's API script, run as a user would: against a real server and a real worker process."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from recruit import create_app
from recruit.extensions import db
from recruit.services import tokens, users
from tests.conftest import make_config
from tests.files import livecareer_pdf

ROOT = Path(__file__).resolve().parents[2]


def readme_script() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"<!-- api-quickstart -->\n```python\n(.*?)```", text, re.S).group(1)


@pytest.mark.slow
def test_the_readme_script_creates_a_job_uploads_a_resume_and_reads_the_ranking(tmp_path):
    """Does the README's script, run against `recruit`'s server and worker, print a ranked, parsed applicant?"""
    database = f"sqlite:///{tmp_path / 'api.db'}"
    config = make_config(tmp_path, database, HUEY_IMMEDIATE=False, SERVER_NAME=None, TESTING=False)
    app = create_app(config)
    with app.app_context():
        db.create_all()
        user_id = users.create_user("script@example.com", "Script", "recruiter", "a long password 1").id
        _token, secret = tokens.create_token(user_id, "readme", ["jobs:write", "jobs:read", "candidates:write",
                                                                 "candidates:read", "applications:read"],
                                             expires_days=7)
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env = {**os.environ, "RECRUIT_DATABASE_URL": database, "RECRUIT_INSTANCE_PATH": config["INSTANCE_PATH"],
           "RECRUIT_SECRET_KEY": "test-secret"}
    worker = subprocess.Popen([sys.executable, "-m", "recruit.cli", "worker", "-w", "1"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    script = tmp_path / "quickstart.py"
    script.write_text(readme_script(), encoding="utf-8")
    try:
        run = subprocess.run([sys.executable, str(script), str(livecareer_pdf("FINANCE", 0))], cwd=tmp_path,
                             env={**os.environ, "RECRUIT_URL": f"http://127.0.0.1:{server.server_port}",
                                  "RECRUIT_TOKEN": secret},
                             capture_output=True, text=True, timeout=240)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=20)
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert "parse: done" in lines[1]
    assert re.match(r"1\. .+: \d+ - .+", lines[2]), run.stdout
