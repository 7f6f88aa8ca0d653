"""Client briefs: the problems or potential projects a client needs done, the contact log with its
follow-ups, a problem turned into a job order, and matching a problem with known KPO workers and partner
firms (``match_problem``, which the recommendation report reads)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select

from recruit.extensions import db
from recruit.models import (BRIEF_STATUSES, CONTACT_KINDS, RATE_CARD_UNITS, Application, BriefProblem, Candidate,
                            Client, ClientBrief, ClientContact, ContactLogEntry, FeeApproval, PartnerFirm,
                            Placement)
from recruit.models.base import utcnow
from recruit.services import catalogue, jobs, partners
from recruit.services.audit import record_audit
from recruit.services.clients import get_client, pool_features
from recruit.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied

# How a known worker is ranked: the shortlisting scorer against the problem, and the clients' feedback on
# their placements (a worker nobody rated counts as 3 of 5, neither helped nor held back).
WORKER_WEIGHTS = {"scorer": 0.75, "feedback": 0.25}
UNRATED = 3
# How a partner firm is ranked among the eligible: its service lines, its capabilities against the skills
# asked for, and its past ratings (unrated counts as 3 of 5).
FIRM_WEIGHTS = {"service_line": 30, "capabilities": 45, "ratings": 25}


# ------------------------------------------------------------------ briefs and problems

def briefs_for(client_id: int) -> list[ClientBrief]:
    """A client's briefs, newest first."""
    return list(db.session.scalars(select(ClientBrief).where(ClientBrief.client_id == client_id)
                                   .order_by(ClientBrief.created_at.desc(), ClientBrief.id.desc())))


def get_brief(brief_id: int) -> ClientBrief:
    brief = db.session.get(ClientBrief, brief_id)
    if brief is None:
        raise NotFound("No such brief.")
    return brief


def save_brief(client_id: int, values: dict, *, actor_id: int, brief_id: int | None = None) -> ClientBrief:
    """Create or change a brief from checked ``values`` (title, summary, status, owner_id); its owner is the
    client's account owner unless one is named."""
    client = get_client(client_id)
    if values.get("status", "open") not in BRIEF_STATUSES:
        raise InvalidInput("Choose a status.", field="status")
    brief = get_brief(brief_id) if brief_id else ClientBrief(client_id=client.id, created_by_id=actor_id)
    if brief.client_id != client.id:
        raise NotFound("No such brief.")
    for key, value in values.items():
        setattr(brief, key, value)
    brief.owner_id = values.get("owner_id") or brief.owner_id or client.account_owner_id or actor_id
    db.session.add(brief)
    db.session.flush()
    record_audit("brief.update" if brief_id else "brief.create", brief, actor_id=actor_id, client_id=client.id,
                 title=brief.title)
    db.session.commit()
    return brief


def get_problem(problem_id: int) -> BriefProblem:
    problem = db.session.get(BriefProblem, problem_id)
    if problem is None:
        raise NotFound("No such problem.")
    return problem


def save_problem(brief_id: int, values: dict, *, actor_id: int, problem_id: int | None = None) -> BriefProblem:
    """Add or change a problem of a brief from checked ``values`` (``briefs.forms.ProblemForm``)."""
    brief = get_brief(brief_id)
    problem = get_problem(problem_id) if problem_id else BriefProblem(brief_id=brief.id,
                                                                      position=len(brief.problems))
    if problem.brief_id != brief.id:
        raise NotFound("No such problem.")
    if values.get("service_line_id"):
        catalogue.get_service_line(values["service_line_id"])
    if values.get("start_date") and values.get("end_date") and values["end_date"] < values["start_date"]:
        raise InvalidInput("The work cannot end before it starts.", field="end_date")
    for key, value in values.items():
        setattr(problem, key, value)
    db.session.add(problem)
    db.session.flush()
    record_audit("brief.problem_update" if problem_id else "brief.problem_add", brief, actor_id=actor_id,
                 problem_id=problem.id, title=problem.title)
    db.session.commit()
    return problem


def quote(problem_id: int, amount: float, unit: str, reason: str | None, *, actor_id: int) -> FeeApproval | None:
    """Quote a fee for a problem. Below the rate card's floor it needs an executive's approval: the returned
    fee approval is waiting (or approved at once when the actor is an executive); None when no approval is
    needed."""
    problem = get_problem(problem_id)
    if unit not in RATE_CARD_UNITS:
        raise InvalidInput("Choose a unit.", field="unit")
    if amount <= 0:
        raise InvalidInput("A fee must be above zero.", field="amount")
    problem.quote_amount, problem.quote_unit = amount, unit
    approval = catalogue.check_fee(service_line_id=problem.service_line_id, unit=unit, amount=amount,
                                   currency=problem.currency, actor_id=actor_id, client_id=problem.brief.client_id,
                                   problem_id=problem.id, reason=reason)
    record_audit("brief.quote", problem.brief, actor_id=actor_id, problem_id=problem.id, amount=amount, unit=unit)
    db.session.commit()
    return approval


