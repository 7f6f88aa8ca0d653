"""What a client sees of each candidate through a share link, as plain data.

The consultant chooses an anonymised profile or the full resume, and whether to show the score's reasons.
Anonymised means the page names no one and nothing that finds them: no name, contact details, links,
employer, school or place, in the structured card or in the resume text (blacked out at the parser's
evidence spans, and wherever else one of those values is written). Reasons are written for a client, in
plain words: no criterion codes, no raw figures such as "text similarity 0.45".
"""
from __future__ import annotations

import hashlib
import re

from sqlalchemy import select

from recruit.extensions import db
from recruit.models.base import utcnow
from recruit.services import blind, profiles

# Evidence keys whose words an anonymised resume blacks out (``experience.0.employer`` counts as ``employer``).
ANONYMISED_FIELDS = ("name", "emails", "phones", "links", "location", "employer", "institution")
HIDDEN = "█████"


def token_hash(token: str) -> str:
    """What is kept of a share link's token: its SHA-256, so a leaked database opens no link."""
    return hashlib.sha256(token.encode()).hexdigest()


def live_link(model, token: str):
    """The row of ``model`` (a submittal, a report's link: ``token_hash``, ``expires_at``, ``revoked_at``) that
    ``token`` opens, only while it is live: not withdrawn, not expired."""
    if not token or len(token) > 200:
        return None
    row = db.session.scalars(select(model).where(model.token_hash == token_hash(token))).first()
    if row is None or row.revoked_at or row.expires_at <= utcnow():
        return None
    return row


def _strength(points: float) -> str:
    if points >= 0.8:
        return "strong"
    if points >= 0.5:
        return "good"
    if points >= 0.2:
        return "partial"
    return "little"


def missing_skills(explanation: str) -> list[str]:
    found = re.search(r"missing (.+)$", explanation or "")
    return [s.strip() for s in found.group(1).split(",")] if found else []


def client_reason(criterion: dict) -> dict | None:
    """One criterion of a score as a client reads it (``{"label", "text"}``), or None when the job does not
    count it. Built from the criterion's points and the resume evidence, never its internal explanation."""
    if not criterion.get("weight"):
        return None
    name, points = criterion.get("name"), float(criterion.get("points") or 0)
    level = _strength(points)
    evidence = [e.get("text") for e in criterion.get("evidence") or [] if e.get("text")]
    if name in ("required_skills", "preferred_skills"):
        kind = "required" if name == "required_skills" else "preferred"
        text = f"{level.capitalize()} match on the {kind} skills"
        missing = missing_skills(criterion.get("explanation", ""))
        if missing:
            text += f"; not shown in the resume: {', '.join(missing)}"
    elif name == "experience":
        text = ("Meets the experience asked for" if points >= 0.99
                else f"{level.capitalize()} match on the years of experience asked for")
    elif name == "education":
        text = ("Meets the education asked for" if points >= 0.99
                else "One level below the education asked for" if points >= 0.5
                else "Does not show the education asked for")
    elif name == "domain_fit":
        text = f"{level.capitalize()} match between their work and this role"
        title = re.search(r"closest title held: (.+)$", criterion.get("explanation", ""))
        if title:
            text += f"; closest past role: {title.group(1)}"
    elif name == "kpo_aptitude":
        text = f"{level.capitalize()} signs of research and analysis work"
        if evidence:
            text += f" ({', '.join(evidence[:4])})"
    else:
        text = f"{level.capitalize()} match"
    return {"label": criterion.get("label") or name.replace("_", " ").capitalize(), "text": text}


def identifying_values(candidate, profile: dict) -> list[str]:
    """Every value that names or locates the person: what the parse found and what the record holds."""
    values = [profile.get("name"), profile.get("location"), candidate.name, candidate.email, candidate.phone,
              candidate.location]
    values += list(profile.get("emails") or []) + list(profile.get("phones") or []) + list(profile.get("links") or [])
    values += [w for w in (candidate.name or "").split() + (profile.get("name") or "").split() if len(w) >= 3]
    for job in profile.get("experience") or []:
        values += [job.get("employer"), job.get("location")]
    for school in profile.get("education") or []:
        values += [school.get("institution"), _field_parts(school.get("field"))[1]]
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 3}, key=len, reverse=True)


def _field_parts(field: str | None) -> tuple[str | None, str | None]:
    """A study field split at its first comma, bar or semicolon: (the field, what follows). When the parser reads
    no institution, the school lands after it ("Finance, NMIMS"), so an anonymised page treats that as
    identifying and shows only the field."""
    parts = re.split(r"\s*[,|;]\s*", field or "", maxsplit=1)
    tail = parts[1].strip() if len(parts) == 2 else ""
    return parts[0] or None, tail or None


def _scrub(text: str | None, values: list[str]) -> str | None:
    """``text`` with any of ``values`` written in it blacked out (a title such as "Analyst, Crisil")."""
    if not text:
        return text
    for value in values:
        text = blind.whole_word(value).sub(HIDDEN, text)
    return text


def client_card(item, submittal) -> dict:
    """What the client may see of one submitted candidate, as plain data: the label (a number when
    anonymised), score, the consultant's note, years, work, education, skills, reasons and resume text."""
    card = candidate_card(item.application, anonymise=submittal.anonymise, show_breakdown=submittal.show_breakdown,
                          label=f"Candidate {item.position + 1}", note=item.note)
    card.update(item_id=item.id, decision=item.decision, comment=item.comment, decided_at=item.decided_at)
    return card


def candidate_card(application, *, anonymise: bool, show_breakdown: bool, label: str, note: str | None = None,
                   with_text: bool = True) -> dict:
    """One candidate of ``application`` as a client may see them (a share link, a recommendation report):
    ``label`` stands for the name when ``anonymise``; ``scrub`` in the answer blacks out, in any other text,
    what would name or find them."""
    candidate = application.candidate
    profile = profiles.profile_for(application.candidate_id) or {}
    values = identifying_values(candidate, profile) if anonymise else []
    if anonymise and application.current_employer:
        values = sorted({*values, application.current_employer.strip()}, key=len, reverse=True)
    scrub = (lambda text: _scrub(text, values)) if anonymise else (lambda text: text)
    breakdown = (application.score_breakdown or {}).get("breakdown", []) if show_breakdown else []
    card = {
        "label": label if anonymise else candidate.name,
        "score": application.score, "note": scrub(note), "years": profile.get("total_experience_years"),
        "skills": [scrub(s["name"]) for s in profile.get("skills") or []][:25],
        "experience": [{"title": scrub(e.get("title")), "employer": None if anonymise else e.get("employer"),
                        "start": e.get("start"), "end": e.get("end")} for e in profile.get("experience") or []][:6],
        "education": [{"degree": scrub(e.get("degree")),
                       "field": _field_parts(e.get("field"))[0] if anonymise else e.get("field"), "end": e.get("end"),
                       "institution": None if anonymise else e.get("institution")}
                      for e in profile.get("education") or []][:4],
        "reasons": [r for r in (client_reason(c) for c in breakdown) if r],
        "text": None, "anonymised": anonymise, "scrub": scrub,
    }
    for reason in card["reasons"]:
        reason["text"] = scrub(reason["text"])
    resume = profiles.latest_parsed_resume(application.candidate_id) if with_text else None
    if resume is not None and not anonymise:
        card["text"] = resume.extracted_text
    elif resume is not None and resume.extracted_text and profile:
        card["text"] = blind.redacted(resume.extracted_text, profile.get("evidence", {}), profile.get("sections", []),
                                      fields=ANONYMISED_FIELDS, values=values)
    return card
