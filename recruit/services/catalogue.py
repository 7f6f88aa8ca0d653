"""The firm's service catalogue and who decides: service lines, the rate card (standard rate and floor per
service line and unit), clients' account owners, who may write to a client's contacts and contact log, and
executives' approval of fees below the floor."""
from __future__ import annotations

import re

from sqlalchemy import exists, func, or_, select

from recruit.extensions import db
from recruit.models import (RATE_CARD_UNITS, AuditEvent, Client, ClientBrief, FeeApproval, Job, JobStatus,
                            RateCardEntry, Role, ServiceLine, User)
from recruit.models.base import utcnow
from recruit.services.audit import record_audit
from recruit.services.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from recruit.services.lookup import hold


# ------------------------------------------------------------------ service lines and the rate card

def service_lines(*, active_only: bool = False) -> list[ServiceLine]:
    """The firm's service lines, by name."""
    stmt = select(ServiceLine).order_by(ServiceLine.name)
    if active_only:
        stmt = stmt.where(ServiceLine.active.is_(True))
    return list(db.session.scalars(stmt))


def get_service_line(service_line_id: int) -> ServiceLine:
    line = db.session.get(ServiceLine, service_line_id)
    if line is None:
        raise NotFound("No such service line.")
    return line


def save_service_line(values: dict, *, actor_id: int, service_line_id: int | None = None) -> ServiceLine:
    """Create or change a service line from checked ``values`` (name, description, active); names are unique."""
    name = values["name"]
    clash = db.session.scalars(select(ServiceLine).where(func.lower(ServiceLine.name) == name.lower())).first()
    if clash is not None and clash.id != service_line_id:
        raise Conflict("There is already a service line with this name.")
    line = get_service_line(service_line_id) if service_line_id else ServiceLine(name=name)
    for key, value in values.items():
        setattr(line, key, value)
    db.session.add(line)
    db.session.flush()
    record_audit("service_line.update" if service_line_id else "service_line.create", line, actor_id=actor_id,
                 name=name)
    db.session.commit()
    return line


def set_rate(service_line_id: int, values: dict, *, actor_id: int) -> RateCardEntry:
    """Set the standard rate and the floor for a service line in a unit (``values``: unit, currency,
    standard_rate, floor_rate); the floor may not be above the standard rate."""
    line = get_service_line(service_line_id)
    if values["unit"] not in RATE_CARD_UNITS:
        raise InvalidInput("Choose a unit.", field="unit")
    if values["floor_rate"] > values["standard_rate"]:
        raise InvalidInput("The floor cannot be above the standard rate.", field="floor_rate")
    entry = db.session.scalars(select(RateCardEntry).where(RateCardEntry.service_line_id == line.id,
                                                           RateCardEntry.unit == values["unit"])).first()
    before = None if entry is None else [entry.floor_rate, entry.standard_rate]
    if entry is None:
        entry = RateCardEntry(service_line_id=line.id, unit=values["unit"])
    entry.currency = values.get("currency") or "USD"
    entry.floor_rate, entry.standard_rate = values["floor_rate"], values["standard_rate"]
    entry.updated_by_id = actor_id
    db.session.add(entry)
    db.session.flush()
    record_audit("rate_card.set", line, actor_id=actor_id, unit=entry.unit, before=before,
                 after=[entry.floor_rate, entry.standard_rate])
    db.session.commit()
    return entry


def rate_for(service_line_id: int | None, unit: str | None) -> RateCardEntry | None:
    """The rate card's entry for a service line and unit, if there is one."""
    if not service_line_id or not unit:
        return None
    return db.session.scalars(select(RateCardEntry).where(RateCardEntry.service_line_id == service_line_id,
                                                          RateCardEntry.unit == unit)).first()


# ------------------------------------------------------------------ account owners and who may write

def executives() -> list[User]:
    """Active executive consultants, who approve fees below the floor."""
    return list(db.session.scalars(select(User).where(User.role == Role.EXECUTIVE.value,
                                                      User.is_active_account.is_(True)).order_by(User.name)))


def consultants() -> list[User]:
    """Staff who can own a client relationship."""
    return list(db.session.scalars(select(User).where(
        User.role.in_([Role.RECRUITER.value, Role.EXECUTIVE.value, Role.ADMIN.value]),
        User.is_active_account.is_(True)).order_by(User.name)))


