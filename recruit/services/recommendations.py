"""The recommendation report: drafted from what recruit knows, edited by the consultant, issued in frozen
versions, opened by the client through a link (or received by email) and answered recommendation by
recommendation.

A version's ``content`` is plain JSON that says everything the report shows, so the page, the PDF and the
DOCX are all drawn from it and an issued version reads the same forever. It is built with the report's
share setting: when anonymised no name, contact detail, employer or school of a candidate is written into it
(candidates are "Candidate 1", people left out "Applicant 7"), and the consultant's own text is scrubbed of
those values when saved. Only the recommendation keys keep an internal id, never shown.
"""
from __future__ import annotations

import base64
import copy
import re
import secrets
from datetime import timedelta
from types import SimpleNamespace

from flask import current_app, has_request_context, request
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import (CLOSED_STAGES, RATE_CARD_UNITS, REPORT_DECISIONS, Application, BriefProblem, Candidate,
                            ClientBrief, ClientContact, Job, OutboxMessage, RecommendationReport, ReportDecision,
                            ReportShare, ReportVersion, User)
from recruit.models.base import utcnow
from recruit.services import blind, briefs, catalogue, clients, email, profiles, report_documents, scoring, sharing
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import InvalidInput, NotFound, PermissionDenied
from recruit.services.report_documents import SECTIONS
from recruit.services.stages import labels as stage_labels
from recruit.services.stages import stage_order
from recruit.services.urls import public_url

SECTION_LIMIT = 20_000
RECOMMEND_FROM = "shortlisted"  # applications at this stage or later are recommended by default
DEFAULT_RECOMMENDATIONS = 3  # when none has reached it yet: the best scored
# A known worker scoring less against a problem is left out of a brief's report, with the reason: the scorer found
# too little of the work in their record (a legal analyst for credit notes scored 2 in the demo).
MIN_WORKER_FIT = 20


def token_hash(token: str) -> str:
    """The stored form of a share token (the submittals' rule: only the hash is kept)."""
    return sharing.token_hash(token)


# ------------------------------------------------------------------ reading

def may_open(report: RecommendationReport, user: User) -> bool:
    """The one rule for who on the staff opens, edits, issues, downloads and sends a report: whoever has access
    to its client's papers (``catalogue.may_open_client_papers``), and the consultant who drafted it."""
    return report.created_by_id == user.id or catalogue.may_open_client_papers(report.client, user)


def get_report(report_id: int, *, actor_id: int) -> RecommendationReport:
    """The report, for a staff member who may open it (``may_open``): else ``PermissionDenied``; ``NotFound``
    when there is none."""
    report = db.session.get(RecommendationReport, report_id)
    if report is None:
        raise NotFound("No such report.")
    actor = db.session.get(User, actor_id)
    if actor is None or not may_open(report, actor):
        raise PermissionDenied("This report is open to the client's account owner, executive consultants, admins "
                               "and the consultants on the client's job orders and briefs.")
    return report


def _check_client(client, actor_id: int) -> None:
    """A new report on ``client`` is drafted only by staff who may open its reports."""
    actor = db.session.get(User, actor_id)
    if actor is None or not catalogue.may_open_client_papers(client, actor):
        raise PermissionDenied(f"Only {client.name}'s account owner, an executive consultant, an admin or a "
                               "consultant on its job orders or briefs drafts a report for it.")


def get_version(report_id: int, number: int) -> ReportVersion:
    version = db.session.scalars(select(ReportVersion).where(ReportVersion.report_id == report_id,
                                                             ReportVersion.number == number)).first()
    if version is None:
        raise NotFound("No such version of this report.")
    return version


def subjects(client_id: int) -> dict[str, list]:
    """What a report on this client can be about: its job orders and its briefs."""
    return {"jobs": clients.job_orders(client_id), "briefs": briefs.briefs_for(client_id)}


def reports_for(*, actor_id: int, client_id: int | None = None, job_id: int | None = None
                ) -> list[RecommendationReport]:
    """The reports on a client or a job order that the actor may open, newest first."""
    stmt = select(RecommendationReport).order_by(RecommendationReport.created_at.desc())
    if client_id:
        stmt = stmt.where(RecommendationReport.client_id == client_id)
    if job_id:
        stmt = stmt.where(RecommendationReport.job_id == job_id)
    actor = db.session.get(User, actor_id)
    return [r for r in db.session.scalars(stmt) if actor is not None and may_open(r, actor)]


def log_staff_view(version: ReportVersion, *, actor_id: int, what: str = "page") -> None:
    """A consultant opened (or downloaded) a version: in the audit log."""
    record_audit("report.view", version, actor_id=actor_id, report_id=version.report_id, number=version.number,
                 what=what)
    db.session.commit()


# ------------------------------------------------------------------ drafting

def draft_for_job(job_id: int, *, actor_id: int, anonymise: bool = True, show_breakdown: bool = True,
                  prepared_by: str | None = None) -> RecommendationReport:
    """A new report on a client's job order, its first draft written from the ranking and the evidence."""
    job = db.session.get(Job, job_id)
    if job is None:
        raise NotFound("No such job.")
    if job.client is None:
        raise InvalidInput("A recommendation report is for a client: this job is in-house.")
    _check_client(job.client, actor_id)
    report = RecommendationReport(client_id=job.client_id, job_id=job.id, title=f"{job.title}: our recommendation",
                                  anonymise=anonymise, show_breakdown=show_breakdown, created_by_id=actor_id)
    return _start(report, job_content(job, anonymise=anonymise, show_breakdown=show_breakdown), prepared_by,
                  job_id=job.id)


