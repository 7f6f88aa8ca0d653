"""The partner KPO firm directory: search, a page per firm, its standards and certificates, contacts and
past engagements."""
import io
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from recruit.forms import ContactForm
from recruit.models import COMMON_STANDARDS
from recruit.permissions import STAFF, role_required
from recruit.services import catalogue, jobs, partners
from recruit.services.errors import Conflict, InvalidInput
from recruit.services.resumes import read_upload

from .forms import EngagementForm, FirmForm, StandardForm

bp = Blueprint("partners", __name__, url_prefix="/partners")
REFUSALS = (InvalidInput, Conflict)


@bp.route("/")
@role_required(*STAFF)
def firm_list():
    line = request.args.get("service_line", type=int)
    return render_template("partners/list.html", firms=partners.firms(q=request.args.get("q", ""),
                                                                      service_line_id=line,
                                                                      standard=request.args.get("standard", "")),
                           lines=catalogue.service_lines(), standards=COMMON_STANDARDS, rating=partners.average_rating)


def _form_page(firm, status=200):
    return render_template("partners/form.html", firm=firm, form=request.form if request.method == "POST" else None,
                           lines=catalogue.service_lines()), status


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def create():
    if request.method == "POST":
        form = FirmForm()
        try:
            if not form.validate_on_submit():
                raise InvalidInput(form.first_error())
            firm = partners.save_firm(form.values(request.form.getlist("service_line_ids")), actor_id=current_user.id)
        except REFUSALS as exc:
            flash(str(exc), "error")
            return _form_page(None, 400)
        return redirect(url_for("partners.detail", firm_id=firm.id))
    return _form_page(None)


@bp.route("/<int:firm_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(firm_id: int):
    firm = partners.get_firm(firm_id)
    if request.method == "POST":
        form = FirmForm()
        try:
            if not form.validate_on_submit():
                raise InvalidInput(form.first_error())
            partners.save_firm(form.values(request.form.getlist("service_line_ids")), actor_id=current_user.id,
                               firm_id=firm.id)
        except REFUSALS as exc:
            flash(str(exc), "error")
            return _form_page(firm, 400)
        return redirect(url_for("partners.detail", firm_id=firm.id))
    return _form_page(firm)


@bp.route("/<int:firm_id>")
@role_required(*STAFF)
def detail(firm_id: int):
    firm = partners.get_firm(firm_id)
    return render_template("partners/detail.html", firm=firm, today=date.today(), standards=COMMON_STANDARDS,
                           rating=partners.average_rating(firm), clients=jobs.list_clients(),
                           lines=catalogue.service_lines())


@bp.route("/<int:firm_id>/standards", methods=["POST"])
@role_required(*STAFF)
def add_standard(firm_id: int):
    form = StandardForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        upload = read_upload(request.files.get("certificate"), limit=partners.CERTIFICATE_LIMIT, field="certificate")
        partners.add_standard(firm_id, form.values(), actor_id=current_user.id, certificate=upload)
        flash("Standard recorded." if upload else "Standard recorded, without a certificate: upload it to make the "
              "firm eligible for work that needs it.", "success" if upload else "warning")
    except REFUSALS as exc:
        flash(f"Certificate refused: {exc}" if getattr(exc, "field", None) == "certificate" else str(exc), "error")
    return redirect(url_for("partners.detail", firm_id=firm_id) + "#standards")


@bp.route("/<int:firm_id>/standards/<int:standard_id>/certificate")
@role_required(*STAFF)
def certificate(firm_id: int, standard_id: int):
    held = partners.get_standard(firm_id, standard_id)
    data = partners.certificate_data(held)
    return send_file(io.BytesIO(data), mimetype=held.certificate_mimetype, as_attachment=True,
                     download_name=held.certificate_filename)


@bp.route("/<int:firm_id>/contacts", methods=["POST"])
@role_required(*STAFF)
def add_contact(firm_id: int):
    form = ContactForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        partners.add_contact(firm_id, form.values(), actor_id=current_user.id)
    except REFUSALS as exc:
        flash(str(exc), "error")
    return redirect(url_for("partners.detail", firm_id=firm_id) + "#contacts")


@bp.route("/<int:firm_id>/engagements", methods=["POST"])
@role_required(*STAFF)
def add_engagement(firm_id: int):
    form = EngagementForm()
    try:
        if not form.validate_on_submit():
            raise InvalidInput(form.first_error())
        partners.add_engagement(firm_id, form.values(), actor_id=current_user.id)
    except REFUSALS as exc:
        flash(str(exc), "error")
    return redirect(url_for("partners.detail", firm_id=firm_id) + "#engagements")
