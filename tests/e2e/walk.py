"""A browser walk of every page, as each role, on a laptop and a phone, over the demo data.

Every GET page that needs no id, and the main detail pages with ids from the demo data, is opened at
1366 px and 390 px wide as admin, recruiter, interviewer and a visitor who is not signed in. A page is
wrong when it answers 500, scrolls sideways (wider than the window), or logs an error in the console
(a CSP violation, a missing file, a script error). A screenshot of every page lands in the output folder.

    python -m tests.e2e.walk OUTDIR       # prints what is wrong; exit status 1 when something is

tests/e2e/test_walk.py runs the same walk as part of the suite (screenshots in test-artifacts/walk/).
"""
from __future__ import annotations

import re
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from werkzeug.serving import make_server

WIDTHS = {"laptop": {"width": 1366, "height": 800}, "phone": {"width": 390, "height": 844}}
PASSWORD = "correct horse battery"
PEOPLE = {"admin": ("admin@example.com", PASSWORD),
          "recruiter": ("asha.recruiter@example.com", "demo-password-2026"),
          "interviewer": ("dev.interviewer@example.com", "demo-password-2026")}
# Not opened: files, feeds and JSON answers (not pages, the JSON API's among them: its reference page is) and the
# health check; sign-in, reset and careers pages are the visitor's.
SKIP = {"static", "main.health", "main.favicon", "public.careers_feed_json", "public.careers_feed_xml",
        "reports.pipeline_csv", "candidates.suggest"}
PER_ROLE = {"/", "/interviews/mine"}  # pages whose content depends on who is signed in: a screenshot each
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@dataclass
class Demo:
    """The demo data's server: its address and the pages worth opening."""

    base_url: str
    app: object
    pages: list[tuple[str, str]] = field(default_factory=list)  # (name, path)
    public_pages: list[tuple[str, str]] = field(default_factory=list)


