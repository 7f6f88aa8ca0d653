"""The dashboard every signed-in user lands on, and a health check for load balancers."""
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, render_template
from flask_login import current_user
from sqlalchemy import text

from recruit.extensions import db, limiter
from recruit.permissions import EVERYONE, STAFF, role_required
from recruit.services import briefs
from recruit.services import dashboard as dashboard_service

bp = Blueprint("main", __name__)


@bp.route("/")
@role_required(*EVERYONE)
def dashboard():
    from recruit.services import interviews, notes, reports

    staff = current_user.has_role(*STAFF)
    figures = dashboard_service.summary(owner_id=current_user.id) if staff else None
    return render_template("main/dashboard.html", figures=figures,
                           board=reports.open_jobs_by_stage() if staff else None,
                           assignments=[a for a in interviews.for_interviewer(current_user.id)
                                        if not a.submitted_at and not a.interview.cancelled_at][:10],
                           mentions=notes.dashboard_mentions(current_user),
                           follow_ups=briefs.follow_ups(current_user.id) if staff else [])


@bp.route("/favicon.ico")
@limiter.exempt
def favicon():
    """The icon browsers ask for at the root on pages that link none (files, error pages, the poster)."""
    # Read whole (1 KB) rather than streamed, so no file handle is left open when a client drops the answer.
    icon = (Path(current_app.static_folder) / "favicon.ico").read_bytes()
    return Response(icon, mimetype="image/vnd.microsoft.icon", headers={"Cache-Control": "public, max-age=86400"})


@bp.route("/healthz")
@limiter.exempt
def health():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
