"""Kill a real worker process in the middle of a batch, start another: every file done, none twice."""
import io
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from recruit import create_app
from recruit.extensions import db
from recruit.models import Candidate, ImportItem, Resume
from recruit.services import imports
from tests.conftest import make_config
from tests.files import livecareer_pdf

FILES = 24


def _resume(i: int) -> bytes:
    """Real PDFs, so each item takes a parse's time and the kill lands mid-batch."""
    return livecareer_pdf("FINANCE", i).read_bytes()


def _worker(env):
    return subprocess.Popen([sys.executable, "-m", "recruit.cli", "worker", "-w", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _counts(app):
    with app.app_context():
        db.session.expire_all()
        return dict(db.session.execute(select(ImportItem.status, func.count()).group_by(ImportItem.status)).all())


@pytest.mark.slow
def test_killed_worker_loses_no_file_and_doubles_no_candidate(tmp_path):
    database = f"sqlite:///{tmp_path / 'crash.db'}"
    config = make_config(tmp_path, database, HUEY_IMMEDIATE=False, IMPORT_STALE_SECONDS=3)
    app = create_app(config)
    with app.app_context():
        db.create_all()
        batch = imports.start_batch([(f"cv{i}.pdf", io.BytesIO(_resume(i))) for i in range(FILES)], actor_id=None)
        batch_id = batch.id
    env = {**os.environ, "RECRUIT_DATABASE_URL": database, "RECRUIT_INSTANCE_PATH": config["INSTANCE_PATH"],
           "RECRUIT_SECRET_KEY": "test-secret", "RECRUIT_IMPORT_STALE_SECONDS": "3"}
    first = _worker(env)
    try:
        deadline = time.time() + 120
        while _counts(app).get("done", 0) < 3 and time.time() < deadline:
            time.sleep(0.2)
        os.killpg(first.pid, signal.SIGKILL)  # the consumer and its worker process, mid-batch
        first.wait(timeout=10)
        killed_at = _counts(app)
        assert killed_at.get("done", 0) < FILES, "the batch finished before the kill; the test proves nothing"
        time.sleep(3.5)  # let an item the dead worker had claimed become stale
        second = _worker(env)
        try:
            deadline = time.time() + 180
            while time.time() < deadline:
                counts = _counts(app)
                if counts.get("done", 0) == FILES:
                    break
                time.sleep(0.5)
        finally:
            os.killpg(second.pid, signal.SIGTERM)
            second.wait(timeout=20)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
    assert _counts(app) == {"done": FILES}
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == FILES
        assert db.session.scalar(select(func.count(func.distinct(Resume.sha256)))) == FILES
        assert db.session.scalar(select(func.count()).select_from(Resume)) == FILES
        assert imports.progress(batch_id)["done"]
        db.session.remove()
        db.engine.dispose()
