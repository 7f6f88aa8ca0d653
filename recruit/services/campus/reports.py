"""The campus funnel of one event and the report over all events and schools."""
from __future__ import annotations

from sqlalchemy import func, select

from recruit.extensions import db
from recruit.models import Application, EventStatus, RegistrationStatus, RoundResult
from recruit.services.stages import stage_order
from recruit.services.campus.details import events, get_event
from recruit.services.campus.signup import registrations

def funnel(event_id: int) -> list[tuple[str, int]]:
    """Registered, attended, cleared each round, then shortlisted, offered and joined on the event's jobs."""
    event = get_event(event_id)
    regs = [r for r in registrations(event_id) if r.status != RegistrationStatus.CANCELLED]
    steps = [("Registered", len(regs)), ("Attended", sum(1 for r in regs if r.checked_in_at))]
    for round_ in event.rounds:
        cleared = db.session.scalar(select(func.count()).select_from(RoundResult).where(
            RoundResult.round_id == round_.id, RoundResult.passed.is_(True))) or 0
        steps.append((f"Cleared {round_.name}", cleared))
    candidate_ids = [r.candidate_id for r in regs if r.candidate_id and r.checked_in_at]
    job_ids = [j.id for j in event.jobs]
    order = stage_order()

    def reached(stage: str) -> int:
        if not candidate_ids or not job_ids or stage not in order:
            return 0
        later = order[order.index(stage):]
        return db.session.scalar(select(func.count(func.distinct(Application.candidate_id))).where(
            Application.candidate_id.in_(candidate_ids), Application.job_id.in_(job_ids),
            Application.stage.in_(later))) or 0

    steps += [("Shortlisted", reached("shortlisted")), ("Offered", reached("offer")), ("Joined", reached("hired"))]
    return steps


def report() -> dict:
    """Registrations, attendance, shortlisted and hired, per event and per school over time."""
    rows = []
    for event in events():
        if event.status == EventStatus.DRAFT:
            continue
        steps = dict(funnel(event.id))
        rows.append({"event": event, "school": event.school, "year": event.starts_at.year,
                     "registered": steps["Registered"], "attended": steps["Attended"],
                     "shortlisted": steps["Shortlisted"], "hired": steps["Joined"]})
    schools: dict[tuple[str, int], dict] = {}
    for row in rows:
        key = (row["school"], row["year"])
        agg = schools.setdefault(key, {"school": row["school"], "year": row["year"], "events": 0, "registered": 0,
                                       "attended": 0, "shortlisted": 0, "hired": 0})
        agg["events"] += 1
        for k in ("registered", "attended", "shortlisted", "hired"):
            agg[k] += row[k]
    return {"events": rows, "schools": sorted(schools.values(), key=lambda r: (r["school"], -r["year"]))}