def may_write_to_client(client: Client, user: User) -> bool:
    """Only the account owner or an executive consultant writes to a client's contacts and contact log. A
    client nobody owns yet (one from before account owners) is open to staff until an owner is set."""
    if user.role == Role.EXECUTIVE.value:
        return True
    if client.account_owner_id is None:
        return user.role in (Role.ADMIN.value, Role.RECRUITER.value)
    return client.account_owner_id == user.id


def may_open_client_papers(client: Client, user: User) -> bool:
    """Who may open what is kept about a client for the client's eyes (its recommendation reports): the account
    owner, executive consultants and admins, and a consultant who owns one of its job orders or briefs. A client
    nobody owns yet is open to staff, as ``may_write_to_client`` has it. Interviewers never (their routes refuse
    them before this is asked)."""
    if user.role in (Role.EXECUTIVE.value, Role.ADMIN.value):
        return True
    if user.role != Role.RECRUITER.value:
        return False
    if client.account_owner_id in (None, user.id):
        return True
    works_on = or_(exists().where(Job.client_id == client.id, Job.owner_id == user.id),
                   exists().where(ClientBrief.client_id == client.id, ClientBrief.owner_id == user.id))
    return bool(db.session.scalar(select(works_on)))


def check_client_writer(client_id: int, actor_id: int) -> Client:
    """The client, or ``PermissionDenied`` when the actor may not write to its contacts or log."""
    client = db.session.get(Client, client_id)
    if client is None:
        raise NotFound("No such client.")
    actor = db.session.get(User, actor_id)
    if actor is None or not may_write_to_client(client, actor):
        owner = client.account_owner.name if client.account_owner else "the account owner"
        raise PermissionDenied(f"Only {owner} or an executive consultant may write to this client's contacts.")
    return client


def set_account_owner(client_id: int, owner_id: int | None, *, actor_id: int) -> Client:
    """Give a client an account owner. The current owner, an executive or an admin may hand it on."""
    client = db.session.get(Client, client_id)
    if client is None:
        raise NotFound("No such client.")
    actor = db.session.get(User, actor_id)
    if actor is None or not (actor.role in (Role.EXECUTIVE.value, Role.ADMIN.value)
                             or client.account_owner_id in (None, actor.id)):
        raise PermissionDenied("Only the account owner, an executive consultant or an admin may change the owner.")
    if owner_id is not None:
        owner = db.session.get(User, owner_id)
        if owner is None or not owner.is_active_account or owner.role == Role.INTERVIEWER.value:
            raise InvalidInput("Choose a consultant as the account owner.", field="account_owner_id")
    before, client.account_owner_id = client.account_owner_id, owner_id
    record_audit("client.account_owner", client, actor_id=actor_id, before=before, after=owner_id)
    db.session.commit()
    return client


# ------------------------------------------------------------------ fees below the floor

# A fee typed as text ("INR 1,20,000 per month", "$45/hour", "USD 18,000 fixed"): its currency, amount and unit.
CURRENCY_SIGNS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "Rs.": "INR", "Rs": "INR"}
UNIT_WORDS = {"hour": ("hour", "hr", "h", "hourly"), "day": ("day", "daily"),
              "month": ("month", "mo", "mth", "pm", "p.m.", "monthly"),
              "item": ("item", "report", "piece", "deliverable", "each"),
              "fixed": ("fixed", "flat", "fixed fee", "flat fee", "one-off", "lump sum", "in total")}
_CURRENCY = re.compile(r"US\$|Rs\.?(?=\s|\d)|[$€£₹]|\b[A-Z]{3}\b")
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PER = re.compile(r"^(?:(?:per|an|a)\b|/)\s*|^\s+", re.IGNORECASE)


def parse_fee(text: str | None) -> dict | None:
    """``{"amount", "currency", "unit"}`` read from a fee written as text, or None when it cannot be compared
    with the rate card (a percentage of salary, no currency, no unit, more words than a fee)."""
    text = " ".join((text or "").split())
    currencies, amounts = _CURRENCY.findall(text), _AMOUNT.findall(text)
    if "%" in text or len(currencies) != 1 or len(amounts) != 1:
        return None
    rest, unit = _AMOUNT.sub(" ", _CURRENCY.sub(" ", text, count=1), count=1).strip(), None
    while rest:  # "per month", "a day", "/hour", "pm": the unit, after what may stand before it
        unit = next((name for name, words in UNIT_WORDS.items() if rest.lower().rstrip(".") in words
                     or rest.lower() in words), None)
        per = _PER.match(rest)
        if unit or not per or not per.end():
            break
        rest = rest[per.end():]
    amount = float(amounts[0].replace(",", ""))
    if unit is None or amount <= 0:
        return None
    return {"amount": amount, "currency": CURRENCY_SIGNS.get(currencies[0], currencies[0]), "unit": unit}


