"""Candidate pages for recruiters and admins."""
from flask import (Blueprint, current_app, flash, jsonify, redirect, render_template, request, session,
                   url_for)
from flask_login import current_user
from markupsafe import Markup, escape

from recruit.forms import CorrectionsForm
from recruit.models import SOURCES
from recruit.permissions import STAFF, role_required, safe_next
from recruit.responses import send_resume
from recruit.services import audit, blind
from recruit.services import candidates as service
from recruit.services import jobs as job_service
from recruit.services import notes, parsing, pipeline, resumes, search
from recruit.services.errors import Conflict, InvalidInput

from .forms import (AddToJobForm, AddToListForm, ArchiveForm, CandidateForm, DecisionForm, ListForm, NewCandidateForm,
                    NextForm, NoteForm, ResumeForm, SavedSearchForm, TagsForm)

bp = Blueprint("candidates", __name__, url_prefix="/candidates")
HELD = "held_resumes"  # session: SHA-256 -> file name of the resumes this user's failed forms hold


def _uploaded(field) -> tuple[bytes, str] | None:
    """The bytes and name of the file in a form's upload field, or None when nothing was chosen."""
    return resumes.read_upload(field.data)


def _duplicate_message(exc: Conflict) -> Markup:
    link = url_for("candidates.detail", candidate_id=exc.existing_id)
    return Markup(f'{escape(str(exc))} <a href="{link}">Open the existing candidate</a>.')


@bp.route("/")
@role_required(*STAFF)
def candidate_list():
    from recruit.models import EDUCATION_LEVELS
    from recruit.services import notes, pipeline, search

    query = search.query_from_args(request.args)
    page = search.search(query, page=request.args.get("page", 1, type=int), per_page=current_app.config["PER_PAGE"])
    blind.prefetch(current_user, [c.id for c in page.items], job_id=query.job_id)
    found = blind.found_by_identity(current_user, page.items, words=query.q, location=query.location)
    page.items = [c for c in page.items if c.id not in found]
    return render_template("candidates/list.html", page=page, query=query, sorts=search.SORTS, sources=SOURCES,
                           best_scores=search.best_scores([c.id for c in page.items], query.job_id),
                           jobs=job_service.job_choices(), stages=pipeline.stages(), degrees=EDUCATION_LEVELS,
                           tags=notes.tag_names(), saved=search.saved_searches(current_user.id), lists=notes.lists())


@bp.route("/suggest")
@role_required(*STAFF)
def suggest():
    """What the search box offers as the recruiter types: skills, job titles and the names they may see."""
    return jsonify(search.suggest(current_user, request.args.get("q", "")[:100]))


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def create():
    form = NewCandidateForm()
    form.job_id.choices = {0: "— none —", **{j.id: j.title for j in job_service.job_choices()}}
    if request.method == "GET" and request.args.get("job", type=int):
        form.job_id.data = request.args.get("job", type=int)
    held_name, upload, file_error = None, None, None
    if request.method == "POST":
        held, token = session.get(HELD, {}), form.held_resume.data or ""
        try:  # a newly chosen file wins over the one held from the last try (only one this session holds)
            upload = _uploaded(form.resume) or (resumes.held_upload(token, held[token]) if token in held else None)
            if upload is None and token in held:
                raise InvalidInput(f"{held[token]} is no longer kept; choose it again.")
        except InvalidInput as exc:
            file_error = str(exc)
    if form.validate_on_submit() and not file_error:
        try:
            if upload is None and not (form.name.data or "").strip():
                raise InvalidInput("Give the candidate's name, or attach a resume to read it from.", field="name")
            candidate = service.create_candidate(form.values(), actor_id=current_user.id, source=form.source.data,
                                                 resume=upload, job_id=form.job_id.data or None)
        except Conflict as exc:
            form.email.errors.append(_duplicate_message(exc))
        except InvalidInput as exc:
            getattr(form, exc.field or "name").errors.append(str(exc))
        else:
            session[HELD] = {k: v for k, v in session.get(HELD, {}).items() if k != form.held_resume.data}
            flash(f"{candidate.name} added." + (" The name is the file's until the resume is parsed."
                                                if candidate.name_from_resume else ""), "success")
            return redirect(url_for("candidates.detail", candidate_id=candidate.id))
    if file_error:
        form.resume.errors = [file_error]
    elif upload is not None and not form.resume.errors:
        held_name = _hold(form, upload)
    return render_template("candidates/form.html", form=form, candidate=None, held_name=held_name)


