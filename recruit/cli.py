"""The ``recruit`` command: ``serve``, ``worker``, ``users``, ``resumes``, ``scores``, ``import``, ``search``,
``webhooks``, ``demo`` and Flask-Migrate's ``db``."""
from __future__ import annotations

import os
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext


def _create_app():
    from recruit import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False, load_dotenv=False)
def main():
    """recruit: applicant tracking for KPO recruiting."""


def register(app) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(serve_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(resumes_cli)
    app.cli.add_command(import_command)
    app.cli.add_command(search_cli)
    app.cli.add_command(scores_cli)
    app.cli.add_command(webhooks_cli)


@click.group("users")
def users_cli():
    """Manage staff accounts."""


@users_cli.command("create")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.option("--role", type=click.Choice(["admin", "recruiter", "interviewer", "executive"]), default="recruiter",
              show_default=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              envvar="RECRUIT_NEW_USER_PASSWORD")
@with_appcontext
def create_user_command(email, name, role, password):
    """Create a user who can sign in at once."""
    from recruit.services import users
    from recruit.services.errors import ServiceError

    try:
        user = users.create_user(email, name, role, password)
    except ServiceError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"Created {user.role} {user.email}.")


@users_cli.command("ensure-admin")
@click.option("--host", default="127.0.0.1", show_default=True, help="where `recruit serve` listens, for the message")
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def ensure_admin_command(host, port):
    """Create the first admin if there is none (RECRUIT_ADMIN_EMAIL / RECRUIT_ADMIN_PASSWORD, else generated)."""
    from recruit.services import users

    created = users.ensure_admin(os.environ.get("RECRUIT_ADMIN_EMAIL"), os.environ.get("RECRUIT_ADMIN_PASSWORD"))
    if created is None:
        click.echo("An admin account exists already.")
        return
    user, generated = created
    click.echo("=" * 64)
    click.echo(f"First admin account created. Sign in at {_sign_in_url(host, port)} with")
    click.echo(f"  email:    {user.email}")
    if generated:
        click.echo(f"  password: {generated}")
        click.echo("This password is shown only once: change it after signing in.")
    else:
        click.echo("  password: the one in RECRUIT_ADMIN_PASSWORD")
    click.echo("=" * 64)


def _sign_in_url(host: str, port: int) -> str:
    """The address a person types to reach `recruit serve --host HOST --port PORT` (0.0.0.0 means this machine)."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    return f"http://{shown}:{port}"


@users_cli.command("list")
@with_appcontext
def list_users_command():
    """List users with their roles."""
    from recruit.services import users

    for user in users.list_users():
        state = "active" if user.is_active_account else "inactive"
        click.echo(f"{user.id:>4}  {user.email:<40} {user.role:<12} {state}")


@click.command("demo")
@click.option("--candidates", default=60, show_default=True, help="How many demo candidates.")
@with_appcontext
def demo_command(candidates):
    """Load realistic demo data: clients, jobs and candidates with resumes."""
    from recruit.demo import load_demo

    counts = load_demo(candidates=candidates)
    link = counts.pop("share link", None)
    click.echo("Demo data loaded: " + ", ".join(f"{n} {what}" for what, n in counts.items()) + ".")
    if link:
        click.echo(f"A client's share link (shown once): {link}")


@click.command("worker")
@click.option("-w", "--workers", default=1, show_default=True, type=int, help="worker processes")
@with_appcontext
def worker_command(workers):
    """Run background workers (Huey consumer, processes) for parsing and other tasks."""
    import logging

    huey = current_app.extensions["huey"]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(levelname)s %(message)s")
    click.echo(f"recruit worker: {workers} process(es) on {type(huey.storage).__name__}")
    huey.create_consumer(workers=workers, worker_type="process", periodic=True).run()


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--job", "job_id", type=int, help="add every candidate to this job")
@click.option("--wait", is_flag=True, help="show a progress bar until the workers have finished")
@click.option("--here", is_flag=True, help="parse the files in this command's own process, no worker needed")
@click.option("--worker-grace", default=10, show_default=True, type=float, metavar="SECONDS",
              help="with --wait: how long to wait for a worker to take the first file before saying none runs")
@with_appcontext
def import_command(paths, job_id, wait, here, worker_grace):
    """Import resumes from files, folders and zips (parsed by the workers, or here with --here)."""
    from recruit.services import imports
    from recruit.services.errors import ServiceError

    try:
        batch = imports.start_batch(imports.open_paths(list(paths)), actor_id=None, job_id=job_id, source="cli",
                                    label=", ".join(paths))
    except ServiceError as exc:
        raise click.ClickException(str(exc))
    progress = imports.progress(batch.id)
    click.echo(f"Import #{batch.id}: {progress['total']} files queued.")
    if here:
        progress = _parse_here(batch.id)
    elif wait:
        progress = _wait_for_workers(batch.id, worker_grace)
    counts = progress["counts"]
    click.echo(f"Import #{batch.id}: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    for item in imports.failed_items(batch.id):
        click.echo(f"  failed  {item.filename}: {item.error}")
    if not progress["done"] and not wait:
        click.echo("The workers parse the files: `recruit serve` starts one, or run `recruit worker`.")


def _parse_here(batch_id: int) -> dict:
    """Parse a batch's queued files one by one in this process; a worker that picks one up later skips it."""
    from sqlalchemy import select
    from tqdm import tqdm

    from recruit.extensions import db
    from recruit.models import ImportItem
    from recruit.services import imports

    ids = list(db.session.scalars(select(ImportItem.id).where(ImportItem.batch_id == batch_id,
                                                               ImportItem.status == "queued")
                                  .order_by(ImportItem.id)))
    for item_id in tqdm(ids, unit="file"):
        imports.process_item(item_id)
    db.session.expire_all()
    return imports.progress(batch_id)


