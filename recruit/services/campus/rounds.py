"""A drive's rounds (aptitude, group discussion, interview): slots, who sits each round, and the results."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import DriveRound, Registration, RoundKind, RoundResult, RoundSlot
from recruit.models.base import utcnow
from recruit.services.audit import record_activity, record_audit
from recruit.services.campus.details import _local, get_event, read_number
from recruit.services.campus.signup import registrations
from recruit.services.errors import InvalidInput
from recruit.services.lookup import get_or_raise

def add_round(event_id: int, *, name: str, kind: RoundKind | str, pass_mark: float | None,
              actor_id: int) -> DriveRound:
    """A round after the event's others, from checked values (``campus.forms.RoundForm``)."""
    event = get_event(event_id)
    round_ = DriveRound(event_id=event.id, name=name, kind=kind, position=len(event.rounds), pass_mark=pass_mark)
    db.session.add(round_)
    record_audit("campus.round_add", event, actor_id=actor_id, name=name)
    db.session.commit()
    return round_


def get_round(event_id: int, round_id: int) -> DriveRound:
    return get_or_raise(DriveRound, round_id, "round", event_id=event_id)


def candidates_for_round(round_: DriveRound) -> list[Registration]:
    """Who sits a round: attendees for the first, those who cleared the previous one after that."""
    earlier = [r for r in round_.event.rounds if r.position < round_.position]
    attendees = registrations(round_.event_id, status="attended")
    if not earlier:
        return attendees
    previous = max(earlier, key=lambda r: r.position)
    cleared = set(db.session.scalars(select(RoundResult.registration_id).where(
        RoundResult.round_id == previous.id, RoundResult.passed.is_(True))))
    return [r for r in attendees if r.id in cleared]


def add_slot(event_id: int, round_id: int, *, starts_at: datetime, capacity: int, place: str,
             actor_id: int) -> RoundSlot:
    """A slot of a round from checked values (``campus.forms.SlotForm``): ``starts_at`` is a wall-clock time in
    the event's zone."""
    round_ = get_round(event_id, round_id)
    slot = RoundSlot(round_id=round_.id, starts_at=_local(starts_at, round_.event.timezone), capacity=capacity,
                     place=place)
    db.session.add(slot)
    record_audit("campus.slot_add", round_.event, actor_id=actor_id, round=round_.name)
    db.session.commit()
    return slot


def assign_slots(event_id: int, round_id: int, *, actor_id: int) -> int:
    """Put everyone who sits this round and has no slot yet into the first slots with room."""
    round_ = get_round(event_id, round_id)
    if not round_.slots:
        raise InvalidInput("Add slots to the round first.")
    results = {r.registration_id: r for r in db.session.scalars(select(RoundResult).where(
        RoundResult.round_id == round_.id))}
    used = {slot.id: sum(1 for r in results.values() if r.slot_id == slot.id) for slot in round_.slots}
    assigned = 0
    for registration in candidates_for_round(round_):
        result = results.get(registration.id)
        if result is not None and result.slot_id:
            continue
        slot = next((s for s in round_.slots if used[s.id] < s.capacity), None)
        if slot is None:
            break
        if result is None:
            result = RoundResult(round_id=round_.id, registration_id=registration.id)
            db.session.add(result)
        result.slot_id = slot.id
        used[slot.id] += 1
        assigned += 1
    record_audit("campus.assign_slots", round_.event, actor_id=actor_id, round=round_.name, assigned=assigned)
    db.session.commit()
    return assigned


def record_result(event_id: int, round_id: int, registration_id: int, *, outcome: str, score: str | None,
                  actor_id: int) -> RoundResult:
    """A pass or fail, or a score (which passes at the round's pass mark), with who assessed it."""
    round_ = get_round(event_id, round_id)
    registration = get_or_raise(Registration, registration_id, "registration", event_id=event_id)
    if registration.id not in {r.id for r in candidates_for_round(round_)}:
        raise InvalidInput(f"{registration.name} is not in this round.")
    number = read_number(score, "Score", 0, 1000)
    if outcome in ("pass", "fail"):
        passed = outcome == "pass"
    elif number is not None and round_.pass_mark is not None:
        passed = number >= round_.pass_mark
    else:
        raise InvalidInput("Record a pass or a fail, or a score (with a pass mark set for the round).")
    result = db.session.scalars(select(RoundResult).where(RoundResult.round_id == round_.id,
                                                          RoundResult.registration_id == registration.id)).first()
    if result is None:
        result = RoundResult(round_id=round_.id, registration_id=registration.id)
        db.session.add(result)
    result.passed, result.score, result.assessor_id, result.recorded_at = passed, number, actor_id, utcnow()
    if registration.candidate_id:
        record_activity(registration.candidate_id, "campus_round",
                        f"{round_.event.title}: {round_.name} — {'cleared' if passed else 'not cleared'}"
                        + (f" ({number:g})" if number is not None else ""), actor_id=actor_id,
                        data={"event_id": event_id, "round_id": round_.id})
    record_audit("campus.result", registration, actor_id=actor_id, round=round_.name, passed=passed, score=number)
    db.session.commit()
    return result


def round_results(round_: DriveRound) -> dict[int, RoundResult]:
    return {r.registration_id: r for r in db.session.scalars(select(RoundResult).where(
        RoundResult.round_id == round_.id))}
