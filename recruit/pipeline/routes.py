"""The pipeline board of a job (drag and drop, keyboard, bulk moves) and the stages admins configure."""
from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.errors import wants_json
from recruit.models import Role
from recruit.permissions import STAFF, role_required, safe_next
from recruit.services import jobs, pipeline
from recruit.services.errors import InvalidInput

bp = Blueprint("pipeline", __name__)


@bp.route("/jobs/<int:job_id>/board")
@role_required(*STAFF)
def board(job_id: int):
    from recruit.services import email

    job = jobs.get_job(job_id)
    data = pipeline.board(job, current_user, expand=request.args.get("stage"))
    return render_template("pipeline/board.html", job=job, board=data, stages=pipeline.stages(),
                           templates=email.templates())


@bp.route("/jobs/<int:job_id>/board/move", methods=["POST"])
@role_required(*STAFF)
def move(job_id: int):
    ids = request.form.getlist("application_id", type=int)
    to_stage, reason = request.form.get("to_stage", ""), request.form.get("reason")
    back = safe_next(request.form.get("next"), url_for("pipeline.board", job_id=job_id))
    if not ids:
        message = "Choose at least one candidate to move."
        if wants_json():
            return jsonify(error=message), 400
        flash(message, "error")
        return redirect(back)
    result = pipeline.move(ids, to_stage, actor_id=current_user.id, reason=reason, job_id=job_id)
    stage = pipeline.get_stage(to_stage)
    if wants_json():
        return jsonify(moved=result.moved, skipped=[{"id": i, "why": why} for i, why in result.skipped],
                       stage=stage.key, label=stage.label)
    if result.moved:
        flash(f"Moved {len(result.moved)} to {stage.label}.", "success")
    for _, why in dict(result.skipped).items():
        flash(f"Not moved: {why}.", "error")
    return redirect(back)


# ------------------------------------------------------------------ admin: stages

@bp.route("/admin/stages", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def stages():
    if request.method == "POST":
        action, key = request.form.get("action"), request.form.get("key", "")
        try:
            if action == "add":
                stage = pipeline.add_stage(request.form.get("label", ""), actor_id=current_user.id,
                                           after=request.form.get("after") or None)
                flash(f"Stage {stage.label} added.", "success")
            elif action == "rename":
                pipeline.update_stage(key, label=request.form.get("label", ""), actor_id=current_user.id)
                flash("Stage renamed.", "success")
            elif action in ("up", "down"):
                pipeline.update_stage(key, direction=action, actor_id=current_user.id)
            elif action in ("retire", "restore"):
                pipeline.update_stage(key, active=action == "restore", actor_id=current_user.id)
                flash("Stage retired: it no longer shows on boards unless candidates are in it."
                      if action == "retire" else "Stage restored.", "success")
            else:
                flash("Unknown action.", "error")
        except InvalidInput as exc:
            flash(str(exc), "error")
        return redirect(url_for("pipeline.stages"))
    return render_template("pipeline/stages.html", stages=pipeline.stages(include_retired=True),
                           usage=pipeline.usage())


@bp.route("/jobs/<int:job_id>/board/email", methods=["POST"])
@role_required(*STAFF)
def email(job_id: int):
    from recruit.services import email as email_service

    ids = request.form.getlist("application_id", type=int)
    back = safe_next(request.form.get("next"), url_for("pipeline.board", job_id=job_id))
    if not ids:
        flash("Choose at least one candidate to email.", "error")
        return redirect(back)
    queued, problems = email_service.send_template(request.form.get("template", ""), ids, actor_id=current_user.id,
                                                   sender_name=current_user.name, job_id=job_id)
    if queued:
        flash(f"{queued} email{'s' if queued != 1 else ''} queued; they show in the outbox and on each timeline.",
              "success")
    for problem in problems:
        flash(f"Not sent: {problem}.", "error")
    return redirect(back)
