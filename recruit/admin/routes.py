"""Admin pages: invite users, change roles, deactivate, unlock, read the audit log and the bias audits, register
webhooks."""
from datetime import datetime, timezone

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.models import Role
from recruit.permissions import role_required
from recruit.responses import csv_download
from recruit.services import audit, bias_audit as ll144, scoring, users, webhooks
from recruit.services.errors import Conflict, InvalidInput
from recruit.services.reports import to_csv

from .forms import EditUserForm, InviteForm, SelfIdQuestionForm, WebhookForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
@role_required(Role.ADMIN)
def user_list():
    return render_template("admin/users.html", users=users.list_users())


@bp.route("/users/invite", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def invite():
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user, token = users.invite_user(form.email.data, form.name.data, form.role.data,
                                            actor_id=current_user.id)
        except Conflict as exc:
            form.email.errors.append(str(exc))
        else:
            link = url_for("auth.accept_invite", token=token, _external=True)
            return render_template("admin/invite_link.html", user=user, link=link)
    return render_template("admin/invite.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def edit_user(user_id: int):
    user = users.get_user(user_id)
    form = EditUserForm(obj=user if request.method == "GET" else None,
                        data={"active": user.is_active_account} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            users.update_user(user.id, role=form.role.data, active=form.active.data, name=form.name.data,
                              actor_id=current_user.id)
        except Conflict as exc:
            flash(str(exc), "error")
        else:
            flash(f"Saved {user.name}.", "success")
            return redirect(url_for("admin.user_list"))
    return render_template("admin/edit_user.html", form=form, user=user)


@bp.route("/users/<int:user_id>/unlock", methods=["POST"])
@role_required(Role.ADMIN)
def unlock(user_id: int):
    users.unlock_user(user_id, actor_id=current_user.id)
    flash("Account unlocked.", "success")
    return redirect(url_for("admin.edit_user", user_id=user_id))


@bp.route("/users/<int:user_id>/reinvite", methods=["POST"])
@role_required(Role.ADMIN)
def reinvite(user_id: int):
    try:
        token = users.reissue_invite(user_id, actor_id=current_user.id)
    except Conflict as exc:
        flash(str(exc), "error")
        return redirect(url_for("admin.edit_user", user_id=user_id))
    link = url_for("auth.accept_invite", token=token, _external=True)
    return render_template("admin/invite_link.html", user=users.get_user(user_id), link=link)


@bp.route("/audit")
@role_required(Role.ADMIN)
def audit_log():
    page = audit.audit_log(action=request.args.get("action", "").strip() or None,
                           page=request.args.get("page", 1, type=int))
    return render_template("admin/audit.html", page=page, describe=audit.describe_changes)


@bp.route("/bias")
@role_required(Role.ADMIN)
def bias_audit():
    return render_template("admin/bias.html", audit=scoring.bias_audit(), jobs=scoring.bias_by_job())


# ------------------------------------------------------------------ webhooks


@bp.route("/webhooks")
@role_required(Role.ADMIN)
def webhook_list():
    return render_template("admin/webhooks.html", endpoints=webhooks.endpoints(), event_types=webhooks.EVENT_TYPES)


@bp.route("/webhooks/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_webhook():
    form = WebhookForm()
    if form.validate_on_submit():
        try:
            endpoint = webhooks.save_endpoint(form.values(), actor_id=current_user.id)
        except InvalidInput as exc:
            getattr(form, exc.field or "url").errors.append(str(exc))
        else:
            flash("Endpoint registered. Copy its signing secret below into the receiving system.", "success")
            return redirect(url_for("admin.webhook", endpoint_id=endpoint.id, secret="shown"))
    return render_template("admin/webhook_form.html", form=form, endpoint=None)


@bp.route("/webhooks/<int:endpoint_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def webhook(endpoint_id: int):
    endpoint = webhooks.get_endpoint(endpoint_id)  # NotFound answers 404
    form = WebhookForm(obj=endpoint if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            webhooks.save_endpoint(form.values(), actor_id=current_user.id, endpoint_id=endpoint.id)
        except InvalidInput as exc:
            getattr(form, exc.field or "url").errors.append(str(exc))
        else:
            flash("Endpoint saved.", "success")
            return redirect(url_for("admin.webhook", endpoint_id=endpoint.id))
    return render_template("admin/webhook.html", form=form, endpoint=endpoint,
                           deliveries=webhooks.deliveries(endpoint.id), show_secret=request.args.get("secret"))


@bp.route("/webhooks/<int:endpoint_id>/ping", methods=["POST"])
@role_required(Role.ADMIN)
def webhook_ping(endpoint_id: int):
    event = webhooks.send_ping(endpoint_id, actor_id=current_user.id)
    flash(f"Test event {event.event_id} queued; its delivery shows below.", "success")
    return redirect(url_for("admin.webhook", endpoint_id=endpoint_id))


@bp.route("/webhooks/<int:endpoint_id>/secret", methods=["POST"])
@role_required(Role.ADMIN)
def webhook_secret(endpoint_id: int):
    webhooks.rotate_secret(endpoint_id, actor_id=current_user.id)
    flash("New signing secret made; the old one no longer verifies. Copy the new one below.", "success")
    return redirect(url_for("admin.webhook", endpoint_id=endpoint_id, secret="shown"))


@bp.route("/webhooks/<int:endpoint_id>/deliveries/<int:delivery_id>/redeliver", methods=["POST"])
@role_required(Role.ADMIN)
def redeliver(endpoint_id: int, delivery_id: int):
    webhooks.redeliver(delivery_id, actor_id=current_user.id, endpoint_id=endpoint_id)
    flash("Delivery queued again.", "success")
    return redirect(url_for("admin.webhook", endpoint_id=endpoint_id))


def _day(name: str):
    """A ``YYYY-MM-DD`` query argument as a UTC datetime, or None when blank or not a date."""
    try:
        return datetime.strptime(request.args.get(name, ""), "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


@bp.route("/ll144")
@role_required(Role.ADMIN)
def ll144_audit():
    """The Local Law 144 audit, overall or for a job, a client or a period; ``?format=csv`` downloads it."""
    result = ll144.audit(job_id=request.args.get("job_id", type=int), client_id=request.args.get("client_id", type=int),
                         since=_day("since"), until=_day("until"))
    if request.args.get("format") == "csv":
        return csv_download(to_csv(ll144.audit_table_rows(result), ll144.AUDIT_COLUMNS), "bias-audit.csv")
    return render_template("admin/ll144.html", audit=result, args=request.args)


@bp.route("/ll144/publish", methods=["POST"])
@role_required(Role.ADMIN)
def ll144_publish():
    """Publish the overall audit as it stands now on the public summary page."""
    ll144.publish(actor_id=current_user.id, since=_day("since"), until=_day("until"))
    flash("The audit summary is published.", "success")
    return redirect(url_for("public.bias_audit_summary"))


@bp.route("/self-id", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def self_id_questions():
    """The voluntary self-identification questions: the list, and a form to add one. A question about caste,
    religion or the like is refused with a warning until the admin ticks the confirmation."""
    form = SelfIdQuestionForm()
    warning = None
    if form.validate_on_submit():
        try:
            question = ll144.add_question(**form.values(), actor_id=current_user.id)
        except ll144.NeedsConfirmation as exc:
            warning = str(exc)
        except InvalidInput as exc:
            getattr(form, exc.field or "label", form.label).errors.append(str(exc))
        else:
            flash(f"Added the question \u201c{question.label}\u201d.", "success")
            return redirect(url_for("admin.self_id_questions"))
    return render_template("admin/self_id.html", form=form, warning=warning, choices=ll144.choices,
                           questions=ll144.questions(include_inactive=True))


@bp.route("/self-id/<int:question_id>/active", methods=["POST"])
@role_required(Role.ADMIN)
def self_id_active(question_id: int):
    """Ask a question again, or stop asking it (the answers already given stay for the audit). CSRF is
    checked for every POST by ``extensions.csrf``."""
    question = ll144.set_active(question_id, request.form.get("active") == "1", actor_id=current_user.id)
    flash(f"\u201c{question.label}\u201d is {'asked again' if question.active else 'no longer asked'}.", "success")
    return redirect(url_for("admin.self_id_questions"))
