"""Reports for recruiters: pipeline per open job, time in stage, time to hire, source effectiveness."""
from flask import Blueprint, abort, render_template

from recruit.permissions import STAFF, role_required
from recruit.responses import csv_download
from recruit.services import reports

bp = Blueprint("reports", __name__, url_prefix="/reports")

CSV = {
    "time-in-stage": (lambda: reports.time_in_stage(),
                      [("stage", "Stage"), ("moved_on", "Moved on"), ("mean_days", "Mean days"),
                       ("median_days", "Median days"), ("waiting", "In it now"),
                       ("waiting_median_days", "Median days so far")]),
    "time-to-hire": (lambda: reports.time_to_hire()["jobs"],
                     [("job", "Job"), ("hires", "Hires"), ("median_days", "Median days to hire")]),
    "sources": (lambda: reports.source_effectiveness(),
                [("label", "Source"), ("applications", "Applications"), ("shortlisted", "Shortlisted"),
                 ("interview", "Interviewed"), ("offer", "Offered"), ("hired", "Hired"),
                 ("shortlist_rate", "Shortlist rate %"), ("hire_rate", "Hire rate %")]),
}


@bp.route("/")
@role_required(*STAFF)
def index():
    return render_template("reports/index.html", board=reports.open_jobs_by_stage(),
                           stages=reports.time_in_stage(), hire=reports.time_to_hire(),
                           sources=reports.source_effectiveness())


@bp.route("/pipeline.csv")
@role_required(*STAFF)
def pipeline_csv():
    data = reports.open_jobs_by_stage()
    rows = [{"job": r["job"].title, "total": r["total"], **{s.key: r["counts"].get(s.key, 0) for s in data["stages"]}}
            for r in data["rows"]]
    columns = [("job", "Job"), ("total", "Applications")] + [(s.key, s.label) for s in data["stages"]]
    return csv_download(reports.to_csv(rows, columns), "recruit-pipeline.csv")


@bp.route("/<name>.csv")
@role_required(*STAFF)
def export(name: str):
    if name not in CSV:
        abort(404)
    rows, columns = CSV[name][0](), CSV[name][1]
    return csv_download(reports.to_csv(rows, columns), f"recruit-{name}.csv")

