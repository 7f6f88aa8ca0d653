"""Pages anyone can open: careers, campus sign-up, registration and privacy links. No login; every
form has a CSRF token, a honeypot field and a per-address rate limit; uploads are checked by content;
no page says whether an email address is already known."""
import io
import json

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request, send_file,
                   url_for)
from flask_login import current_user

from recruit.extensions import limiter
from recruit.services import bias_audit, campus, privacy, recommendations, report_documents
from recruit.services import careers as careers_service
from recruit.services.errors import InvalidInput, NotFound

from .forms import CareersForm, ConsentForm, DecisionForm, PrivacyForm, ReportDecisionForm, StudentForm

bp = Blueprint("public", __name__)


def _form_limit() -> str:
    return current_app.config["PUBLIC_FORM_LIMIT"]


# ------------------------------------------------------------------ careers

@bp.route("/careers/")
def careers():
    return render_template("public/careers.html", jobs=careers_service.public_jobs())


@bp.route("/careers/<slug>", methods=["GET", "POST"])
@limiter.limit(_form_limit, methods=["POST"])
def careers_job(slug: str):
    job = careers_service.public_job(slug)
    if request.method == "POST":
        form = CareersForm(experienced=careers_service.asks_experience(job))
        if form.bot():
            return redirect(url_for("public.careers_done", slug=job.slug))
        try:
            careers_service.apply(job, **form.check(), resume=form.upload(), **_voluntary(form))
        except InvalidInput as exc:
            return _careers_form(job, error=str(exc), form=form.submitted), 400
        return redirect(url_for("public.careers_done", slug=job.slug))
    return _careers_form(job, error=None, form={})


def _careers_form(job, *, error: str | None, form):
    """The apply form: experienced jobs ask about the current job, fresher ones the campus questions."""
    return render_template("public/careers_job.html", job=job, posting=careers_service.job_posting(job), error=error,
                           form=form, experienced=careers_service.asks_experience(job),
                           notice_periods=careers_service.NOTICE_PERIODS, **_self_id_context())


def _self_id_context() -> dict:
    """What the careers and campus forms need to ask the admin's self-identification questions."""
    return {"self_id_questions": bias_audit.questions(), "self_id_choices": bias_audit.choices}


def _voluntary(form) -> dict:
    """The posted answers to the self-identification questions and the request for a person."""
    return {"self_id": form.self_id(bias_audit.questions()), "human_review": bool(form.human_review.data)}


@bp.route("/careers/<slug>/thanks")
def careers_done(slug: str):
    job = careers_service.public_job(slug)
    return render_template("public/careers_done.html", job=job)


@bp.route("/careers/jobs.json")
def careers_feed_json():
    return Response(json.dumps(careers_service.feed_json(), ensure_ascii=False, indent=1), mimetype="application/json")


@bp.route("/careers/jobs.xml")
def careers_feed_xml():
    return Response(careers_service.feed_xml(), mimetype="application/xml")


# ------------------------------------------------------------------ campus sign-up

@bp.route("/e/<code>", methods=["GET", "POST"])
@limiter.limit(_form_limit, methods=["POST"])
def event_signup(code: str):
    event = campus.public_event(code)
    open_now, message = campus.signup_state(event)
    if request.method == "POST":
        form = StudentForm()
        if form.bot():
            return redirect(url_for("public.event_done", code=event.code))
        try:
            campus.register(event, **form.check(), resume=form.upload(), **_voluntary(form))  # refusals as the service's
        except InvalidInput as exc:
            return render_template("public/event.html", event=event, open_now=open_now, closed_message=message,
                                   rules=campus.eligibility_rules(event), error=str(exc), form=form.submitted,
                                   when=campus.when_text(event), **_self_id_context()), 400
        return redirect(url_for("public.event_done", code=event.code))
    return render_template("public/event.html", event=event, open_now=open_now, closed_message=message,
                           rules=campus.eligibility_rules(event), error=None, form={},
                           when=campus.when_text(event), **_self_id_context())


@bp.route("/e/<code>/thanks")
def event_done(code: str):
    event = campus.public_event(code)
    return render_template("public/event_done.html", event=event)


@bp.route("/r/<token>")
def registration(token: str):
    try:
        found = campus.by_token(token)
    except NotFound:
        abort(404)
    staff = current_user.is_authenticated and current_user.has_role("admin", "recruiter", "executive")
    return render_template("public/registration.html", registration=found, event=found.event,
                           position=campus.waitlist_position(found), when=campus.when_text(found.event),
                           qr=campus.qr_svg(campus.registration_url(found)), staff=staff)


@bp.route("/r/<token>/cancel", methods=["POST"])
@limiter.limit(_form_limit)
def cancel_registration(token: str):
    try:
        campus.cancel(token)
    except NotFound:
        abort(404)
    flash("Your registration is cancelled. Thank you for letting someone else have the place.", "success")
    return redirect(url_for("public.registration", token=token))


# ------------------------------------------------------------------ privacy

