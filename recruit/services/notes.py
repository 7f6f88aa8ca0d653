"""Notes with @mentions, tags and saved lists: what recruiters write about and group candidates by."""
from __future__ import annotations

import re

from sqlalchemy import exists, func, select

from recruit.extensions import db
from recruit.models import (Activity, Application, Candidate, Interview, InterviewAssignment, Mention, Role, SavedList,
                            Tag, User)
from recruit.models.base import utcnow
from recruit.models.workflow import candidate_tags, list_members
from recruit.services.audit import record_activity, record_audit
from recruit.services.errors import Conflict, InvalidInput
from recruit.services.lookup import get_or_raise
from recruit.services.search import index_candidate
from recruit.services.text import squash

MENTION = re.compile(r"(?<![\w.@])@([A-Za-z][\w.\-]{1,60})")


def _candidate(candidate_id: int) -> Candidate:
    return get_or_raise(Candidate, candidate_id, "candidate")


# ------------------------------------------------------------------ notes and mentions

def mentioned_users(text: str) -> list[User]:
    """Users named in ``text`` as ``@handle``: the part of their email before the @, or a first name
    that only one active user has."""
    handles = {m.group(1).rstrip(".-").lower() for m in MENTION.finditer(text)}
    if not handles:
        return []
    users = list(db.session.scalars(select(User).where(User.is_active_account.is_(True))))
    found = {}
    for handle in handles:
        by_email = [u for u in users if u.email.lower().split("@")[0] == handle]
        by_first = [u for u in users if (u.name or "").split()[0].lower() == handle] if not by_email else []
        match = by_email or (by_first if len(by_first) == 1 else [])
        for user in match:
            found[user.id] = user
    return list(found.values())


def add_note(candidate_id: int, text: str, *, actor_id: int, application_id: int | None = None) -> Activity:
    candidate = _candidate(candidate_id)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Write something first.", field="note")
    if len(text) > 5000:
        raise InvalidInput("Keep a note under 5,000 characters.", field="note")
    job_id = None
    if application_id:
        application = db.session.get(Application, application_id)
        if application is None or application.candidate_id != candidate.id:
            raise InvalidInput("That application is not this candidate's.")
        job_id = application.job_id
    users = [u for u in mentioned_users(text) if u.id != actor_id]
    activity = record_activity(candidate.id, "note", text, actor_id=actor_id, job_id=job_id,
                               application_id=application_id, data={"mentions": [u.id for u in users]} if users else None)
    db.session.flush()
    for user in users:
        db.session.add(Mention(activity_id=activity.id, user_id=user.id))
    record_audit("candidate.note", candidate, actor_id=actor_id, mentions=[u.id for u in users])
    db.session.commit()
    return activity


def unseen_mentions(user_id: int, limit: int = 20) -> list[Mention]:
    return list(db.session.scalars(select(Mention).where(Mention.user_id == user_id, Mention.seen_at.is_(None))
                                   .order_by(Mention.id.desc()).limit(limit)))


def may_read_notes(user: User, candidate_id: int) -> bool:
    """Whether a user may read the notes on a candidate: recruiters, executives and admins always (they open every
    candidate), an interviewer only while on the panel of one of the candidate's interviews."""
    if user.has_role(Role.ADMIN, Role.RECRUITER, Role.EXECUTIVE):
        return True
    return db.session.scalar(select(InterviewAssignment.id).join(Interview).join(Application).where(
        InterviewAssignment.interviewer_id == user.id, Application.candidate_id == candidate_id).limit(1)) is not None


def dashboard_mentions(user: User, limit: int = 20) -> list[tuple[Mention, bool]]:
    """The user's unseen mentions, each with whether they may read the note (else only that they were
    mentioned is shown: a note on a candidate they do not interview stays private)."""
    return [(m, may_read_notes(user, m.activity.candidate_id)) for m in unseen_mentions(user.id, limit)]


def mark_mentions_seen(user_id: int, candidate_id: int) -> None:
    mentions = db.session.scalars(select(Mention).join(Activity).where(
        Mention.user_id == user_id, Mention.seen_at.is_(None), Activity.candidate_id == candidate_id))
    changed = False
    for mention in mentions:
        mention.seen_at, changed = utcnow(), True
    if changed:
        db.session.commit()


