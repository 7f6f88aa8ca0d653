"""Brief pages for consultants: a client's briefs and problems, quotes, a problem turned into a job order,
matching, and the client's contact log and account owner."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.models import BRIEF_STATUSES, RATE_CARD_UNITS
from recruit.permissions import STAFF, role_required
from recruit.services import briefs, catalogue
from recruit.services.errors import Conflict, InvalidInput, PermissionDenied

from .forms import BriefForm, ContactLogForm, OwnerForm, ProblemForm, QuoteForm

bp = Blueprint("briefs", __name__, url_prefix="/briefs")
REFUSALS = (InvalidInput, Conflict, PermissionDenied)


def _client_page(client_id: int, anchor: str) -> str:
    return url_for("clients.detail", client_id=client_id) + anchor


@bp.route("/clients/<int:client_id>/new", methods=["POST"])
@role_required(*STAFF)
def create(client_id: int):
    form = BriefForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        brief = briefs.save_brief(client_id, form.values(), actor_id=current_user.id)
    except REFUSALS as exc:
        flash(str(exc), "error")
        return redirect(_client_page(client_id, "#briefs"))
    return redirect(url_for("briefs.detail", brief_id=brief.id))


@bp.route("/<int:brief_id>")
@role_required(*STAFF)
def detail(brief_id: int):
    brief = briefs.get_brief(brief_id)
    return render_template("briefs/detail.html", brief=brief, statuses=BRIEF_STATUSES, units=RATE_CARD_UNITS,
                           lines=catalogue.service_lines(active_only=True),
                           fees={p.id: briefs.fee_standing(p) for p in brief.problems})


@bp.route("/<int:brief_id>/edit", methods=["POST"])
@role_required(*STAFF)
def edit(brief_id: int):
    brief = briefs.get_brief(brief_id)
    form = BriefForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        briefs.save_brief(brief.client_id, form.values(), actor_id=current_user.id, brief_id=brief.id)
        flash("Brief saved.", "success")
    except REFUSALS as exc:
        flash(str(exc), "error")
    return redirect(url_for("briefs.detail", brief_id=brief_id))


@bp.route("/<int:brief_id>/problems", methods=["POST"])
@role_required(*STAFF)
def add_problem(brief_id: int):
    brief = briefs.get_brief(brief_id)
    form = ProblemForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        briefs.save_problem(brief.id, form.values(), actor_id=current_user.id)
        flash("Problem added.", "success")
    except REFUSALS as exc:
        flash(str(exc), "error")
        return render_template("briefs/detail.html", brief=brief, statuses=BRIEF_STATUSES, units=RATE_CARD_UNITS,
                               lines=catalogue.service_lines(active_only=True), problem_form=request.form,
                               fees={p.id: briefs.fee_standing(p) for p in brief.problems}), 400
    return redirect(url_for("briefs.detail", brief_id=brief_id))


@bp.route("/problems/<int:problem_id>/quote", methods=["POST"])
@role_required(*STAFF)
def quote(problem_id: int):
    problem = briefs.get_problem(problem_id)
    form = QuoteForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        values = form.values()
        approval = briefs.quote(problem.id, values["amount"], values["unit"], values["reason"],
                                actor_id=current_user.id)
        if approval is None:
            flash("Fee quoted.", "success")
        elif approval.status == "approved":
            flash("Fee below the rate card's floor, approved by you as an executive consultant.", "success")
        else:
            flash("This fee is below the rate card's floor: it waits for an executive consultant's approval.",
                  "warning")
    except REFUSALS as exc:
        flash(str(exc), "error")
    return redirect(url_for("briefs.detail", brief_id=problem.brief_id) + f"#problem-{problem.id}")


@bp.route("/problems/<int:problem_id>/job-order", methods=["POST"])
@role_required(*STAFF)
def to_job(problem_id: int):
    problem = briefs.get_problem(problem_id)
    try:
        job = briefs.problem_to_job(problem.id, actor_id=current_user.id)
    except REFUSALS as exc:
        flash(str(exc), "error")
        return redirect(url_for("briefs.detail", brief_id=problem.brief_id) + f"#problem-{problem.id}")
    flash("Job order drafted from the problem: check it and open it.", "success")
    return redirect(url_for("jobs.detail", job_id=job.id))


@bp.route("/problems/<int:problem_id>/match")
@role_required(*STAFF)
def match(problem_id: int):
    problem = briefs.get_problem(problem_id)
    return render_template("briefs/match.html", problem=problem, match=briefs.match_problem(problem.id))


@bp.route("/clients/<int:client_id>/log", methods=["POST"])
@role_required(*STAFF)
def log_contact(client_id: int):
    form = ContactLogForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        briefs.log_contact(client_id, form.values(), actor_id=current_user.id)
        flash("Logged.", "success")
    except REFUSALS as exc:
        flash(str(exc), "error")
    return redirect(_client_page(client_id, "#log"))


@bp.route("/log/<int:entry_id>/done", methods=["POST"])
@role_required(*STAFF)
def follow_up_done(entry_id: int):
    try:
        entry = briefs.complete_follow_up(entry_id, actor_id=current_user.id)
    except REFUSALS as exc:
        flash(str(exc), "error")
        return redirect(url_for("main.dashboard"))
    flash("Next step done.", "success")
    return redirect(request.form.get("back") == "client" and _client_page(entry.client_id, "#log")
                    or url_for("main.dashboard"))


@bp.route("/clients/<int:client_id>/owner", methods=["POST"])
@role_required(*STAFF)
def set_owner(client_id: int):
    form = OwnerForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        catalogue.set_account_owner(client_id, form.values()["owner_id"], actor_id=current_user.id)
        flash("Account owner saved.", "success")
    except REFUSALS as exc:
        flash(str(exc), "error")
    return redirect(_client_page(client_id, "#owner"))