def fee_standing(*, service_line_id: int | None, unit: str | None, currency: str | None, amount: float | None,
                 problem_id: int | None = None, job_id: int | None = None) -> dict:
    """Where a fee (a brief's quote, a job order's fee) stands against the rate card, the one rule both follow:
    ``{"entry": RateCardEntry | None, "below_floor": bool, "other_currency": bool, "approval": FeeApproval | None,
    "cleared": bool}``. A fee in another currency than the rate card's cannot be compared, so it counts as below
    the floor; ``approval`` is the latest asked for this very fee (amount, unit, currency, service line) on this
    problem or job order; cleared means not below the floor, or approved by an executive."""
    entry = rate_for(service_line_id, unit)
    approval = None
    if _below(entry, currency, amount) and (problem_id or job_id):
        mine = [FeeApproval.problem_id == problem_id] if problem_id else []
        mine += [FeeApproval.job_id == job_id] if job_id else []
        approval = db.session.scalars(select(FeeApproval).where(
            or_(*mine), FeeApproval.amount == amount, FeeApproval.unit == unit,
            FeeApproval.currency == (currency or entry.currency), FeeApproval.service_line_id == service_line_id)
            .order_by(FeeApproval.requested_at.desc(), FeeApproval.id.desc())).first()
    return _standing(entry, currency, amount, approval)


def _other_currency(entry: RateCardEntry | None, currency: str | None, amount: float | None) -> bool:
    return bool(entry and amount is not None and (currency or entry.currency) != entry.currency)


def _below(entry: RateCardEntry | None, currency: str | None, amount: float | None) -> bool:
    """Below the floor: in another currency than the rate card's, or under its floor rate."""
    return _other_currency(entry, currency, amount) or bool(entry and amount is not None
                                                            and amount < entry.floor_rate)


def _standing(entry: RateCardEntry | None, currency: str | None, amount: float | None,
              approval: FeeApproval | None) -> dict:
    other_currency = _other_currency(entry, currency, amount)
    below = _below(entry, currency, amount)
    approval = approval if below else None
    return {"entry": entry, "below_floor": below, "other_currency": other_currency, "approval": approval,
            "cleared": not below or (approval is not None and approval.status == "approved")}


def job_fee_standings(jobs: list[Job]) -> dict[int, dict]:
    """``fee_standing`` of each job order, by job id, for a page of them in two queries (the rate card entries
    the page names, then the approvals of its orders below the floor) instead of two per order."""
    pairs = {(job.service_line_id, job.fee_unit) for job in jobs if job.service_line_id and job.fee_unit}
    entries = {}
    if pairs:
        lines = {line for line, _unit in pairs}
        entries = {(e.service_line_id, e.unit): e for e in db.session.scalars(
            select(RateCardEntry).where(RateCardEntry.service_line_id.in_(lines)))}
    entry_of = {job.id: entries.get((job.service_line_id, job.fee_unit)) for job in jobs}
    below = [job.id for job in jobs if _below(entry_of[job.id], job.fee_currency, job.fee_amount)]
    latest: dict[tuple, FeeApproval] = {}
    if below:
        for approval in db.session.scalars(select(FeeApproval).where(FeeApproval.job_id.in_(below)).order_by(
                FeeApproval.requested_at.desc(), FeeApproval.id.desc())):
            key = (approval.job_id, approval.amount, approval.unit, approval.currency, approval.service_line_id)
            latest.setdefault(key, approval)  # newest first: the first seen is the latest of this very fee
    out = {}
    for job in jobs:
        entry = entry_of[job.id]
        currency = job.fee_currency or (entry.currency if entry else None)
        approval = latest.get((job.id, job.fee_amount, job.fee_unit, currency, job.service_line_id))
        out[job.id] = _standing(entry, job.fee_currency, job.fee_amount, approval)
    return out