def _hold(form, upload: tuple[bytes, str]) -> str | None:
    """Keep the resume of a form that failed for the retry; its name for the page, None if it is no resume."""
    try:
        sha256, name = resumes.hold_upload(*upload)
    except InvalidInput as exc:
        form.resume.errors.append(str(exc))
        form.held_resume.data = ""
        return None
    held = {k: v for k, v in session.get(HELD, {}).items() if k != sha256}
    session[HELD] = dict(list(held.items())[-4:] + [(sha256, name)])  # this session's, the last five
    form.held_resume.data = sha256
    return name


@bp.route("/<int:candidate_id>")
@role_required(*STAFF)
def detail(candidate_id: int):
    candidate = service.get_candidate(candidate_id)
    add_form = AddToJobForm()
    taken = {a.job_id for a in candidate.applications}
    add_form.job_id.choices = {j.id: j.title for j in job_service.job_choices() if j.id not in taken}
    notes.mark_mentions_seen(current_user.id, candidate.id)
    from recruit.services import interviews

    return render_template("candidates/detail.html", candidate=candidate, resume_form=ResumeForm(),
                           add_form=add_form, timeline=audit.timeline(candidate.id),
                           stage_labels=pipeline.labels(), lists=notes.lists(), member_of=notes.lists_of(candidate.id),
                           interviews=interviews.for_candidate(candidate.id),
                           kind=request.args.get("kind", ""))


@bp.route("/<int:candidate_id>/edit", methods=["GET", "POST"])
@role_required(*STAFF)
def edit(candidate_id: int):
    candidate = service.get_candidate(candidate_id)
    if blind.is_hidden(current_user, candidate.id):
        from recruit.errors import error_response

        return error_response(403, "Blind review hides this applicant's name and contact details from you, so an "
                                   "admin edits them.")
    form = CandidateForm(obj=candidate if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            service.update_candidate(candidate.id, form.values(), actor_id=current_user.id)
        except Conflict as exc:
            form.email.errors.append(_duplicate_message(exc))
        except InvalidInput as exc:
            getattr(form, exc.field or "name").errors.append(str(exc))
        else:
            flash("Candidate saved.", "success")
            return redirect(url_for("candidates.detail", candidate_id=candidate.id))
    return render_template("candidates/form.html", form=form, candidate=candidate)


@bp.route("/<int:candidate_id>/resumes", methods=["POST"])
@role_required(*STAFF)
def upload_resume(candidate_id: int):
    service.get_candidate(candidate_id)
    form = ResumeForm()
    try:
        upload = _uploaded(form.resume) if form.validate_on_submit() else None
        if upload is None:
            raise InvalidInput("Choose a file to upload.")
        resume = service.add_resume(candidate_id, *upload, actor_id=current_user.id)
    except (InvalidInput, Conflict) as exc:
        flash(f"Resume not uploaded: {exc}", "error")
    else:
        flash(f"Resume {resume.filename} uploaded.", "success")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id))


@bp.route("/<int:candidate_id>/resumes/<int:resume_id>")
@role_required(*STAFF)
def download_resume(candidate_id: int, resume_id: int):
    resume = resumes.get_resume(resume_id, candidate_id=candidate_id)
    return send_resume(blind.resume_for(current_user, resume.candidate, resume),
                       inline=request.args.get("inline") == "1", etag=resume.sha256)