def _wait_for_workers(batch_id: int, grace: float) -> dict:
    """A progress bar until the batch is finished; when no worker has taken a file after ``grace`` seconds,
    say so and how to start one, and stop waiting (the files stay queued)."""
    import time

    from tqdm import tqdm

    from recruit.extensions import db
    from recruit.services import imports

    progress = imports.progress(batch_id)
    waiting_at_start, started = progress["counts"].get("queued", 0), time.monotonic()
    with tqdm(total=progress["total"], unit="file") as bar:
        while True:
            db.session.expire_all()
            progress = imports.progress(batch_id)
            bar.n = progress["finished"]
            bar.refresh()
            if progress["done"] or progress["cancelled"]:
                return progress
            untouched = progress["counts"].get("queued", 0) == waiting_at_start
            if untouched and time.monotonic() - started > grace:
                break
            time.sleep(min(1.0, max(grace / 4, 0.1)))
    raise click.ClickException(
        f"No worker has taken a file in {grace:g} s, so nothing is being parsed. The {waiting_at_start} "
        "file(s) stay queued and are parsed as soon as a worker runs: start one with `recruit worker` (or "
        f"`recruit serve`, which starts one), or import with --here to parse them in this command.")


@click.group("resumes")
def resumes_cli():
    """Resume parsing."""


@resumes_cli.command("reparse")
@click.option("--all", "everything", is_flag=True, help="every resume, not only those of an older parser")
@with_appcontext
def reparse_command(everything):
    """Queue resumes for parsing again (by default those parsed by another parser version)."""
    from recruit.services import parsing

    if everything:
        from sqlalchemy import select

        from recruit.extensions import db
        from recruit.models import Resume

        ids = list(db.session.scalars(select(Resume.id)))
        for resume_id in ids:
            parsing.queue_parse(resume_id)
        count = len(ids)
    else:
        count = parsing.reparse_outdated()
    click.echo(f"Queued {count} resume(s) for parsing.")


@click.group("scores")
def scores_cli():
    """Shortlisting scores."""


@scores_cli.command("recompute")
@click.option("--all", "everything", is_flag=True, help="every scored application, not only those of an older scorer")
@with_appcontext
def recompute_scores_command(everything):
    """Queue applications for scoring again (by default those scored by another scorer version)."""
    from recruit.services import scoring

    count = scoring.rescore_outdated(everything)
    click.echo(f"Queued {count} application(s) for scoring.")


@click.group("webhooks")
def webhooks_cli():
    """Webhook events and their delivery log."""


@webhooks_cli.command("purge")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="keep this many days (default RECRUIT_WEBHOOK_RETENTION_DAYS)")
@with_appcontext
def purge_webhooks_command(days):
    """Delete delivered and given-up deliveries older than the retention, and events left with none (the worker
    does this nightly); pending deliveries and their events are kept."""
    from recruit.services import webhooks

    deliveries, events = webhooks.purge_log(days)
    click.echo(f"Deleted {deliveries} delivery record(s) and {events} event(s) older than "
               f"{days or webhooks.retention_days()} days.")


@click.group("search")
def search_cli():
    """The candidate search index."""


@search_cli.command("reindex")
@click.option("--missing", is_flag=True, help="only candidates not in the index yet")
@click.option("--features", is_flag=True,
              help="only the scorer's stored features of candidates who have none by this scorer version (after an "
                   "upgrade; matching the talent pool reads them)")
@with_appcontext
def reindex_command(missing, features):
    """Rebuild the full-text search index (FTS5 on SQLite, tsvector on PostgreSQL) and the stored features."""
    from recruit.services import search, stored_features

    if features:
        click.echo(f"Stored the features of {stored_features.fill()} candidate(s).")
        return
    count = search.index_missing() if missing else search.reindex_all()
    click.echo(f"Indexed {count} candidate(s).")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int, help="background worker processes")
@click.option("--no-worker", is_flag=True, help="do not start background workers (run `recruit worker` elsewhere)")
@click.option("--processes", default=lambda: int(os.environ.get("RECRUIT_WEB_PROCESSES", "2")), show_default="2",
              type=int, help="web server processes (RECRUIT_WEB_PROCESSES); about one per core")
@with_appcontext
def serve_command(host, port, threads, workers, no_worker, processes):
    """Serve the application with gunicorn, and start its background worker."""
    import atexit
    import subprocess

    from gunicorn.app.base import BaseApplication

    app = current_app._get_current_object()
    if not no_worker:
        worker = subprocess.Popen([sys.executable, "-m", "recruit.cli", "worker", "-w", str(workers)])
        parent = os.getpid()
        # Web processes are forked from this one and inherit its exit hooks: only the parent stops the worker.
        atexit.register(lambda: worker.terminate() if os.getpid() == parent else None)

    def _post_fork(server, worker):
        # Each web process opens its own database connections, never the parent's.
        from recruit.extensions import db

        with app.app_context():
            db.engine.dispose(close=False)

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", max(1, processes))
            self.cfg.set("post_fork", _post_fork)
            self.cfg.set("threads", threads)
            self.cfg.set("accesslog", "-")
            self.cfg.set("timeout", 120)

        def load(self):
            return app

    click.echo(f"recruit is serving on {_sign_in_url(host, port)} (Ctrl-C to stop)")
    Server().run()
    sys.exit(0)


if __name__ == "__main__":
    main()