def check_fee(*, service_line_id: int | None, unit: str, amount: float, actor_id: int, client_id: int | None,
              currency: str | None = None, problem_id: int | None = None, job_id: int | None = None,
              reason: str | None = None) -> FeeApproval | None:
    """Check a fee against the rate card (``fee_standing``). At or above the floor (or with no rate card entry):
    None. Below it: the fee approval asked for this fee, a new one unless one is already waiting or given, approved
    at once when the actor is an executive (recorded as theirs), else waiting for one. The caller commits."""
    standing = fee_standing(service_line_id=service_line_id, unit=unit, currency=currency, amount=amount,
                            problem_id=problem_id, job_id=job_id)
    if not standing["below_floor"]:
        return None
    if standing["approval"] is not None and standing["approval"].status in ("pending", "approved"):
        return standing["approval"]
    entry = standing["entry"]
    actor = db.session.get(User, actor_id)
    approval = FeeApproval(client_id=client_id, problem_id=problem_id, job_id=job_id, service_line_id=service_line_id,
                           unit=unit, currency=currency or entry.currency, amount=amount, floor=entry.floor_rate,
                           floor_currency=entry.currency, reason=reason, requested_by_id=actor_id)
    if actor is not None and actor.role == Role.EXECUTIVE.value:
        approval.status, approval.approved_by_id, approval.decided_at = "approved", actor_id, utcnow()
        approval.decision_note = "Set by an executive consultant"
    db.session.add(approval)
    db.session.flush()
    record_audit("fee.below_floor", approval, actor_id=actor_id, amount=amount, currency=approval.currency,
                 floor=entry.floor_rate, floor_currency=entry.currency, status=approval.status,
                 problem_id=problem_id, job_id=job_id)
    return approval


def approvals(*, status: str | None = None, problem_id: int | None = None, job_id: int | None = None
              ) -> list[FeeApproval]:
    """Fee approvals, newest first, by status or for one problem or job order."""
    stmt = select(FeeApproval).order_by(FeeApproval.requested_at.desc(), FeeApproval.id.desc())
    if status:
        stmt = stmt.where(FeeApproval.status == status)
    if problem_id:
        stmt = stmt.where(FeeApproval.problem_id == problem_id)
    if job_id:
        stmt = stmt.where(FeeApproval.job_id == job_id)
    return list(db.session.scalars(stmt))


def decide_fee(approval_id: int, approve: bool, note: str | None, *, actor_id: int) -> FeeApproval:
    """An executive consultant approves or declines a fee below the floor; who and when are recorded."""
    approval = db.session.get(FeeApproval, approval_id)
    if approval is None:
        raise NotFound("No such fee approval.")
    actor = db.session.get(User, actor_id)
    if actor is None or actor.role != Role.EXECUTIVE.value:
        raise PermissionDenied("Only an executive consultant may approve a fee below the rate card's floor.")
    job = db.session.get(Job, approval.job_id) if approval.job_id else None
    if job is not None:
        # The job order first, as a change of its fee holds it (jobs.update_job): a decision and a new fee are
        # taken one after the other, and the decision reads the approval and the fee as they then are.
        hold(job)
        db.session.refresh(approval)
    if approval.status != "pending":
        raise Conflict(f"This fee was already {approval.status}.")
    approval.status = "approved" if approve else "declined"
    approval.approved_by_id, approval.decided_at, approval.decision_note = actor_id, utcnow(), note
    record_audit(f"fee.{approval.status}", approval, actor_id=actor_id, amount=approval.amount, floor=approval.floor)
    if approval.status == "approved" and approval.job_id:
        release_fee_hold(approval.job_id, actor_id=actor_id)
    db.session.commit()
    return approval


FEE_HOLD_REASON = "fee below the rate card's floor, waiting for an executive"


def release_fee_hold(job_id: int, *, actor_id: int) -> bool:
    """Reopen a job order that its fee put on hold (``jobs._hold_fee``) once its fee is cleared: only when the
    hold was the fee's (the order's last status change says so), so an order someone held by hand, or a draft,
    stays as it is. True when it reopened. The caller commits."""
    job = db.session.get(Job, job_id)
    if job is None or job.status != JobStatus.ON_HOLD.value:
        return False
    last = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "job.status", AuditEvent.object_type == "job", AuditEvent.object_id == str(job.id))
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())).first()
    if last is None or (last.details or {}).get("reason") != FEE_HOLD_REASON:
        return False
    if not fee_standing(service_line_id=job.service_line_id, unit=job.fee_unit, currency=job.fee_currency,
                        amount=job.fee_amount, job_id=job.id)["cleared"]:
        return False  # the fee changed since this approval was asked for: still waiting
    job.status = JobStatus.OPEN.value
    record_audit("job.status", job, actor_id=actor_id, old=JobStatus.ON_HOLD.value, new=job.status,
                 reason="fee approved by an executive")
    return True