def _start(report: RecommendationReport, content: dict, prepared_by: str | None, **about) -> RecommendationReport:
    """Keep a new report and its first draft, audited."""
    content["prepared_by"] = prepared_by or current_app.config.get("COMPANY_NAME", "recruit")
    report.versions = [ReportVersion(number=1, content=content)]
    db.session.add(report)
    db.session.flush()
    record_audit("report.create", report, actor_id=report.created_by_id, client_id=report.client_id,
                 anonymise=report.anonymise, **about)
    db.session.commit()
    return report


def _skill_checks(criterion: dict | None) -> dict[str, str]:
    """Each asked skill's standing in a skills criterion: yes (shown in work, listed, named), partly (a
    broader entry or related skills) or no, read from the scorer's explanation."""
    if not criterion:
        return {}
    found = {}
    for part in (criterion.get("explanation") or "").split("; ")[1:]:
        if part.startswith("missing "):
            for name in part[len("missing "):].split(", "):
                found.setdefault(name.strip().lower(), "no")
            continue
        name, _, how = part.partition(": ")
        found[name.strip().lower()] = "partly" if ("half credit" in how or how.startswith("related")) else "yes"
    return found


def _quote(text: str, ev: dict, scrub) -> str | None:
    """The resume words an evidence item rests on (its span, else its text) without a list's bullet, cut to a
    readable length."""
    if ev.get("start") is not None and text:
        quote = " ".join(text[ev["start"]:ev["end"]].split())
    else:
        quote = " ".join((ev.get("text") or "").split())
    quote = quote.lstrip("-•*–· ").rstrip(";,")
    if not quote:
        return None
    quote = quote if len(quote) <= 220 else quote[:217].rsplit(" ", 1)[0] + "…"
    return scrub(quote)


def _evidence(criterion: dict, text: str, scrub) -> tuple[list[str], list[str]]:
    """A criterion's evidence as (quotes, terms): passages of three words or more are quoted; single words and
    short phrases (the words shared with the job, a skill's name) are listed together."""
    found = list(dict.fromkeys(q for q in (_quote(text, ev, scrub) for ev in criterion.get("evidence") or []) if q))
    quotes = [q for q in found if len(q.split()) >= 3][:3]
    terms = list(dict.fromkeys(q.lower() if q.istitle() and " " not in q else q
                               for q in found if len(q.split()) < 3))[:8]
    return quotes, terms


def _musts(job: Job) -> list[dict]:
    musts = [{"key": f"skill:{s.lower()}", "label": s} for s in job.required_skills if s.strip()]
    if job.min_years:
        musts.append({"key": "years", "label": f"At least {job.min_years:g} years of experience"})
    if job.education:
        musts.append({"key": "education", "label": f"Education: {job.education_label}"})
    return musts


def _recommendation(app: Application, n: int, job: Job, *, anonymise: bool, show_breakdown: bool) -> dict:
    """One recommended candidate: the card a client may see, checks against the must-haves, evidence."""
    card = sharing.candidate_card(app, anonymise=anonymise, show_breakdown=show_breakdown,
                                  label=f"Candidate {n}", with_text=False)
    scrub = card.pop("scrub")
    breakdown = (app.score_breakdown or {}).get("breakdown", [])
    by_name = {c.get("name"): c for c in breakdown}
    resume = profiles.latest_parsed_resume(app.candidate_id)
    text = (resume.extracted_text or "") if resume else ""
    skills = _skill_checks(by_name.get("required_skills"))
    checks = {}
    for must in _musts(job):
        if must["key"].startswith("skill:"):
            checks[must["key"]] = skills.get(must["key"][6:], "unknown" if not breakdown else "no")
        elif must["key"] == "years":
            years = card["years"]
            checks["years"] = ("unknown" if years is None else "yes" if years >= job.min_years
                               else "partly" if years >= job.min_years / 2 else "no")
        else:
            points = (by_name.get("education") or {}).get("points")
            checks["education"] = ("unknown" if points is None else "yes" if points >= 0.99
                                   else "partly" if points >= 0.5 else "no")
    evidence = []
    if show_breakdown:
        for criterion in breakdown:
            reason = sharing.client_reason(criterion)
            if reason is None:
                continue
            quotes, terms = _evidence(criterion, text, scrub)
            evidence.append({"label": reason["label"], "text": reason["text"], "quotes": quotes, "terms": terms,
                             "points": round(float(criterion.get("contribution") or 0), 1)})
    return {"key": f"candidate:{app.candidate_id}", "kind": "candidate", "part": f"job:{job.id}",
            "candidate_id": app.candidate_id,
            "application_id": app.id, "label": card["label"], "score": round(app.score) if app.score is not None
            else None, "note": "", "years": card["years"], "skills": card["skills"][:12],
            "experience": card["experience"][:4], "education": card["education"][:2], "checks": checks,
            "evidence": evidence, "stage": stage_labels().get(app.stage, app.stage)}