# ------------------------------------------------------------------ tags

def clean_tag(name: str) -> str:
    name = squash((name or "").strip().lstrip("#")).lower()
    if len(name) > 50:
        raise InvalidInput("Keep tags under 50 characters.", field="tags")
    return name


def set_tags(candidate_id: int, names: list[str], *, actor_id: int) -> list[str]:
    """Replace a candidate's tags; returns them sorted."""
    candidate = _candidate(candidate_id)
    wanted = sorted({clean_tag(n) for n in names if clean_tag(n)})
    existing = {t.name: t for t in db.session.scalars(select(Tag).where(Tag.name.in_(wanted)))} if wanted else {}
    tags = [existing.get(name) or Tag(name=name) for name in wanted]
    old = sorted(t.name for t in candidate.tags)
    if old == wanted:
        return wanted
    candidate.tags = tags
    added, removed = sorted(set(wanted) - set(old)), sorted(set(old) - set(wanted))
    record_activity(candidate.id, "tagged", "Tags: " + ", ".join(
        [f"+{t}" for t in added] + [f"−{t}" for t in removed]), actor_id=actor_id,
        data={"added": added, "removed": removed})
    record_audit("candidate.tags", candidate, actor_id=actor_id, added=added, removed=removed)
    db.session.commit()

    index_candidate(candidate.id)
    return wanted


def tag_names() -> list[str]:
    """The names of the tags some candidate has, in order, for the search form (one index probe per tag, not
    a count of every tagged candidate)."""
    return list(db.session.scalars(select(Tag.name).where(exists().where(candidate_tags.c.tag_id == Tag.id))
                                   .order_by(Tag.name)))


# ------------------------------------------------------------------ saved lists

def lists() -> list[tuple[SavedList, int]]:
    size = (select(func.count()).select_from(list_members)
            .where(list_members.c.list_id == SavedList.id).correlate(SavedList).scalar_subquery())
    return list(db.session.execute(select(SavedList, size).order_by(SavedList.name)).all())


def get_list(list_id: int) -> SavedList:
    return get_or_raise(SavedList, list_id, "list")


def create_list(name: str, *, actor_id: int) -> SavedList:
    name = squash(name)
    if not name or len(name) > 120:
        raise InvalidInput("Give the list a name of up to 120 characters.", field="name")
    if db.session.scalars(select(SavedList).where(func.lower(SavedList.name) == name.lower())).first():
        raise Conflict("There is already a list with this name.")
    saved = SavedList(name=name, created_by_id=actor_id)
    db.session.add(saved)
    db.session.flush()
    record_audit("list.create", saved, actor_id=actor_id, name=name)
    db.session.commit()
    return saved


def add_to_list(list_id: int, candidate_ids: list[int], *, actor_id: int) -> int:
    saved = get_list(list_id)
    present = {c.id for c in saved.candidates}
    added = 0
    for candidate in db.session.scalars(select(Candidate).where(Candidate.id.in_(candidate_ids))):
        if candidate.id not in present:
            saved.candidates.append(candidate)
            record_activity(candidate.id, "listed", f"Added to the list {saved.name}", actor_id=actor_id,
                            data={"list_id": saved.id})
            added += 1
    if added:
        record_audit("list.add", saved, actor_id=actor_id, candidates=candidate_ids)
        db.session.commit()
    return added


def remove_from_list(list_id: int, candidate_id: int, *, actor_id: int) -> None:
    saved = get_list(list_id)
    candidate = _candidate(candidate_id)
    if candidate in saved.candidates:
        saved.candidates.remove(candidate)
        record_activity(candidate.id, "unlisted", f"Removed from the list {saved.name}", actor_id=actor_id,
                        data={"list_id": saved.id})
        record_audit("list.remove", saved, actor_id=actor_id, candidate_id=candidate_id)
        db.session.commit()


def lists_of(candidate_id: int) -> list[SavedList]:
    return list(db.session.scalars(select(SavedList).join(list_members, list_members.c.list_id == SavedList.id)
                                   .where(list_members.c.candidate_id == candidate_id).order_by(SavedList.name)))
