"""Bulk import pages: upload many files or a zip, then watch the batch finish."""
from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from recruit.permissions import STAFF, role_required
from recruit.services import imports
from recruit.services import jobs as job_service
from recruit.services.errors import InvalidInput

from .forms import ImportForm

bp = Blueprint("imports", __name__, url_prefix="/imports")


@bp.route("/")
@role_required(*STAFF)
def batch_list():
    batches = imports.list_batches()
    return render_template("imports/list.html", batches=batches,
                           progress={b.id: imports.progress(b.id) for b in batches})


@bp.route("/new", methods=["GET", "POST"])
@role_required(*STAFF)
def create():
    jobs = job_service.job_choices()
    if request.method == "POST":
        request.max_content_length = imports.import_request_limit()  # before the body is read
        try:
            chosen = ImportForm().check()
            files = chosen["files"]
            batch = imports.start_batch(((f.filename, f.stream) for f in files), actor_id=current_user.id,
                                        job_id=chosen["job_id"], source="web",
                                        label=", ".join(f.filename for f in files)[:255])
        except InvalidInput as exc:
            flash(str(exc), "error")
        else:
            return redirect(url_for("imports.detail", batch_id=batch.id))
    return render_template("imports/new.html", jobs=jobs, selected=request.args.get("job", type=int))


@bp.route("/<int:batch_id>")
@role_required(*STAFF)
def detail(batch_id: int):
    batch = imports.get_batch(batch_id)
    to_review, review = imports.review_items(batch.id)
    return render_template("imports/detail.html", batch=batch, progress=imports.progress(batch.id),
                           failed=imports.failed_items(batch.id), to_review=to_review, review=review)


@bp.route("/<int:batch_id>/progress")
@role_required(*STAFF)
def progress(batch_id: int):
    return jsonify(imports.progress(batch_id))


@bp.route("/<int:batch_id>/cancel", methods=["POST"])
@role_required(*STAFF)
def cancel(batch_id: int):
    n = imports.cancel(batch_id, actor_id=current_user.id)
    flash(f"Import cancelled; {n} file{'s' if n != 1 else ''} not started will not be imported.", "info")
    return redirect(url_for("imports.detail", batch_id=batch_id))


@bp.route("/<int:batch_id>/retry", methods=["POST"])
@role_required(*STAFF)
def retry(batch_id: int):
    n = imports.retry_failed(batch_id, actor_id=current_user.id)
    flash(f"{n} failed file{'s' if n != 1 else ''} queued again.", "info")
    return redirect(url_for("imports.detail", batch_id=batch_id))