def _left_out_reason(app: Application, lowest: float | None) -> str:
    if app.stage == "withdrawn":
        return "Withdrew from this job order."
    if app.stage in CLOSED_STAGES:
        return "Not taken forward by the recruiter after review."
    if app.score is None:
        return "Not scored yet (no readable resume)."
    missing = sharing.missing_skills(next((c.get("explanation", "") for c in (app.score_breakdown or {}).get("breakdown", [])
                                     if c.get("name") == "required_skills"), ""))
    reason = f"Scored {round(app.score)} of 100"
    if lowest is not None and app.score < lowest:
        reason += ", below the recommended candidates"
    reason += "; not yet taken to shortlist" if app.stage not in _later_stages() else ""
    if missing:
        reason += f"; the resume does not show {', '.join(missing)}"
    return reason + "."


def _later_stages() -> list[str]:
    order = stage_order()
    return order[order.index(RECOMMEND_FROM):] if RECOMMEND_FROM in order else []


def job_content(job: Job, *, anonymise: bool, show_breakdown: bool) -> dict:
    """What a first draft on ``job`` says: needs, recommendations (the applications at shortlist or later, else
    the best scored), the comparison against the must-haves, the evidence, and how it was reached (criteria and
    weights, who was considered, who was left out and why)."""
    apps = [a for a in scoring.ranked(job.id) if not a.candidate.erased_at]
    later = set(_later_stages())
    chosen = [a for a in apps if a.stage in later]
    if not chosen:
        chosen = [a for a in apps if a.score is not None and a.stage not in CLOSED_STAGES][:DEFAULT_RECOMMENDATIONS]
    chosen_ids = {a.id for a in chosen}
    recommendations = [_recommendation(a, n, job, anonymise=anonymise, show_breakdown=show_breakdown)
                       for n, a in enumerate(chosen, 1)]
    lowest = min((a.score for a in chosen if a.score is not None), default=None)
    left_out = [{"key": f"candidate:{a.candidate_id}", "candidate_id": a.candidate_id,
                 "label": f"Applicant {rank}", "reason": _left_out_reason(a, lowest)}
                for rank, a in enumerate(apps, 1) if a.id not in chosen_ids]
    weights = next(((a.score_breakdown or {}).get("breakdown") for a in apps if a.score_breakdown), None) or []
    total = sum(float(c.get("weight") or 0) for c in weights) or 1
    criteria = [{"label": c.get("label") or c.get("name"), "share": round(100 * float(c["weight"]) / total)}
                for c in weights if c.get("weight")]
    part = {"key": f"job:{job.id}", "title": job.title, "musts": _musts(job), "wanted": list(job.preferred_skills)}
    return {
        "title": f"{job.title}: our recommendation", "client": job.client.name, "subject": job.title,
        "subject_kind": "job order", "date": utcnow().date().isoformat(), "anonymised": anonymise,
        "sections": {"needs": _needs_text(job), "summary": _summary_text(recommendations, len(apps)),
                     "reasoning": "", "method": _method_text(len(apps), criteria, anonymise)},
        "parts": [part], "recommendations": recommendations,
        "firms": [], "criteria": criteria, "considered": len(apps), "left_out": left_out,
    }


def _needs_text(job: Job) -> str:
    ask = f"{job.client.name} asked us for {job.openings} {job.title}{'s' if job.openings > 1 else ''}"
    ask += f" in {job.location}." if job.location else "."
    lines = [ask]
    if job.required_skills:
        lines.append("Must have: " + ", ".join(job.required_skills) + ".")
    if job.preferred_skills:
        lines.append("Good to have: " + ", ".join(job.preferred_skills) + ".")
    if job.min_years:
        lines.append(f"At least {job.min_years:g} years of experience.")
    if job.client_requirements:
        lines.append(job.client_requirements.strip())
    if job.description:
        description = " ".join(job.description.split())
        lines.append(description if len(description) <= 800 else description[:797].rsplit(" ", 1)[0] + "…")
    return "\n\n".join(lines)


def _summary_text(recommendations: list[dict], considered: int, who: str = "people") -> str:
    if not recommendations:
        return f"Of the {considered} {who} considered, none is ready to recommend yet."
    names = ", ".join(f"{r['label']} ({r['score']} of 100)" if r["score"] is not None else r["label"]
                      for r in recommendations)
    return (f"Of the {considered} {who} considered, we recommend {len(recommendations)}: {names}. "
            "How each stands against the must-haves is marked in the comparison below.")


def _method_text(considered: int, criteria: list[dict], anonymise: bool) -> str:
    weights = ", ".join(f"{c['label']} {c['share']}%" for c in criteria) or "the job order's criteria"
    everyone = "the one applicant" if considered == 1 else f"all {considered} applicants"
    text = (f"We considered {everyone} to this job order. recruit's shortlisting scorer rated each "
            f"0 to 100 against the job order, weighing {weights}; the weights were fitted on recruiters' past "
            "judgments. The scorer never reads a name, gender, age, photo, marital status, religion or nationality. "
            "A recruiter then reviewed the ranking and the resumes; the recommendations are the candidates they took "
            "forward. Everyone left out is listed with the reason.")
    if anonymise:
        text += " Names, contact details, employers and schools are withheld in this report."
    return text


