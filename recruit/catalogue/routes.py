"""The firm's service lines and rate card (admins and executives keep them) and fee approvals (executive
consultants decide)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.models import APPROVAL_STATUSES, RATE_CARD_UNITS, Role
from recruit.permissions import EXECUTIVES, STAFF, role_required
from recruit.services import catalogue
from recruit.services.errors import Conflict, InvalidInput, PermissionDenied

from .forms import DecisionForm, RateForm, ServiceLineForm

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")
REFUSALS = (InvalidInput, Conflict, PermissionDenied)


@bp.route("/service-lines", methods=["GET", "POST"])
@role_required(*EXECUTIVES)
def service_lines():
    if request.method == "POST":
        form = ServiceLineForm()
        try:
            if not form.validate_on_submit():
                raise InvalidInput(form.first_error())
            catalogue.save_service_line(form.values(), actor_id=current_user.id)
            flash("Service line added.", "success")
        except REFUSALS as exc:
            flash(str(exc), "error")
        return redirect(url_for("catalogue.service_lines"))
    return render_template("catalogue/service_lines.html", lines=catalogue.service_lines(), units=RATE_CARD_UNITS)


@bp.route("/service-lines/<int:service_line_id>/rates", methods=["POST"])
@role_required(*EXECUTIVES)
def set_rate(service_line_id: int):
    form = RateForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        catalogue.set_rate(service_line_id, form.values(), actor_id=current_user.id)
        flash("Rate card saved.", "success")
    except REFUSALS as exc:
        flash(str(exc), "error")
    return redirect(url_for("catalogue.service_lines") + f"#line-{service_line_id}")


@bp.route("/approvals")
@role_required(*STAFF)
def approvals():
    status = request.args.get("status", "pending")
    return render_template("catalogue/approvals.html", approvals=catalogue.approvals(status=status or None),
                           status=status, statuses=APPROVAL_STATUSES, units=RATE_CARD_UNITS)


@bp.route("/approvals/<int:approval_id>", methods=["POST"])
@role_required(Role.EXECUTIVE)
def decide(approval_id: int):
    form = DecisionForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        values = form.values()
        approval = catalogue.decide_fee(approval_id, values["approve"], values["note"], actor_id=current_user.id)
        reopened = approval.job is not None and approval.job.status == "open" and approval.status == "approved"
        flash(f"Fee {approval.status}." + (" The job order it held is open again." if reopened else ""), "success")
    except REFUSALS as exc:
        flash(str(exc), "error")
    return redirect(url_for("catalogue.approvals"))
