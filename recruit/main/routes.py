"""The dashboard every signed-in user lands on, and a health check for load balancers."""
from flask import Blueprint, jsonify, render_template
from flask_login import current_user
from sqlalchemy import text

from recruit.extensions import db, limiter
from recruit.permissions import EVERYONE, STAFF, role_required
from recruit.services import dashboard as dashboard_service

bp = Blueprint("main", __name__)


@bp.route("/")
@role_required(*EVERYONE)
def dashboard():
    figures = dashboard_service.summary(owner_id=current_user.id) if current_user.has_role(*STAFF) else None
    return render_template("main/dashboard.html", figures=figures)


@bp.route("/healthz")
@limiter.exempt
def health():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