def fee_standing(problem: BriefProblem) -> dict:
    """Where the problem's quote stands against the rate card (``catalogue.fee_standing``, the rule a job order's
    fee follows too): cleared means at or above the floor, or approved by an executive."""
    return catalogue.fee_standing(service_line_id=problem.service_line_id, unit=problem.quote_unit,
                                  currency=problem.currency, amount=problem.quote_amount, problem_id=problem.id)


def problem_to_job(problem_id: int, *, actor_id: int):
    """Turn a problem into a draft job order for the client in one step (``jobs.create_job``): its title,
    work, skills, experience, standards and timeline; its fee from the quote, which must be cleared
    (at or above the rate card's floor, or approved by an executive)."""
    problem = get_problem(problem_id)
    if problem.job_id is not None:
        raise Conflict("This problem is already a job order.", existing_id=problem.job_id)
    fee = None
    if problem.quote_amount is not None:
        standing = fee_standing(problem)
        if not standing["cleared"]:
            state = standing["approval"].status if standing["approval"] else "not asked for"
            raise PermissionDenied(f"The quoted fee is below the rate card's floor and an executive's approval is "
                                   f"{'still pending' if state == 'pending' else state}.")
        fee = {"fee_amount": problem.quote_amount, "fee_currency": problem.currency, "fee_unit": problem.quote_unit}
    needs = [f"Standards: {', '.join(problem.required_standards)}" if problem.required_standards else "",
             f"Volume: {problem.volume}" if problem.volume else "",
             f"Timeline: {problem.timeline}" if problem.timeline else ""]
    job = jobs.create_job({"title": problem.title, "client_id": problem.brief.client_id,
                           "description": problem.work or "", "required_skills": list(problem.skills or []),
                           "min_years": problem.min_years or 0, "client_requirements": "\n".join(n for n in needs if n)
                           or None, "service_line_id": problem.service_line_id, **(fee or {}),
                           "due_date": problem.end_date, "problem_id": problem.id}, actor_id=actor_id)
    problem.job_id = job.id
    for approval in catalogue.approvals(problem_id=problem.id):
        approval.job_id = approval.job_id or job.id
    record_audit("brief.problem_to_job", problem.brief, actor_id=actor_id, problem_id=problem.id, job_id=job.id)
    db.session.commit()
    return job


# ------------------------------------------------------------------ the contact log

def contact_log(client_id: int, limit: int = 100) -> list[ContactLogEntry]:
    """Meetings, calls and emails with the client, latest first."""
    return list(db.session.scalars(select(ContactLogEntry).where(ContactLogEntry.client_id == client_id)
                                   .order_by(ContactLogEntry.happened_at.desc(), ContactLogEntry.id.desc())
                                   .limit(limit)))


def log_contact(client_id: int, values: dict, *, actor_id: int) -> ContactLogEntry:
    """Log a meeting, call or email (``values``: kind, contact_id, happened_at, summary, next_step, due_date,
    brief_id). Only the account owner or an executive consultant writes to a client's log."""
    client = catalogue.check_client_writer(client_id, actor_id)
    if values["kind"] not in CONTACT_KINDS:
        raise InvalidInput("Choose meeting, call or email.", field="kind")
    if values.get("contact_id"):
        contact = db.session.get(ClientContact, values["contact_id"])
        if contact is None or contact.client_id != client.id:
            raise InvalidInput("Choose one of the client's contacts.", field="contact_id")
    if values.get("brief_id") and get_brief(values["brief_id"]).client_id != client.id:
        raise InvalidInput("Choose one of the client's briefs.", field="brief_id")
    if values.get("due_date") and not values.get("next_step"):
        raise InvalidInput("Say what the next step is, for its due date.", field="next_step")
    entry = ContactLogEntry(client_id=client.id, user_id=actor_id, **values)
    db.session.add(entry)
    db.session.flush()
    record_audit("client.contact_log", client, actor_id=actor_id, entry_id=entry.id, kind=entry.kind)
    db.session.commit()
    return entry


def complete_follow_up(entry_id: int, *, actor_id: int) -> ContactLogEntry:
    """Mark a next step done (by the account owner or an executive)."""
    entry = db.session.get(ContactLogEntry, entry_id)
    if entry is None:
        raise NotFound("No such log entry.")
    catalogue.check_client_writer(entry.client_id, actor_id)
    if entry.done_at is None:
        entry.done_at = utcnow()
        record_audit("client.follow_up_done", entry.client, actor_id=actor_id, entry_id=entry.id)
        db.session.commit()
    return entry