def draft_for_brief(brief_id: int, matches: list[dict] | None = None, *, actor_id: int, anonymise: bool = True,
                    show_breakdown: bool = True, prepared_by: str | None = None,
                    per_problem: int = 2) -> RecommendationReport:
    """A new report on a client's brief, written from ``matches``: what ``briefs.match_problem`` answers for
    each of its problems (workers placed before, partner firms with their eligibility), asked now when not
    given. The best ``per_problem`` workers and eligible firms of each problem are recommended; the rest, and
    every firm that is not eligible, are left out with the reason."""
    brief = briefs.get_brief(brief_id)
    _check_client(brief.client, actor_id)
    if not brief.problems:
        raise InvalidInput("Record the brief's problems first: the report recommends for each one.")
    if matches is None:
        matches = [briefs.match_problem(problem.id) for problem in brief.problems]
    report = RecommendationReport(client_id=brief.client_id, brief_id=brief.id, title=f"{brief.title}: our "
                                  "recommendation", anonymise=anonymise, show_breakdown=show_breakdown,
                                  created_by_id=actor_id)
    return _start(report, brief_content(brief, matches, anonymise=anonymise, per_problem=per_problem), prepared_by,
                  brief_id=brief.id)


def _brief_summary(parts: list[dict], items: list[dict], considered: int) -> str:
    """Who is recommended for each problem, in one sentence a problem (a worker may be named under two)."""
    if not items:
        return f"Of the {considered} workers and firms considered, none is ready to recommend yet."
    lines = [f"Of the {considered} workers and firms considered, we recommend these."]
    for part in parts:
        here = [f"{i['label']} ({i['score']} of 100)" if i.get("score") is not None else i["label"]
                for i in items if i.get("part") == part["key"]]
        lines.append(f"For {part['title']}: " + (", ".join(here) if here else "no one yet") + ".")
    return " ".join(lines) + " How each stands against the must-haves is marked in the comparison below."


def _problem_musts(problem: BriefProblem) -> list[dict]:
    musts = [{"key": f"skill:{s.lower()}", "label": s} for s in problem.skills or [] if s.strip()]
    musts += [{"key": f"standard:{s.lower()}", "label": f"Holds {s}"} for s in problem.required_standards or []]
    if problem.min_years:
        musts.append({"key": "years", "label": f"At least {problem.min_years:g} years of experience"})
    return musts


def _worker(match: dict, n: int, problem: BriefProblem, *, anonymise: bool) -> dict | None:
    """A known worker as a recommendation: the card a client may see (no application: their profile), the
    must-haves from the scorer's breakdown, and why in words (never another client's name)."""
    candidate = db.session.get(Candidate, match["candidate_id"])
    if candidate is None or candidate.erased_at:
        return None
    # No application stands behind a worker: the card reads what it needs of one from their profile.
    unapplied = SimpleNamespace(candidate=candidate, candidate_id=candidate.id, score=match.get("score"),
                                score_breakdown=None, current_employer=None)
    card = sharing.candidate_card(unapplied, anonymise=anonymise, show_breakdown=False, label=f"Candidate {n}",
                                  with_text=False)
    skills = next((_skill_checks({"explanation": b.get("explanation")}) for b in match.get("breakdown") or []
                   if b.get("criterion") == "Required skills"), {})
    checks = {}
    for must in _problem_musts(problem):
        if must["key"].startswith("skill:"):
            checks[must["key"]] = skills.get(must["key"][6:], "no" if skills else "unknown")
        elif must["key"] == "years":
            years = card["years"]
            checks["years"] = ("unknown" if years is None else "yes" if years >= problem.min_years
                               else "partly" if years >= problem.min_years / 2 else "no")
    placed = len(match.get("placements") or [])
    rating = match.get("feedback_rating")
    evidence = [{"label": "Track record", "quotes": [], "terms": [], "points": None,
                 "text": f"Placed through us {placed} time{'s' if placed != 1 else ''} before; "
                         + (f"clients rated their work {rating:g} of 5 on average." if rating is not None
                            else "no client has rated their work yet.")}]
    parts = [f"{b['criterion']} {b['points']:g}" for b in sorted(match.get("breakdown") or [],
                                                                 key=lambda b: -(b.get("points") or 0))
             if b.get("points")]
    if parts:
        evidence.append({"label": "Score against this problem", "quotes": [], "terms": [], "points": None,
                         "text": ", ".join(parts) + " (points of 100, from the shortlisting scorer)."})
    return {"key": f"candidate:{candidate.id}:problem:{problem.id}", "kind": "candidate", "part": f"problem:{problem.id}",
            "candidate_id": candidate.id, "label": card["label"],
            "score": round(match["score"]) if match.get("score") is not None else None, "note": "",
            "years": card["years"], "skills": card["skills"][:12], "experience": card["experience"][:4],
            "education": card["education"][:2], "checks": checks, "evidence": evidence, "stage": "placed before"}


