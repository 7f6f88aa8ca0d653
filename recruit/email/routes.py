"""The outbox and email templates (admins), and writing to one candidate (recruiters)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.models import OUTBOX_STATUSES, Role
from recruit.permissions import STAFF, role_required, safe_next
from recruit.services import blind
from recruit.services import candidates as candidate_service
from recruit.services import email
from recruit.services.errors import InvalidInput

bp = Blueprint("email", __name__)


@bp.route("/admin/outbox")
@role_required(Role.ADMIN)
def outbox():
    status = request.args.get("status") if request.args.get("status") in OUTBOX_STATUSES else None
    return render_template("email/outbox.html", page=email.outbox(status=status, page=request.args.get("page", 1, type=int)),
                           status=status, statuses=OUTBOX_STATUSES, smtp=email.smtp_configured())


@bp.route("/admin/outbox/<int:message_id>")
@role_required(Role.ADMIN)
def message(message_id: int):
    return render_template("email/message.html", message=email.get_message(message_id))


@bp.route("/admin/email-templates")
@role_required(Role.ADMIN)
def template_list():
    return render_template("email/templates.html", templates=email.templates())


@bp.route("/admin/email-templates/<key>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_template(key: str):
    template = email.get_template(key)
    if request.method == "POST":
        try:
            email.update_template(key, name=request.form.get("name", ""), subject=request.form.get("subject", ""),
                                  body=request.form.get("body", ""), actor_id=current_user.id)
        except InvalidInput as exc:
            flash(str(exc), "error")
            return render_template("email/template_form.html", template=template, form=request.form,
                                   placeholders=email.PLACEHOLDERS), 400
        flash("Template saved.", "success")
        return redirect(url_for("email.template_list"))
    return render_template("email/template_form.html", template=template, form=None, placeholders=email.PLACEHOLDERS)


@bp.route("/candidates/<int:candidate_id>/email", methods=["GET", "POST"])
@role_required(*STAFF)
def compose(candidate_id: int):
    candidate = candidate_service.get_candidate(candidate_id)
    application_id = request.values.get("application_id", type=int)
    chosen = request.args.get("template")
    template = email.get_template(chosen) if chosen else None
    if request.method == "POST":
        try:
            email.send_one(candidate.id, subject=request.form.get("subject", ""), body=request.form.get("body", ""),
                           actor_id=current_user.id, sender_name=current_user.name, application_id=application_id,
                           template_key=request.form.get("template_key") or None)
        except InvalidInput as exc:
            flash(str(exc), "error")
        else:
            seen = blind.identity(current_user, candidate)
            flash(f"Email to {seen.name if seen.hidden else candidate.email} queued.", "success")
            return redirect(safe_next(request.form.get("next"), url_for("candidates.detail", candidate_id=candidate.id)))
    return render_template("email/compose.html", candidate=candidate, template=template, templates=email.templates(),
                           application_id=application_id, placeholders=email.PLACEHOLDERS,
                           applications=candidate.applications)
