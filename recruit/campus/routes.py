"""Campus drive pages for recruiters: plan an event, publish it, check students in, run the rounds."""
from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.errors import wants_json
from recruit.models import EVENT_STATUSES, ROUND_KINDS
from recruit.permissions import STAFF, role_required
from recruit.public.forms import StudentForm
from recruit.services import campus
from recruit.services import jobs as job_service
from recruit.services.errors import InvalidInput, NotFound
from recruit.services.interviews import common_zones, interviewers
from recruit.services.urls import public_url

from .forms import CheckInForm, EarlyForm, EventForm, EventStatusForm, ResultForm, RoundActionForm, RoundForm, SlotForm

bp = Blueprint("campus", __name__, url_prefix="/campus")


def _form_context(event=None):
    return {"event": event, "jobs": job_service.job_choices(), "people": interviewers(), "zones": common_zones()}


@bp.route("/")
@role_required(*STAFF)
def event_list():
    return render_template("campus/list.html", events=campus.events(), statuses=EVENT_STATUSES)


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def create():
    form = EventForm()
    if request.method == "POST":
        try:
            event = campus.create_event(form.check(), actor_id=current_user.id, **form.links())
        except InvalidInput as exc:
            flash(str(exc), "error")
            return render_template("campus/form.html", form=form.submitted, **_form_context()), 400
        flash("Event saved as a draft. Publish it to open the sign-up page.", "success")
        return redirect(url_for("campus.detail", event_id=event.id))
    return render_template("campus/form.html", form=None, **_form_context())


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(event_id: int):
    event = campus.get_event(event_id)
    form = EventForm()
    if request.method == "POST":
        try:
            campus.update_event(event.id, form.check(), actor_id=current_user.id, **form.links())
        except InvalidInput as exc:
            flash(str(exc), "error")
            return render_template("campus/form.html", form=form.submitted, **_form_context(event)), 400
        flash("Event saved.", "success")
        return redirect(url_for("campus.detail", event_id=event.id))
    return render_template("campus/form.html", form=None, **_form_context(event))


@bp.route("/<int:event_id>")
@role_required(*STAFF)
def detail(event_id: int):
    event = campus.get_event(event_id)
    status = request.args.get("show", "")
    return render_template("campus/detail.html", event=event, statuses=EVENT_STATUSES, when=campus.when_text(event),
                           registrations=campus.registrations(event.id, status=status or None,
                                                              q=request.args.get("q", "")),
                           checked_in=campus.checked_in_text,
                           show=status, funnel=campus.funnel(event.id), rules=campus.eligibility_rules(event),
                           public_link=public_url("public.event_signup", code=event.code), kinds=ROUND_KINDS,
                           counts=campus.counts(event.id))


@bp.route("/<int:event_id>/status", methods=["POST"])
@role_required(*STAFF)
def change_status(event_id: int):
    campus.set_status(event_id, **EventStatusForm().check(), actor_id=current_user.id)
    flash("Event status changed.", "success")
    return redirect(url_for("campus.detail", event_id=event_id))


@bp.route("/<int:event_id>/poster")
@role_required(*STAFF)
def poster(event_id: int):
    event = campus.get_event(event_id)
    link = public_url("public.event_signup", code=event.code)
    return render_template("campus/poster.html", event=event, link=link, qr=campus.qr_svg(link),
                           when=campus.when_text(event), rules=campus.eligibility_rules(event))


@bp.route("/<int:event_id>/checkin", methods=["GET", "POST"])
@role_required(*STAFF)
def checkin(event_id: int):
    event = campus.get_event(event_id)
    if request.method == "POST":
        form = CheckInForm()
        try:
            registration = campus.check_in(event.id, actor_id=current_user.id, **form.check())
        except (NotFound, InvalidInput) as exc:
            if wants_json():
                return jsonify(ok=False, message=str(exc)), 404 if isinstance(exc, NotFound) else 400
            flash(str(exc), "error")
        else:
            note = " (was on the waitlist)" if registration.status == "waitlisted" else ""
            message = f"{registration.name} checked in{note}."
            if wants_json():
                return jsonify(ok=True, message=message, id=registration.id)
            flash(message, "success")
        return redirect(url_for("campus.checkin", event_id=event.id, q=request.args.get("q", ""),
                                early=form.early.data or None))
    q = request.args.get("q", "")
    token = request.args.get("token", "")
    found = campus.registrations(event.id, q=q) if q else []
    counts = campus.counts(event.id)
    return render_template("campus/checkin.html", event=event, q=q, found=found[:30], token=token,
                           arrived=counts["attended"], expected=counts["confirmed"],
                           early_warning=campus.early_check_in(event), early=request.args.get("early") == "1",
                           checked_in=campus.checked_in_text)


@bp.route("/<int:event_id>/walk-in", methods=["POST"])
@role_required(*STAFF)
def walk_in(event_id: int):
    form, early = StudentForm(), EarlyForm()
    try:
        consent = form.check()["consent"]
        registration = campus.walk_in(event_id, form.student(), consent=consent, actor_id=current_user.id,
                                      resume=form.upload(), **early.values())
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        flash(f"{registration.name} registered as a walk-in and checked in.", "success")
    return redirect(url_for("campus.checkin", event_id=event_id, early=early.early.data or None))


@bp.route("/<int:event_id>/convert", methods=["POST"])
@role_required(*STAFF)
def convert(event_id: int):
    try:
        added = campus.convert_attendees(event_id, actor_id=current_user.id)
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        flash(f"{added} application{'s' if added != 1 else ''} added to the event's jobs (source: campus).", "success")
    return redirect(url_for("campus.detail", event_id=event_id))


@bp.route("/<int:event_id>/rounds", methods=["POST"])
@role_required(*STAFF)
def add_round(event_id: int):
    form = RoundForm()
    try:
        round_ = campus.add_round(event_id, **form.check(), actor_id=current_user.id)
    except InvalidInput as exc:
        flash(str(exc), "error")
        return redirect(url_for("campus.detail", event_id=event_id) + "#rounds")
    return redirect(url_for("campus.round_detail", event_id=event_id, round_id=round_.id))


@bp.route("/<int:event_id>/rounds/<int:round_id>", methods=["GET", "POST"])
@role_required(*STAFF)
def round_detail(event_id: int, round_id: int):
    round_ = campus.get_round(event_id, round_id)
    if request.method == "POST":
        try:
            action = RoundActionForm().check()["action"]
            if action == "slot":
                campus.add_slot(event_id, round_id, **SlotForm().check(), actor_id=current_user.id)
                flash("Slot added.", "success")
            elif action == "assign":
                n = campus.assign_slots(event_id, round_id, actor_id=current_user.id)
                flash(f"{n} student{'s' if n != 1 else ''} assigned to slots.", "success")
            elif action == "result":
                result = campus.record_result(event_id, round_id, **ResultForm().check(), actor_id=current_user.id)
                flash(f"{result.registration.name}: {'cleared' if result.passed else 'not cleared'}.", "success")
        except (InvalidInput, NotFound) as exc:
            flash(str(exc), "error")
        return redirect(url_for("campus.round_detail", event_id=event_id, round_id=round_id))
    return render_template("campus/round.html", event=round_.event, round=round_,
                           students=campus.candidates_for_round(round_), results=campus.round_results(round_),
                           kinds=ROUND_KINDS)


@bp.route("/reports")
@role_required(*STAFF)
def report():
    return render_template("campus/report.html", data=campus.report())