@bp.route("/privacy/<token>", methods=["GET", "POST"], endpoint="privacy")
@limiter.limit(_form_limit, methods=["POST"])
def privacy_page(token: str):
    candidate = privacy.candidate_for(token)
    if request.method == "POST" and candidate is not None:
        form = PrivacyForm()
        if not form.validate_on_submit():
            flash(form.first_error(), "error")
        elif form.action.data == "copy":
            privacy.send_copy(candidate)
            return render_template("public/privacy.html", candidate=None, done="copy")
        elif form.action.data == "erase":
            privacy.erase(candidate.id, actor_id=None, reason="the candidate asked")
            return render_template("public/privacy.html", candidate=None, done="erase")
    return render_template("public/privacy.html", candidate=candidate, done=None)


@bp.route("/privacy/<token>/explanation", methods=["GET", "POST"])
@limiter.limit(_form_limit, methods=["POST"])
def explanation(token: str):
    """What the automated score looked at for this candidate, and a way to ask for a person instead."""
    candidate = privacy.candidate_for(token)
    if candidate is None:
        return render_template("public/explanation.html", candidate=None, rows=[]), 404
    if request.method == "POST":
        if PrivacyForm().validate_on_submit():
            bias_audit.request_human_review_for(candidate.id)
            flash("A person will assess your applications; the automated tool no longer ranks them.", "success")
        return redirect(url_for("public.explanation", token=token))
    return render_template("public/explanation.html", candidate=candidate, rows=bias_audit.explanation(candidate.id))


@bp.route("/bias-audit")
def bias_audit_summary():
    """The bias audit summary the firm chose to publish; nothing until it does."""
    publication = bias_audit.published()
    if publication is None:
        raise NotFound("No audit summary is published yet.")
    return render_template("public/bias_audit.html", s=publication.summary)


@bp.route("/bias-audit.pdf")
def bias_audit_pdf():
    """The published summary as a PDF the firm can file or hand to a regulator."""
    publication = bias_audit.published()
    if publication is None:
        raise NotFound("No audit summary is published yet.")
    return Response(bias_audit.summary_pdf(publication.summary), mimetype="application/pdf",
                    headers={"Content-Disposition": 'inline; filename="bias-audit-summary.pdf"'})


# ------------------------------------------------------------------ clients: share links and consent

@bp.route("/s/<token>", methods=["GET", "POST"])
@limiter.limit(_form_limit, methods=["POST"])
def shared(token: str):
    """A submittal as the client sees it: only what the consultant chose, while the link is live."""
    from recruit.services import clients

    submittal = clients.shared(token)
    if submittal is None:
        return render_template("public/shared_gone.html"), 404
    if request.method == "POST":
        try:
            clients.decide(token, **DecisionForm().values())
        except (InvalidInput, NotFound) as exc:
            flash(str(exc), "error")
        else:
            flash("Thank you: your answer is with us.", "success")
        return redirect(url_for("public.shared", token=token))
    clients.log_view(submittal)
    from recruit.services.sharing import client_card

    return render_template("public/shared.html", submittal=submittal, token=token,
                           cards=[client_card(i, submittal) for i in submittal.items])


@bp.route("/consent/<token>", methods=["GET", "POST"])
@limiter.limit(_form_limit, methods=["POST"])
def representation(token: str):
    from recruit.services import clients

    row = clients.consent_by_token(token)
    if row is None:
        return render_template("public/consent.html", row=None, done=None), 404
    if request.method == "POST":
        row = clients.answer_consent(token, **ConsentForm().values())
        return render_template("public/consent.html", row=row, done=row.status)
    return render_template("public/consent.html", row=row, done=None)


# ------------------------------------------------------------------ clients: recommendation reports

@bp.route("/report/<token>", methods=["GET", "POST"])
@limiter.limit(_form_limit, methods=["POST"])
def report(token: str):
    """An issued recommendation report as the client reads it, with accept or decline on each recommendation.
    The link is the only key: it opens this one version while it is live, and every view is audited."""
    row = recommendations.shared(token)
    if row is None:
        return render_template("public/shared_gone.html"), 404
    if request.method == "POST":
        try:
            recommendations.decide(token, **ReportDecisionForm().values())
        except (InvalidInput, NotFound) as exc:
            flash(str(exc), "error")
        else:
            flash("Thank you: your answer is with us.", "success")
        return redirect(url_for("public.report", token=token))
    recommendations.log_view(row)
    return render_template("public/report.html", row=row, version=row.version, c=row.version.content, token=token,
                           met=report_documents.MET, sections=report_documents.SECTIONS,
                           decisions=recommendations.decisions(row.version))


@bp.route("/report/<token>/report.<any(pdf, docx):kind>")
def report_file(token: str, kind: str):
    """The same version as PDF or Word, for the client to keep."""
    row = recommendations.shared(token)
    if row is None:
        return render_template("public/shared_gone.html"), 404
    recommendations.log_view(row, what=kind)
    data = report_documents.pdf(row.version) if kind == "pdf" else report_documents.docx(row.version)
    return send_file(io.BytesIO(data), mimetype="application/pdf" if kind == "pdf" else report_documents.DOCX_MIME,
                     as_attachment=True, download_name=f"{report_documents.filename(row.version)}.{kind}")