def _firm(match: dict, problem: BriefProblem) -> dict:
    """A partner firm as a recommendation: its facts, the must-haves it covers, and why in words."""
    standing = match.get("standards") or {}
    held = {s.lower() for s in standing.get("held") or []}
    checks = {f"skill:{s.lower()}": "yes" for s in match.get("skills_covered") or []}
    checks.update({f"skill:{s.lower()}": "no" for s in match.get("skills_missing") or []})
    for standard in problem.required_standards or []:
        checks[f"standard:{standard.lower()}"] = "yes" if standard.lower() in held else "no"
    facts = [("Locations", ", ".join(match.get("locations") or [])), ("Time zones", ", ".join(match.get("time_zones")
                                                                                             or [])),
             ("Capacity", f"{match['capacity']} analysts" if match.get("capacity") is not None else ""),
             ("Past work with us", f"{match.get('engagements', 0)} engagement"
              f"{'s' if match.get('engagements', 0) != 1 else ''}"
              + (f", rated {match['average_rating']:g} of 5" if match.get("average_rating") is not None else "")),
             ("Standards held", ", ".join(standing.get("held") or []))]
    return {"key": f"firm:{match['firm_id']}:problem:{problem.id}", "kind": "firm", "part": f"problem:{problem.id}",
            "firm_id": match["firm_id"], "label": match["name"], "score": round(match["fit"])
            if match.get("fit") is not None else None, "note": "", "facts": facts, "checks": checks,
            "evidence": [{"label": "Why", "text": "; ".join(match.get("why") or []), "quotes": [], "terms": [],
                          "points": None}]}


def brief_content(brief: ClientBrief, matches: list[dict], *, anonymise: bool, per_problem: int = 2) -> dict:
    """What a first draft on ``brief`` says: a part per problem (its must-haves: skills, standards, years), the
    best known workers and eligible firms of each, everyone else left out with the reason."""
    by_id = {p.id: p for p in brief.problems}
    parts, recommendations, firms, left_out, considered, labels = [], [], [], [], 0, {}
    needs = [f"{brief.client.name} asked us about {brief.title}." + (f" {brief.summary.strip()}" if brief.summary
                                                                       else "")]
    for match in matches:
        problem = by_id.get(match["problem"]["id"])
        if problem is None:
            continue
        parts.append({"key": f"problem:{problem.id}", "title": problem.title, "musts": _problem_musts(problem),
                      "wanted": []})
        line = [f"{problem.title}" + (f" ({problem.service_line.name})" if problem.service_line else "") + ":"]
        line += [problem.work.strip()] if problem.work else []
        line += [f"Skills: {', '.join(problem.skills)}."] if problem.skills else []
        line += [f"Volume: {problem.volume}."] if problem.volume else []
        line += [f"Timeline: {problem.timeline}."] if problem.timeline else []
        if problem.budget_amount is not None:
            line.append(f"Budget: {problem.currency} {problem.budget_amount:,.0f}"
                        + (f" {RATE_CARD_UNITS.get(problem.budget_unit, problem.budget_unit)}." if problem.budget_unit
                           else "."))
        line += [f"Standards the work must meet: {', '.join(problem.required_standards)}."] \
            if problem.required_standards else []
        needs.append(" ".join(line))
        workers = match.get("workers") or []
        considered += len(workers) + len(match.get("firms") or [])
        taken = 0
        for rank, worker in enumerate(workers, 1):
            item = None
            fit = worker.get("score") or 0
            if taken < per_problem and fit >= MIN_WORKER_FIT:  # one label per person, across the problems
                item = _worker(worker, labels.get(worker["candidate_id"], len(labels) + 1), problem,
                               anonymise=anonymise)
                if item is not None:
                    labels.setdefault(worker["candidate_id"], len(labels) + 1)
            if item is not None:
                recommendations.append(item)
                taken += 1
            elif db.session.get(Candidate, worker["candidate_id"]) is not None:
                left_out.append({"key": f"candidate:{worker['candidate_id']}:problem:{problem.id}",
                                 "candidate_id": worker["candidate_id"], "label": f"Known worker {rank} for "
                                 f"{problem.title}", "reason": (
                                     f"Ranked below the {per_problem} recommended (scores {fit:.0f} of 100 against "
                                     "the problem)." if fit >= MIN_WORKER_FIT else
                                     f"Scores {fit:.0f} of 100 against the problem: too little of it shows in their "
                                     "record to recommend them for it.")})
        eligible = [f for f in match.get("firms") or [] if f.get("eligible")]
        for firm in match.get("firms") or []:
            if firm in eligible[:per_problem]:
                firms.append(_firm(firm, problem))
            else:
                reason = ("Not eligible: " + "; ".join(firm.get("not_eligible_because") or []) + "."
                          if not firm.get("eligible") else f"Eligible, ranked below the {per_problem} recommended.")
                left_out.append({"key": f"firm:{firm['firm_id']}:problem:{problem.id}", "candidate_id": None,
                                 "label": f"{firm['name']} for {problem.title}", "reason": reason})
    method = next((m["method"] for m in matches if m.get("method")), {})
    criteria = [{"label": f"Workers: {k.replace('_', ' ')}", "share": round(100 * v) if v <= 1 else round(v)}
                for k, v in (method.get("worker_weights") or {}).items()]
    total = sum((method.get("firm_weights") or {}).values()) or 1
    criteria += [{"label": f"Firms: {k.replace('_', ' ')}", "share": round(100 * v / total)}
                 for k, v in (method.get("firm_weights") or {}).items()]
    summary = _brief_summary(parts, recommendations + firms, considered)
    method_text = " ".join(t for t in (method.get("workers"), method.get("firms")) if t) + (
        " The scorer never reads a name, gender, age, photo, marital status, religion or nationality."
        " Everyone left out is listed with the reason.")
    if anonymise:
        method_text += " Names, contact details, employers and schools of candidates are withheld in this report."
    return {"title": f"{brief.title}: our recommendation", "client": brief.client.name, "subject": brief.title,
            "subject_kind": "brief", "date": utcnow().date().isoformat(), "anonymised": anonymise,
            "sections": {"needs": "\n\n".join(needs), "summary": summary, "reasoning": "", "method": method_text},
            "parts": parts, "recommendations": recommendations, "firms": firms, "criteria": criteria,
            "considered": considered, "left_out": left_out}


