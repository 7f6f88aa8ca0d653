"""The distributed set-up for real: PostgreSQL, Huey on Redis, two worker processes, one batch."""
import io
import os
import secrets
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from recruit import create_app
from recruit.extensions import db
from recruit.models import Candidate, ImportItem
from recruit.services import imports
from tests.conftest import make_config
from tests.files import livecareer_pdf

REDIS_URL = os.environ.get("RECRUIT_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
FILES = 16


def _redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        pytest.skip(f"Redis does not answer at {REDIS_URL} (set RECRUIT_TEST_REDIS_URL)")


@pytest.mark.slow
def test_two_workers_on_redis_and_postgresql(tmp_path, postgres_database):
    _redis_or_skip()
    name = f"recruit-test-{secrets.token_hex(4)}"  # its own queue on the shared Redis
    config = make_config(tmp_path, postgres_database, HUEY_IMMEDIATE=False, REDIS_URL=REDIS_URL, HUEY_NAME=name)
    app = create_app(config)
    with app.app_context():
        db.drop_all()
        db.create_all()
        batch = imports.start_batch([(f"cv{i}.pdf", io.BytesIO(livecareer_pdf("ACCOUNTANT", i).read_bytes()))
                                     for i in range(FILES)], actor_id=None)
        batch_id = batch.id
    env = {**os.environ, "RECRUIT_DATABASE_URL": postgres_database, "RECRUIT_REDIS_URL": REDIS_URL,
           "RECRUIT_INSTANCE_PATH": config["INSTANCE_PATH"], "RECRUIT_SECRET_KEY": "test-secret",
           "RECRUIT_HUEY_NAME": name}
    worker = subprocess.Popen([sys.executable, "-m", "recruit.cli", "worker", "-w", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            with app.app_context():
                if imports.progress(batch_id)["done"]:
                    break
            time.sleep(0.5)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    with app.app_context():
        counts = dict(db.session.execute(select(ImportItem.status, func.count()).group_by(ImportItem.status)).all())
        assert counts == {"done": FILES}
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == FILES
        db.session.remove()  # end this session's transaction, or dropping the tables waits on it
        db.drop_all()
        db.engine.dispose()
    app.extensions["huey"].flush()  # this test's queue on the shared Redis