@bp.route("/<int:candidate_id>/applications", methods=["POST"])
@role_required(*STAFF)
def add_to_job(candidate_id: int):
    form = AddToJobForm()
    form.job_id.choices = {j.id: j.title for j in job_service.job_choices()}
    if form.validate_on_submit():
        try:
            application = service.add_to_job(candidate_id, form.job_id.data, actor_id=current_user.id)
        except (Conflict, InvalidInput) as exc:
            flash(str(exc), "error")
        else:
            flash(f"Added to {application.job.title}.", "success")
    else:
        flash("Choose a job.", "error")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id))


@bp.route("/<int:candidate_id>/archive", methods=["POST"])
@role_required(*STAFF)
def archive(candidate_id: int):
    archived = ArchiveForm().check()["archived"]
    service.set_archived(candidate_id, archived, actor_id=current_user.id)
    flash("Candidate archived." if archived else "Candidate restored.", "success")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id))


@bp.route("/<int:candidate_id>/profile", methods=["GET", "POST"])
@role_required(*STAFF)
def profile(candidate_id: int):
    candidate = service.get_candidate(candidate_id)
    seen = blind.identity(current_user, candidate)
    if request.method == "POST" and seen.hidden:
        flash("Not saved: under blind review an admin corrects this profile (its name and contact details are "
              "hidden from you).", "error")
    elif request.method == "POST":
        try:
            changed = parsing.correct_profile(candidate.id, CorrectionsForm().check()["changes"],
                                              actor_id=current_user.id)
        except InvalidInput as exc:
            flash(f"Not saved: {exc}", "error")
        else:
            flash(f"Saved {len(changed)} correction{'s' if len(changed) != 1 else ''}." if changed
                  else "Nothing changed.", "success" if changed else "info")
            return redirect(url_for("candidates.profile", candidate_id=candidate.id))
    resume = parsing.latest_parsed_resume(candidate.id)
    found = parsing.profile_for(candidate.id, resume)
    segments = []
    found, text = blind.profile_as_seen(seen, found, (resume.extracted_text or "") if resume else "")
    if resume is not None and found is not None:
        segments = parsing.evidence_segments(text, found.get("evidence", {}), skip=set(found.get("corrected", [])))
    return render_template("candidates/profile.html", candidate=candidate, resume=resume, profile=found,
                           segments=segments, editing=request.args.get("edit") == "1" and not seen.hidden,
                           seen=seen)


@bp.route("/<int:candidate_id>/resumes/<int:resume_id>/parse", methods=["POST"])
@role_required(*STAFF)
def reparse(candidate_id: int, resume_id: int):
    resume = resumes.get_resume(resume_id, candidate_id=candidate_id)
    parsing.queue_parse(resume.id)
    flash(f"{resume.filename} is queued for parsing; the profile updates when it is done.", "info")
    return redirect(url_for("candidates.profile", candidate_id=candidate_id))


@bp.route("/<int:candidate_id>/resumes/<int:resume_id>/decision", methods=["POST"])
@role_required(*STAFF)
def decide_resume(candidate_id: int, resume_id: int):
    """Accept or reject a resume a visitor sent through a public form for this known candidate."""
    resume = service.decide_resume(candidate_id, resume_id, **DecisionForm().check(), actor_id=current_user.id)
    flash(f"{resume.filename} accepted; the profile and scores follow it once it is parsed." if resume
          else "The resume was rejected and removed; the profile is unchanged.", "success" if resume else "info")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id))


# ------------------------------------------------------------------ notes, tags, lists, saved searches

@bp.route("/<int:candidate_id>/notes", methods=["POST"])
@role_required(*STAFF)
def add_note(candidate_id: int):
    try:
        typed = NoteForm().check()
        activity = notes.add_note(candidate_id, typed["text"], actor_id=current_user.id,
                                  application_id=typed["application_id"])
    except InvalidInput as exc:
        flash(str(exc), "error")
    else:
        mentioned = len((activity.data or {}).get("mentions", []))
        flash("Note added" + (f"; {mentioned} colleague{'s' if mentioned != 1 else ''} notified." if mentioned else "."),
              "success")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id) + "#timeline")