# ------------------------------------------------------------------ editing and issuing

def _identifying(content: dict, job: Job | None) -> list[str]:
    """What would name or find the candidates this content is about, for scrubbing the consultant's text; a
    value the job order itself writes (its city, the client's name) is the client's own and stays."""
    values: list[str] = []
    ids = [i for i in {r.get("candidate_id") for r in content.get("recommendations", []) + content.get("left_out", [])}
           if i]
    for candidate in db.session.scalars(select(Candidate).where(Candidate.id.in_(ids))):
        values += sharing.identifying_values(candidate, profiles.profile_for(candidate.id) or {})
    values += [e for e in db.session.scalars(select(Application.current_employer).where(
        Application.candidate_id.in_(ids))) if e]
    own = " ".join([job.title, job.location or "", job.description or "", job.client_requirements or "",
                    job.client.name if job.client else "", *job.required_skills, *job.preferred_skills]) if job else ""
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 3
                   and not blind.whole_word(v.strip()).search(own)}, key=len, reverse=True)


def working_draft(report_id: int, *, actor_id: int) -> ReportVersion:
    """The draft to edit: the latest version if it is a draft, else a new one copied from the issued one."""
    report = get_report(report_id, actor_id=actor_id)
    latest = report.latest
    if not latest.is_issued:
        return latest
    draft = ReportVersion(number=latest.number + 1, content=copy.deepcopy(latest.content))
    report.versions.append(draft)
    db.session.flush()
    record_audit("report.new_version", draft, actor_id=actor_id, report_id=report.id, number=draft.number)
    return draft


def save_draft(report_id: int, values: dict, *, actor_id: int) -> ReportVersion:
    """The consultant's edits (``values``: ``sections`` by name, ``notes`` by recommendation key, ``keep`` the
    keys still recommended). Editing after an issue starts a new version; an issued one never changes."""
    report = get_report(report_id, actor_id=actor_id)
    draft = working_draft(report.id, actor_id=actor_id)
    content = copy.deepcopy(draft.content)
    secret = _identifying(content, report.job) if report.anonymise else []

    def clean(text: str | None) -> str:
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > SECTION_LIMIT:
            raise InvalidInput(f"A section holds at most {SECTION_LIMIT:,} characters.")
        for value in secret:
            text = blind.whole_word(value).sub(sharing.HIDDEN, text)
        return text

    for name in SECTIONS:
        if name in (values.get("sections") or {}):
            content["sections"][name] = clean(values["sections"][name])
    keep = values.get("keep")
    for item in content["recommendations"] + content.get("firms", []):
        if item["key"] in (values.get("notes") or {}):
            item["note"] = clean(values["notes"][item["key"]])
    if keep is not None:
        keep = set(keep)
        for group in ("recommendations", "firms"):
            for item in [i for i in content.get(group, []) if i["key"] not in keep]:
                content[group].remove(item)
                content["left_out"].append({"key": item["key"], "candidate_id": item.get("candidate_id"),
                                            "label": item["label"] if group == "firms" or report.anonymise
                                            else "A candidate first on the list",
                                            "reason": "Considered and left out by the consultant."})
    draft.content, draft.updated_at = content, utcnow()
    record_audit("report.edit", draft, actor_id=actor_id, report_id=report.id, number=draft.number)
    db.session.commit()
    return draft


def issue(report_id: int, *, actor_id: int) -> ReportVersion:
    """Issue the current draft: from now on it is kept unchanged. A report naming candidates (not
    anonymised) needs each one's consent to be put forward to this client, as a submittal does."""
    report = get_report(report_id, actor_id=actor_id)
    draft = report.latest
    if draft.is_issued:
        raise InvalidInput(f"Version {draft.number} is already issued; edit it to start the next version.")
    content = draft.content
    if not content["recommendations"] and not content.get("firms"):
        raise InvalidInput("Not issued: the report recommends no one yet.")
    if not report.anonymise:
        ids = [r["candidate_id"] for r in content["recommendations"]]
        consent = clients.consent_statuses(ids, report.client_id)
        missing = [r["label"] for r in content["recommendations"] if consent.get(r["candidate_id"]) != "granted"]
        if missing:
            raise InvalidInput(f"Not issued: {', '.join(missing)} ha{'s' if len(missing) == 1 else 've'} not agreed "
                               f"to be put forward to {report.client.name}. Ask for consent, or anonymise the report.")
    draft.issued_at, draft.issued_by_id = utcnow(), actor_id
    for rec in content["recommendations"]:
        record_activity(rec["candidate_id"], "recommended", f"Recommended to {report.client.name} in report "
                        f"“{report.title}”, version {draft.number}", actor_id=actor_id, job_id=report.job_id,
                        application_id=rec.get("application_id"), data={"report_id": report.id,
                                                                          "number": draft.number})
    record_audit("report.issue", draft, actor_id=actor_id, report_id=report.id, number=draft.number,
                 recommendations=[r["key"] for r in content["recommendations"] + content.get("firms", [])])
    db.session.commit()
    return draft