def follow_ups(user_id: int, limit: int = 20) -> list[ContactLogEntry]:
    """Open next steps for a consultant's dashboard: those they logged and those on clients they own,
    soonest due first (undated last)."""
    stmt = (select(ContactLogEntry).join(Client, Client.id == ContactLogEntry.client_id)
            .where(ContactLogEntry.next_step.isnot(None), ContactLogEntry.done_at.is_(None),
                   or_(ContactLogEntry.user_id == user_id, Client.account_owner_id == user_id))
            .order_by(ContactLogEntry.due_date.is_(None), ContactLogEntry.due_date, ContactLogEntry.id).limit(limit))
    return list(db.session.scalars(stmt))


# ------------------------------------------------------------------ matching a problem

def _problem_profile(problem: BriefProblem):
    from nlp.score import JobProfile

    return JobProfile(title=problem.title, description=problem.work or "", required_skills=list(problem.skills or []),
                      preferred_skills=[], min_years=problem.min_years or 0, education=[], weights={})


def _known_workers(problem: BriefProblem, limit: int) -> list[dict]:
    from nlp.score import Scorer

    rows = db.session.execute(select(Application.candidate_id, Placement).join(Placement, Placement.application_id
                                                                              == Application.id)
                              .join(Candidate, Candidate.id == Application.candidate_id)
                              .where(Candidate.erased_at.is_(None), Candidate.archived_at.is_(None))).all()
    placements: dict[int, list[Placement]] = {}
    for candidate_id, placement in rows:
        placements.setdefault(candidate_id, []).append(placement)
    if not placements:
        return []
    scorer = Scorer(_problem_profile(problem))
    features = pool_features(list(placements))
    people = {c.id: c for c in db.session.scalars(select(Candidate).where(Candidate.id.in_(list(placements))))}
    out = []
    for candidate_id, placed in placements.items():
        feats = features.get(candidate_id)
        if feats is None:
            continue  # no parsed resume: nothing the scorer can read
        result = scorer.score(feats)
        ratings = [p.feedback_rating for p in placed if p.feedback_rating]
        average = round(sum(ratings) / len(ratings), 1) if ratings else None
        rank = WORKER_WEIGHTS["scorer"] * result.score + WORKER_WEIGHTS["feedback"] * (average or UNRATED) * 20
        clients = sorted({p.client.name for p in placed if p.client})
        why = [f"scores {result.score:.0f} of 100 against the problem: {result.summary}",
               f"placed {len(placed)} time{'s' if len(placed) != 1 else ''} before"
               + (f" (with {', '.join(clients)})" if clients else "")]
        why.append(f"clients rated their work {average:g} of 5 on average" if average is not None
                   else f"no client has rated their work yet (counted as {UNRATED} of 5)")
        why += [f"{c.label}: {c.explanation}" for c in sorted(result.breakdown, key=lambda c: -c.contribution)[:3]]
        out.append({"candidate_id": candidate_id, "name": people[candidate_id].name,
                    "score": round(result.score, 1), "feedback_rating": average, "rank_score": round(rank, 1),
                    "placements": [{"placement_id": p.id, "client": p.client.name if p.client else None,
                                    "start_date": p.start_date, "rating": p.feedback_rating,
                                    "feedback": p.feedback} for p in placed],
                    "breakdown": [{"criterion": c.label, "points": round(c.contribution, 1),
                                   "explanation": c.explanation} for c in result.breakdown],
                    "why": why})
    out.sort(key=lambda w: (-w["rank_score"], w["candidate_id"]))
    return out[:limit]


def _capability_fit(problem: BriefProblem, firm: PartnerFirm) -> tuple[list[str], list[str]]:
    """The problem's skills the firm's capabilities cover, and those they do not (either named in the other)."""
    offered = [c.lower() for c in firm.capabilities]
    have, lack = [], []
    for skill in problem.skills or []:
        s = skill.lower()
        (have if any(s in c or c in s for c in offered) else lack).append(skill)
    return have, lack


