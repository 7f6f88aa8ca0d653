"""Blind review: whether a viewer may see who a candidate is, decided here for every page that shows one.

The rule (also in the README):

- A job that reviews blind hides who its applicants are from everyone but admins until each application
  reaches the job's reveal stage (``blind_until_stage``). Admins set the rule and answer for it, so they see
  identities (as before).
- A person is hidden *everywhere* a non-admin can reach them (the candidate list and search, the candidate
  page, its resume, profile and email composer, every job's pages, lists, the review queue, interviews,
  mentions) while any of their applications is still under blind review: open and before its job's reveal
  stage. Showing the name on one page while another hides it would let the same reviewer put the two
  together, and blind review would depend on nobody looking. The cost: for that time a second, open job
  also sees the label.
- A rejected or withdrawn application of a blind job stays blind on that job's own pages (the job was
  reviewed blind, its overview lists them), but does not keep the person anonymous elsewhere for ever.
- What is hidden: name, email, phone, location, links and the resume file (a redacted text stands in
  for it). The label is ``Applicant A-<application id>``: the application of the job being looked at,
  else the lowest-numbered blind one, so a job's ranking, board and overview agree with its pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import g, has_request_context
from sqlalchemy import select

from recruit.extensions import db
from recruit.models import Application, Job
from recruit.services import profiles, resumes
from recruit.services.errors import NotFound
from recruit.services.stages import stage_order

HIDDEN_TEXT = "hidden by blind review"


def blind_label(app) -> str:
    """The label an application under blind review goes by: ``Applicant A-00012``."""
    return f"Applicant A-{app if isinstance(app, int) else app.id:05d}"


def _order() -> list[str]:
    return stage_order()


def under_review(job: Job, stage: str, *, order: list[str] | None = None) -> bool:
    """True when an application of ``job`` at ``stage`` is open and before the job's reveal stage."""
    if not job.blind_review:
        return False
    order = _order() if order is None else order
    if stage not in order or job.blind_until_stage not in order:
        return False
    return order.index(stage) < order.index(job.blind_until_stage)


def hidden_at(job: Job, stage: str, viewer) -> bool:
    """On ``job``'s own pages, whether an application at ``stage`` is shown by its label to ``viewer``:
    open and before the reveal stage, or closed (rejected, withdrawn) in a job that reviews blind."""
    if viewer.is_admin or not job.blind_review:
        return False
    order = _order()
    return under_review(job, stage, order=order) or stage not in order


@dataclass(frozen=True)
class Identity:
    """Who a viewer may see a candidate as: the name and contact details, or a label and nothing."""

    hidden: bool
    name: str
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    secrets: tuple[str, ...] = field(default=(), repr=False)

    def scrub(self, text: str | None) -> str:
        """``text`` (a timeline line, a note, a subject) with the hidden name and contact details replaced
        by the label, wherever they are written."""
        text = text or ""
        if not self.hidden:
            return text
        for secret in self.secrets:
            text = whole_word(secret).sub(self.name, text)
        # "Meera_Nair_CV.pdf" reads "Applicant A-00012_CV.pdf", not the label twice
        label = re.escape(self.name)
        return re.sub(rf"{label}(?:[\s_.-]*{label})+", self.name, text)


def whole_word(value: str) -> re.Pattern:
    """``value`` wherever it is written as a whole (not inside a longer word, but inside ``Meera_Nair.pdf``),
    in any case."""
    return re.compile(r"(?<![^\W_])" + re.escape(value) + r"(?![^\W_])", re.IGNORECASE)


def _secrets(candidate) -> tuple[str, ...]:
    """The values a hidden identity must not show anywhere: the name (and its words), email, phone."""
    values = [candidate.name or "", candidate.email or "", candidate.phone or ""]
    values += [w for w in (candidate.name or "").split() if len(w) >= 3]
    values += [candidate.location or ""] if candidate.location and len(candidate.location) >= 3 else []
    return tuple(sorted({v for v in values if v.strip()}, key=len, reverse=True))