# ------------------------------------------------------------------ sending and the client's answers

def share(report_id: int, number: int, *, actor_id: int, contact_id: int | None, expires_in_days: int,
          send_email: bool, attach: bool, message: str | None = None, sender_name: str | None = None
          ) -> tuple[ReportShare, str]:
    """A link to an issued version (its token shown once), emailed to the contact when asked, with the PDF and
    the DOCX attached when asked."""
    report = get_report(report_id, actor_id=actor_id)
    version = get_version(report.id, number)
    if not version.is_issued:
        raise InvalidInput("Issue the draft before sending it.")
    if not 1 <= expires_in_days <= 90:
        raise InvalidInput("A link lasts between 1 and 90 days.", field="expires")
    contact = db.session.get(ClientContact, contact_id) if contact_id else None
    if contact is not None and contact.client_id != report.client_id:
        raise InvalidInput("That contact works for another client.")
    if send_email and (contact is None or not contact.email):
        raise InvalidInput("Choose a contact with an email address to send it to.")
    token = secrets.token_urlsafe(24)
    row = ReportShare(version_id=version.id, token_hash=token_hash(token), contact_id=contact.id if contact else None,
                      expires_at=utcnow() + timedelta(days=expires_in_days), created_by_id=actor_id,
                      emailed=bool(send_email))
    db.session.add(row)
    db.session.flush()
    link = public_url("public.report", token=token)
    if send_email:
        attachments = []
        if attach:
            stem = report_documents.filename(version)
            for kind, mimetype in (("pdf", "application/pdf"), ("docx", report_documents.DOCX_MIME)):
                data = report_documents.pdf(version) if kind == "pdf" else report_documents.docx(version)
                attachments.append({"filename": f"{stem}.{kind}", "mimetype": mimetype, "encoding": "base64",
                                    "content": base64.b64encode(data).decode(), "report_version_id": version.id})
        email.queue_to(contact.email, subject=report.title, actor_id=actor_id, template_key="recommendation_report",
                       attachments=attachments,
                       body=f"Dear {contact.name.split()[0]},\n\nOur recommendation for {version.content['subject']}"
                            f" is ready: {link}\n\n" + ((message or "").strip() + "\n\n" if message else "")
                            + f"On the page you can accept or decline each recommendation. The link works until "
                            f"{row.expires_at:%d %B %Y}." + ("\n\nThe report is attached as PDF and as an editable "
                                                            "Word document." if attach else "")
                            + f"\n\nKind regards,\n{sender_name or current_app.config['COMPANY_NAME']}")
    record_audit("report.share", version, actor_id=actor_id, report_id=report.id, number=version.number,
                 share_id=row.id, contact_id=contact.id if contact else None, emailed=bool(send_email),
                 attached=bool(send_email and attach))
    db.session.commit()
    return row, link


def revoke(share_id: int, *, actor_id: int) -> ReportShare:
    row = db.session.get(ReportShare, share_id)
    if row is None:
        raise NotFound("No such link.")
    get_report(row.version.report_id, actor_id=actor_id)
    row.revoked_at = row.revoked_at or utcnow()
    record_audit("report.revoke", row, actor_id=actor_id, report_id=row.version.report_id)
    db.session.commit()
    return row


def shared(token: str) -> ReportShare | None:
    """The link behind ``token``, only while it is live (not withdrawn, not expired)."""
    return sharing.live_link(ReportShare, token)


def log_view(row: ReportShare, what: str = "page") -> None:
    """The client opened the link (or downloaded a file from it): counted and in the audit log."""
    row.views += 1
    row.last_viewed_at = utcnow()
    record_audit("report.view", row.version, actor_id=None, report_id=row.version.report_id, share_id=row.id,
                 number=row.version.number, what=what,
                 agent=(request.headers.get("User-Agent") or "")[:200] if has_request_context() else None)
    db.session.commit()


def decisions(version: ReportVersion) -> dict[str, ReportDecision]:
    return {d.key: d for d in version.decisions}