def _partner_firms(problem: BriefProblem, today: date) -> list[dict]:
    out = []
    for firm in db.session.scalars(select(PartnerFirm).order_by(PartnerFirm.name)):
        standing = partners.standing(firm, list(problem.required_standards or []), today)
        line_match = problem.service_line_id is not None and any(s.id == problem.service_line_id
                                                                 for s in firm.service_lines)
        have, lack = _capability_fit(problem, firm)
        skill_share = len(have) / len(problem.skills) if problem.skills else 0.0
        rating = partners.average_rating(firm)
        rated = [e for e in firm.engagements if e.rating]
        fit = (FIRM_WEIGHTS["service_line"] * line_match + FIRM_WEIGHTS["capabilities"] * skill_share
               + FIRM_WEIGHTS["ratings"] * (rating or UNRATED) / 5)
        why = []
        if problem.service_line is not None:
            why.append(f"offers {problem.service_line.name}" if line_match
                       else f"does not list {problem.service_line.name} among its service lines")
        if problem.skills:
            why.append(f"covers {len(have)} of {len(problem.skills)} skills asked for"
                       + (f" ({', '.join(have)})" if have else "") + (f"; not {', '.join(lack)}" if lack else ""))
        if standing["held"]:
            why.append(f"holds {', '.join(standing['held'])} in date")
        why.append(f"rated {rating:g} of 5 over {len(rated)} past engagement{'s' if len(rated) != 1 else ''}"
                   if rating is not None else f"no rated engagements yet (counted as {UNRATED} of 5)")
        if firm.capacity is not None:
            why.append(f"capacity: {firm.capacity} analysts")
        out.append({"firm_id": firm.id, "name": firm.name, "eligible": standing["eligible"],
                    "not_eligible_because": standing["reasons"], "fit": round(fit, 1), "service_line_match": line_match,
                    "skills_covered": have, "skills_missing": lack, "standards": standing,
                    "average_rating": rating, "engagements": len(firm.engagements),
                    "locations": list(firm.locations), "time_zones": list(firm.time_zones),
                    "capacity": firm.capacity, "why": why})
    out.sort(key=lambda f: (not f["eligible"], -f["fit"], f["name"]))
    return out


def match_problem(problem_id: int, *, today: date | None = None, worker_limit: int = 10) -> dict:
    """Match a brief's problem with known KPO workers and partner firms, as plain data.

    Returns::

        {"problem": {"id", "brief_id", "client_id", "title", "service_line": str | None, "skills": [str],
                     "required_standards": [str], "min_years": float},
         "workers": [  # people placed before, best first (at most ``worker_limit``)
             {"candidate_id": int, "name": str, "score": float (0-100, the shortlisting scorer against the
              problem), "feedback_rating": float | None (mean 1-5 over their placements), "rank_score": float,
              "placements": [{"placement_id", "client": str | None, "start_date": date, "rating": int | None,
                              "feedback": str | None}],
              "breakdown": [{"criterion", "points", "explanation"}], "why": [str]}],
         "firms": [  # every partner firm, eligible first, then by fit
             {"firm_id": int, "name": str, "eligible": bool, "not_eligible_because": [str],
              "fit": float (0-100), "service_line_match": bool, "skills_covered": [str], "skills_missing": [str],
              "standards": {"eligible", "held", "missing", "expired": [(str, date)], "no_certificate", "reasons"},
              "average_rating": float | None, "engagements": int, "locations": [str], "time_zones": [str],
              "capacity": int | None, "why": [str]}],
         "method": {"workers": str, "firms": str, "worker_weights": dict, "firm_weights": dict}}

    A firm is not eligible when it lacks a required standard, its certificate has expired (by ``today``,
    default the current date) or none was uploaded; ``not_eligible_because`` says which, in words.
    """
    problem = get_problem(problem_id)
    today = today or date.today()
    return {
        "problem": {"id": problem.id, "brief_id": problem.brief_id, "client_id": problem.brief.client_id,
                    "title": problem.title, "service_line": problem.service_line.name if problem.service_line else None,
                    "skills": list(problem.skills or []), "required_standards": list(problem.required_standards or []),
                    "min_years": problem.min_years or 0},
        "workers": _known_workers(problem, worker_limit),
        "firms": _partner_firms(problem, today),
        "method": {
            "workers": (f"People placed before, ranked {WORKER_WEIGHTS['scorer']:.0%} by the shortlisting scorer "
                        f"against the problem's title, work, skills and experience, and "
                        f"{WORKER_WEIGHTS['feedback']:.0%} by the clients' ratings of their placements."),
            "firms": (f"Firms missing a required standard, or whose certificate expired or was never uploaded, "
                      f"are not eligible. The rest are ranked by service line ({FIRM_WEIGHTS['service_line']} "
                      f"points), capabilities covering the skills ({FIRM_WEIGHTS['capabilities']}) and past "
                      f"ratings ({FIRM_WEIGHTS['ratings']})."),
            "worker_weights": dict(WORKER_WEIGHTS), "firm_weights": dict(FIRM_WEIGHTS)},
    }