def labels_for(viewer, candidate_ids, *, job_id: int | None = None) -> dict[int, str]:
    """The label of every candidate in ``candidate_ids`` hidden from ``viewer`` (one query); the others
    are not in the answer. ``job_id`` is the job whose page this is, if any."""
    ids = {int(i) for i in candidate_ids if i is not None}
    if not ids or viewer.is_admin or not _any_blind_job():
        return {}
    rows = db.session.execute(
        select(Application.candidate_id, Application.id, Application.job_id, Application.stage, Job)
        .join(Job, Job.id == Application.job_id)
        .where(Application.candidate_id.in_(ids), Job.blind_review.is_(True))
        .order_by(Application.id)).all()
    blind: dict[int, int] = {}  # candidate -> lowest application still under blind review
    here: dict[int, tuple[int, bool]] = {}  # candidate -> (application of this job, hidden on its pages)
    if job_id is not None:
        here = {cid: (aid, hidden_at(job, stage, viewer))
                for cid, aid, jid, stage, job in db.session.execute(
                    select(Application.candidate_id, Application.id, Application.job_id, Application.stage, Job)
                    .join(Job, Job.id == Application.job_id)
                    .where(Application.candidate_id.in_(ids), Application.job_id == job_id)).all()}
    order = _order()
    for cid, aid, _, stage, job in rows:
        if under_review(job, stage, order=order):
            blind.setdefault(cid, aid)
    labels = {cid: blind_label(aid) for cid, aid in blind.items()}
    for cid, (aid, hidden) in here.items():
        if hidden or cid in blind:
            labels[cid] = blind_label(aid)
    return labels


def _any_blind_job() -> bool:
    """Whether some job reviews blind (a read of the jobs table): when none does, nobody is hidden and the
    applications of the candidates asked about need not be read."""
    return db.session.scalar(select(Job.id).where(Job.blind_review.is_(True)).limit(1)) is not None


def prefetch(viewer, candidate_ids, *, job_id: int | None = None) -> None:
    """Work out once, for a page that lists many candidates, which of them ``viewer`` sees by label, so
    each ``identity`` call on the page is answered without a query."""
    _labels(viewer, candidate_ids, job_id)


def _labels(viewer, candidate_ids, job_id: int | None) -> dict[int, str | None]:
    """The request's labels for ``job_id`` (a label, or None for a candidate seen by name), with those of
    ``candidate_ids`` it did not hold yet worked out in one query."""
    cache = _cache().setdefault(job_id, {})
    wanted = {int(i) for i in candidate_ids if i is not None} - cache.keys()
    if wanted:
        labels = labels_for(viewer, wanted, job_id=job_id)
        cache.update({cid: labels.get(cid) for cid in wanted})
    return cache


def _cache() -> dict:
    if not has_request_context():
        return {}
    if "blind_labels" not in g:
        g.blind_labels = {}
    return g.blind_labels


def identity(viewer, candidate, job=None) -> Identity:
    """How ``viewer`` may see ``candidate`` on a page about ``job`` (a Job, a job id or None)."""
    return _seen(_labels(viewer, [candidate.id], getattr(job, "id", job)).get(candidate.id), candidate)


def identities(viewer, candidates, job=None) -> list[Identity]:
    """``identity`` of each candidate of a page that lists many (records, or rows with their id, name, email,
    phone and location), worked out with one query for the page."""
    labels = _labels(viewer, [c.id for c in candidates], getattr(job, "id", job))
    return [_seen(labels.get(c.id), c) for c in candidates]


def _seen(label: str | None, candidate) -> Identity:
    if label is None:
        return Identity(False, candidate.name, candidate.email, candidate.phone, candidate.location)
    return Identity(True, label, secrets=_secrets(candidate))