@contextmanager
def demo_server(folder: Path, candidates: int = 24):
    """The app on a fresh SQLite file with the demo data, served on a free local port."""
    from flask_migrate import upgrade

    from recruit import create_app
    from recruit.demo import load_demo
    from recruit.extensions import db
    from recruit.services import users
    from tests.conftest import make_config

    app = create_app(make_config(folder, f"sqlite:///{folder / 'walk.db'}", SERVER_NAME=None, TESTING=False))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["PUBLIC_URL"] = f"http://127.0.0.1:{server.server_port}"
    with app.app_context():
        upgrade()
        users.create_user("admin@example.com", "Asha Admin", "admin", PASSWORD)
        made = load_demo(candidates=candidates)
        demo = Demo(base_url=f"http://127.0.0.1:{server.server_port}", app=app)
        demo.pages, demo.public_pages = _pages(app, str(made.get("share link", "")), str(made.get("report link", "")))
        db.session.remove()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield demo
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _pages(app, share_link: str, report_link: str = "") -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Every GET route without arguments, then the detail pages, with ids from the demo data."""
    from recruit.extensions import db
    from recruit.models import (Application, CampusEvent, Candidate, DriveRound, EmailTemplate, ImportBatch,
                                InterviewAssignment, Job, OutboxMessage, ProfileCorrection, Registration, Resume,
                                RecommendationReport, Submittal, User)

    pages = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" in rule.methods and not rule.arguments and rule.endpoint not in SKIP and \
                not rule.rule.startswith(("/careers", "/auth/")) and \
                (not rule.rule.startswith("/api/") or rule.endpoint == "api.docs"):  # the API answers tokens, not pages
            pages.append((rule.endpoint, rule.rule))
    first = lambda stmt: db.session.scalars(stmt).first()  # noqa: E731
    client_job = first(select(Job).where(Job.client_id.is_not(None)).order_by(Job.id))
    own_job = first(select(Job).where(Job.public.is_(True)).order_by(Job.id))
    app_ = first(select(Application).where(Application.job_id == client_job.id, Application.score.is_not(None))
                 .order_by(Application.score.desc()))
    corrected = first(select(ProfileCorrection.candidate_id))
    candidate = db.session.get(Candidate, corrected or app_.candidate_id)
    past = first(select(CampusEvent).where(CampusEvent.status == "completed"))
    coming = first(select(CampusEvent).where(CampusEvent.status == "published"))
    submittal = first(select(Submittal))
    resume = first(select(Resume).where(Resume.candidate_id == candidate.id))
    # A client's job order and an in-house job differ on their overview; the other job pages are alike.
    job = client_job.id
    pages += [(f"job {job}", f"/jobs/{job}"), (f"job {own_job.id}", f"/jobs/{own_job.id}"),
              (f"ranking {job}", f"/jobs/{job}/ranking"), (f"board {job}", f"/jobs/{job}/board"),
              (f"job bias {job}", f"/jobs/{job}/bias"), (f"scoring {job}", f"/jobs/{job}/scoring"),
              (f"edit job {job}", f"/jobs/{job}/edit")]
    pages += [("application review", f"/jobs/{app_.job_id}/applications/{app_.id}"),
              ("schedule interview", f"/jobs/{app_.job_id}/applications/{app_.id}/interviews/new"),
              ("candidate", f"/candidates/{candidate.id}"), ("profile", f"/candidates/{candidate.id}/profile"),
              ("edit candidate", f"/candidates/{candidate.id}/edit"), ("email", f"/candidates/{candidate.id}/email"),
              ("review resume", f"/review/{resume.id}"),
              ("client", f"/clients/{client_job.client_id}"), ("edit client", f"/clients/{client_job.client_id}/edit"),
              ("match pool", f"/clients/orders/{client_job.id}/match"),
              ("submit", f"/clients/orders/{client_job.id}/submit"),
              ("submittal views", f"/clients/submittals/{submittal.id}/views"),
              ("user", f"/admin/users/{first(select(User.id).order_by(User.id))}"),
              ("email template", f"/admin/email-templates/{first(select(EmailTemplate.key))}"),
              ("outbox message", f"/admin/outbox/{first(select(OutboxMessage.id))}")]
    pages += [(f"event {past.id}", f"/campus/{past.id}"), (f"event {coming.id}", f"/campus/{coming.id}"),
              ("check-in", f"/campus/{coming.id}/checkin"), ("edit event", f"/campus/{coming.id}/edit"),
              ("poster", f"/campus/{coming.id}/poster")]
    assignment = first(select(InterviewAssignment).where(InterviewAssignment.interviewer.has(
        User.email == PEOPLE["interviewer"][0])).order_by(InterviewAssignment.id))
    if assignment is not None:
        pages.append(("feedback", f"/interviews/assignments/{assignment.id}"))
    for round_ in db.session.scalars(select(DriveRound).where(DriveRound.event_id == past.id)):
        pages.append((f"round {round_.id}", f"/campus/{past.id}/rounds/{round_.id}"))
    report = first(select(RecommendationReport.id))
    if report is not None:
        pages += [("recommendation report", f"/recommendations/{report}"),
                  ("report version", f"/recommendations/{report}/v1")]
    batch = first(select(ImportBatch.id))
    if batch is not None:
        pages.append(("import batch", f"/imports/{batch}"))
    registration = first(select(Registration).where(Registration.event_id == coming.id))
    public = [("sign in", "/auth/login"), ("reset", "/auth/reset"), ("careers", "/careers/"),
              ("careers job", f"/careers/{own_job.slug}"), ("event sign-up", f"/e/{coming.code}"),
              ("registration", f"/r/{registration.token}")]
    if share_link:
        public.append(("share link", "/s/" + share_link.rstrip("/").rsplit("/", 1)[-1]))
    if report_link:
        public.append(("report link", "/report/" + report_link.rstrip("/").rsplit("/", 1)[-1]))
    return pages, public


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _visit(page, url: str, name: str, shot: Path | None, errors: list[str]) -> tuple[list[str], bool]:
    """Open one page; what is wrong with it (empty when nothing), and whether it was this role's to see."""
    errors.clear()
    status = page.request.get(url, max_redirects=0).status  # asked first: a refused page needs no rendering
    if status in (403, 404):
        return [], False  # not this role's page (or no such record): nothing to look at
    response = page.goto(url, wait_until="load")
    status = response.status if response else 0
    problems = []
    if status >= 500:
        problems.append(f"{name} {url}: HTTP {status}")
    wide = page.evaluate(OVERFLOW)
    if wide > 0:
        problems.append(f"{name} {url}: {wide}px wider than the window")
    problems += [f"{name} {url}: console: {e}" for e in errors]
    if shot is not None:
        page.screenshot(path=str(shot), full_page=True)
    return problems, True


def walk(browser, demo: Demo, outdir: Path | None, *, roles=tuple(PEOPLE), widths=tuple(WIDTHS),
         every_shot: bool = True) -> list[str]:
    """Every page as each role at each width; returns what is wrong, and saves screenshots to ``outdir``
    (with ``every_shot=False`` one per page and width: the first role to open it, admin before recruiter,
    whose pages differ only by the Admin link)."""
    if outdir is not None:
        outdir.mkdir(parents=True, exist_ok=True)
    problems, shot_already = [], set()
    for width in widths:
        for role in (*roles, "visitor"):
            context = browser.new_context(base_url=demo.base_url, viewport=WIDTHS[width])
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            if role != "visitor":
                email, password = PEOPLE[role]
                page.goto("/auth/login")
                page.get_by_label("Email").fill(email)
                page.get_by_label("Password", exact=True).fill(password)
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_url(re.compile(r".*/$"))
            for name, path in (demo.pages if role != "visitor" else demo.public_pages):
                shot = outdir / f"{width}-{role}-{_slug(name)}.png" if outdir is not None else None
                if not every_shot and (width, path) in shot_already and path not in PER_ROLE:
                    shot = None
                found, seen = _visit(page, path, name, shot, errors)
                problems += [f"{role} at {WIDTHS[width]['width']}px: {p}" for p in found]
                if seen:
                    shot_already.add((width, path))
            context.close()
    return problems


def main(argv: list[str]) -> int:
    """``python -m tests.e2e.walk OUTDIR``: the walk with screenshots in OUTDIR."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS

    outdir = Path(argv[0] if argv else "test-artifacts/walk")
    with tempfile.TemporaryDirectory() as tmp, demo_server(Path(tmp)) as demo, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        problems = walk(browser, demo, outdir)
        browser.close()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s); screenshots in {outdir}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