@bp.route("/<int:candidate_id>/tags", methods=["POST"])
@role_required(*STAFF)
def set_tags(candidate_id: int):
    try:
        notes.set_tags(candidate_id, TagsForm().check()["tags"], actor_id=current_user.id)
    except InvalidInput as exc:
        flash(str(exc), "error")
    return redirect(url_for("candidates.detail", candidate_id=candidate_id))


@bp.route("/lists")
@role_required(*STAFF)
def saved_lists():
    return render_template("candidates/lists.html", lists=notes.lists())


@bp.route("/lists/new", methods=["POST"])
@role_required(*STAFF)
def create_list():
    try:
        saved = notes.create_list(ListForm().check()["name"], actor_id=current_user.id)
    except (InvalidInput, Conflict) as exc:
        flash(str(exc), "error")
        return redirect(url_for("candidates.saved_lists"))
    return redirect(url_for("candidates.list_detail", list_id=saved.id))


@bp.route("/lists/<int:list_id>")
@role_required(*STAFF)
def list_detail(list_id: int):
    saved = notes.get_list(list_id)
    blind.prefetch(current_user, [c.id for c in saved.candidates])
    return render_template("candidates/list_detail.html", saved=saved, members=sorted(
        saved.candidates, key=lambda c: (blind.identity(current_user, c).hidden, c.name.lower())))


@bp.route("/lists/add", methods=["POST"])
@role_required(*STAFF)
def add_to_list():
    form = AddToListForm()
    chosen = form.check()
    ids, list_id = chosen["ids"], chosen["list_id"]
    back = safe_next(form.next.data, url_for("candidates.candidate_list"))
    if not ids:
        flash("Select candidates first.", "error")
        return redirect(back)
    try:
        if not list_id:
            list_id = notes.create_list(chosen["new_list"], actor_id=current_user.id).id
        added = notes.add_to_list(list_id, ids, actor_id=current_user.id)
    except (InvalidInput, Conflict) as exc:
        flash(str(exc), "error")
        return redirect(back)
    saved = notes.get_list(list_id)
    flash(Markup(f'Added {added} to <a href="{url_for("candidates.list_detail", list_id=saved.id)}">'
                 f'{escape(saved.name)}</a>.'), "success")
    return redirect(back)


@bp.route("/lists/<int:list_id>/remove/<int:candidate_id>", methods=["POST"])
@role_required(*STAFF)
def remove_from_list(list_id: int, candidate_id: int):
    notes.remove_from_list(list_id, candidate_id, actor_id=current_user.id)
    return redirect(safe_next(NextForm().check()["next"], url_for("candidates.list_detail", list_id=list_id)))


@bp.route("/searches", methods=["POST"])
@role_required(*STAFF)
def save_search():
    typed = SavedSearchForm().check()
    try:
        saved = search.save_search(current_user.id, typed["name"], typed["query"])
    except InvalidInput as exc:
        flash(str(exc), "error")
        return redirect(url_for("candidates.candidate_list") + "?" + typed["query"])
    flash(f"Search saved as {saved.name}.", "success")
    return redirect(url_for("candidates.candidate_list") + "?" + saved.query)


@bp.route("/searches/<int:search_id>/delete", methods=["POST"])
@role_required(*STAFF)
def delete_search(search_id: int):
    search.delete_search(current_user.id, search_id)
    return redirect(url_for("candidates.candidate_list"))


# ------------------------------------------------------------------ the summary at the top of the page

@bp.app_template_global()
def candidate_summary(candidate) -> dict:
    """The summary partial's data (candidates/_summary.html): ``summary`` (None before a parse) and
    ``hidden``: employer and school names are left out while blind review hides who the candidate is
    from this viewer on any of their applications."""
    from recruit.services import blind, summary

    hidden = blind.identity(current_user, candidate).hidden
    return {"summary": summary.summary(candidate.id, hide_places=hidden), "hidden": hidden}


@bp.route("/<int:candidate_id>/parse-status")
@role_required(*STAFF)
def parse_status(candidate_id: int):
    from flask import jsonify

    from recruit.services import summary

    service.get_candidate(candidate_id)
    return jsonify(summary.parse_status(candidate_id))