def found_by_identity(viewer, candidates, *, words: str = "", location: str = "") -> set[int]:
    """Ids of ``candidates`` hidden from ``viewer`` that a search found by who they are: a search word that is
    their name, email or phone (or a word of them), or a location filter (the place is hidden too). Listing
    them, even by label, would tell the reviewer who the label is."""
    terms = {t.casefold() for t in re.findall(r"[^\s,;]+", words or "")}
    found = set()
    for candidate in candidates:
        seen = identity(viewer, candidate)
        if not seen.hidden:
            continue
        secrets = {part.casefold() for s in seen.secrets for part in [s, *re.findall(r"[^\s,;]+", s)]}
        if location.strip() or terms & secrets:
            found.add(candidate.id)
    return found


def is_hidden(viewer, candidate_id: int) -> bool:
    """Whether any page shows ``viewer`` the candidate by label (for routes that refuse what cannot be
    shown without the identity, such as editing the name)."""
    return bool(labels_for(viewer, [candidate_id]))


def redacted(text: str, evidence: dict, sections: list[dict], *, fields=("name", "emails", "phones", "links",
                                                                        "location"), header: bool = True,
             values=()) -> str:
    """``text`` with the evidence spans of ``fields`` blacked out (an evidence key ``experience.0.employer``
    counts for the field ``employer``, and for ``experience``), the header, personal and contact sections
    too when ``header``, and any other place where one of ``values`` is written."""
    wanted = set(fields)
    spans = [tuple(v) for k, v in evidence.items() if v and (k.split(".")[0] in wanted or k.split(".")[-1] in wanted)]
    if header:
        spans += [(s["start"], s["end"]) for s in sections if s["label"] in ("header", "personal", "contact")]
    for value in values:
        value = (value or "").strip()
        if len(value) >= 3:
            spans += [m.span() for m in whole_word(value).finditer(text)]
    chars = list(text)
    for a, b in spans:
        for i in range(max(a, 0), min(b, len(chars))):
            if not chars[i].isspace():
                chars[i] = "█"
    return "".join(chars)


@dataclass(frozen=True)
class ResumeFile:
    """A resume as a viewer may open it: the file itself, or its text with personal details blacked out."""

    data: bytes
    mimetype: str
    filename: str
    redacted: bool


def resume_for(viewer, candidate, resume, job=None) -> ResumeFile:
    """The resume file ``viewer`` may open: the original, or under blind review the extracted text with the
    name, contact details, places and links blacked out (the file itself shows them). A resume not parsed
    yet cannot be blacked out and raises NotFound while the candidate is hidden."""
    seen = identity(viewer, candidate, job)
    if not seen.hidden:
        return ResumeFile(resumes.resume_bytes(resume), resume.mimetype, resume.filename, False)
    profile = profiles.profile_for(candidate.id, resume) if resume.parse_status == "done" else None
    if profile is None or not resume.extracted_text:
        raise NotFound("This resume can be opened once it is parsed: blind review shows it only with the "
                       "personal details blacked out.")
    text = redacted(resume.extracted_text, profile.get("evidence", {}), profile.get("sections", []),
                    values=seen.secrets)
    return ResumeFile(text.encode(), "text/plain; charset=utf-8",
                      seen.name.replace("Applicant ", "").lower() + ".txt", True)


IDENTITY_FIELDS = ("name", "emails", "phones", "links", "location")


def profile_as_seen(seen: Identity, profile: dict | None, text: str) -> tuple[dict | None, str]:
    """A parsed profile and its resume text as ``seen`` lets them be shown: unchanged, or without the name,
    contact details, links and places (fields emptied, their words in the text blacked out)."""
    if not seen.hidden or profile is None:
        return profile, text
    shown = {**profile, "name": None, "emails": [], "phones": [], "links": [], "location": None,
             "experience": [{**job, "location": None} for job in profile.get("experience", [])],
             "evidence": {k: v for k, v in profile.get("evidence", {}).items()
                          if k.split(".")[0] not in IDENTITY_FIELDS and not k.endswith(".location")}}
    return shown, redacted(text, profile.get("evidence", {}), profile.get("sections", []), values=seen.secrets)