def decide(token: str, key: str, decision: str, comment: str | None) -> ReportDecision:
    """The client's answer on one recommendation: on the candidate's timeline (a firm's on the job order's)
    and in the audit log. A later answer replaces the earlier one."""
    row = shared(token)
    if row is None:
        raise NotFound("This link has expired or been withdrawn.")
    version, report = row.version, row.version.report
    item = next((i for i in version.content["recommendations"] + version.content.get("firms", [])
                 if i["key"] == key), None)
    if item is None:
        raise NotFound("No such recommendation in this report.")
    if decision not in REPORT_DECISIONS:
        raise InvalidInput("Choose accept or decline.")
    answer = decisions(version).get(key) or ReportDecision(version_id=version.id, key=key, decision=decision)
    answer.decision, answer.comment, answer.decided_at = decision, (comment or "").strip()[:2000] or None, utcnow()
    db.session.add(answer)
    who = row.contact.name if row.contact else report.client.name
    summary = (f"{report.client.name} ({who}) {REPORT_DECISIONS[decision].lower()} the recommendation of "
               f"{item['label']} in “{report.title}”, version {version.number}"
               + (f" — “{answer.comment}”" if answer.comment else ""))
    record_activity(item.get("candidate_id"), "client_feedback", summary, actor_id=None, job_id=report.job_id,
                    application_id=item.get("application_id"),
                    data={"report_id": report.id, "number": version.number, "key": key, "decision": decision})
    db.session.flush()
    record_audit("report.decision", answer, actor_id=None, report_id=report.id, number=version.number, key=key,
                 decision=decision, share_id=row.id)
    db.session.commit()
    return answer


# ------------------------------------------------------------------ erasure

def forget_candidate(candidate_id: int, needles: list[str]) -> None:
    """A candidate is being erased: unissued drafts lose them (their recommendation, their line among those
    left out, their details written in the consultant's text); issued versions stay as issued, marked as
    naming someone since erased; the client's comments on them go; the copies of a named version emailed as
    attachments lose them too (``_forget_in_attachments``). The caller commits."""
    key = f"candidate:{candidate_id}"
    for answer in db.session.scalars(select(ReportDecision).where(
            (ReportDecision.key == key) | ReportDecision.key.startswith(key + ":"))):
        answer.comment = None
    named = []
    for version in db.session.scalars(select(ReportVersion)):
        content = version.content or {}
        if not any(i.get("candidate_id") == candidate_id
                   for i in content.get("recommendations", []) + content.get("left_out", [])):
            continue
        if version.is_issued:
            version.erasure_note = (f"A candidate in this version was erased on {utcnow():%d %B %Y}; the version is "
                                    "kept as issued.")
            named.append(version)
            continue
        version.content = _without(content, candidate_id, needles)
    _forget_in_attachments(named, candidate_id, needles)


def _without(content: dict, candidate_id: int, needles: list[str]) -> dict:
    """A copy of a version's content with an erased candidate gone: their recommendation, their line among those
    left out, and their details wherever the consultant's text (sections, notes on others) wrote them."""
    content = copy.deepcopy(content)
    content["recommendations"] = [r for r in content["recommendations"] if r.get("candidate_id") != candidate_id]
    content["left_out"] = [r for r in content["left_out"] if r.get("candidate_id") != candidate_id]

    def scrub(text: str) -> str:
        for needle in needles:
            text = re.sub(re.escape(needle), "(erased)", text or "", flags=re.IGNORECASE)
        return text

    content["sections"] = {name: scrub(text) for name, text in content["sections"].items()}
    for item in content["recommendations"] + content.get("firms", []):
        item["note"] = scrub(item.get("note"))
    return content


def _attached_version(attachment: dict, by_id: dict, by_file: dict) -> ReportVersion | None:
    """The issued version an emailed attachment was drawn from: by the id it carries, or for one sent before
    attachments carried it, by its file name (client, subject and version number)."""
    if attachment.get("report_version_id") is not None:
        return by_id.get(attachment["report_version_id"])
    return by_file.get(attachment.get("filename"))


def _forget_in_attachments(versions: list[ReportVersion], candidate_id: int, needles: list[str]) -> None:
    """Emailed copies of issued versions that named an erased candidate. Not yet sent (queued, failed, or kept
    for lack of a mail server): each file is drawn again from the version without the candidate, saying so.
    Already sent: the client has the file, so our copy of it goes and the attachment is marked (its name stays,
    the version it came from is kept as issued). An anonymised version's files never named them and stay."""
    named = [v for v in versions if not (v.content or {}).get("anonymised")]
    if not named:
        return
    by_id = {v.id: v for v in named}
    by_file = {f"{report_documents.filename(v)}.{kind}": v for v in named for kind in ("pdf", "docx")}
    when = f"{utcnow():%d %B %Y}"
    for message in db.session.scalars(select(OutboxMessage).where(OutboxMessage.attachments.isnot(None),
                                                                  OutboxMessage.template_key ==
                                                                  "recommendation_report")):
        attachments, changed = [], False
        for attachment in message.attachments or []:
            version = _attached_version(attachment, by_id, by_file)
            if version is None or attachment.get("content") is None:
                attachments.append(attachment)
                continue
            changed = True
            if message.status == "sent":
                attachments.append({"filename": attachment["filename"], "mimetype": attachment["mimetype"],
                                    "report_version_id": version.id,
                                    "erased": f"Sent naming a candidate erased on {when}; our copy was removed. "
                                              f"The version is kept as issued."})
                continue
            stand_in = SimpleNamespace(content=_without(version.content, candidate_id, needles),
                                       number=version.number, issued_at=version.issued_at,
                                       erasure_note=f"A candidate named in this version was erased on {when} and is "
                                                    "left out of this copy.")
            data = (report_documents.pdf(stand_in) if attachment["filename"].endswith(".pdf")
                    else report_documents.docx(stand_in))
            attachments.append({**attachment, "report_version_id": version.id, "redacted": when,
                                "content": base64.b64encode(data).decode()})
        if changed:
            message.attachments = attachments
