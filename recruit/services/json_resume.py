"""Candidates as JSON Resume 1.0 (jsonresume.org): out from the parsed profile, in as a new candidate whose
resume is the document's text, parsed by the worker like any upload (so every field keeps its evidence)."""
from __future__ import annotations

from recruit.services.candidates import create_candidate
from recruit.services.errors import InvalidInput

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"


def export(seen, candidate, profile: dict | None) -> dict:
    """The candidate as JSON Resume, as ``seen`` (blind review) and the profile (already as seen) allow."""
    profile = profile or {}
    basics = {"name": seen.name, "label": None if seen.hidden else candidate.headline,
              "email": seen.email, "phone": seen.phone,
              "location": {"address": seen.location} if seen.location else None,
              "profiles": [{"url": link} for link in profile.get("links", [])]}
    work = [{"name": job.get("employer"), "position": job.get("title"), "location": job.get("location"),
             "startDate": job.get("start"), "endDate": job.get("end"), "summary": job.get("description")}
            for job in profile.get("experience", [])]
    education = [{"institution": e.get("institution"), "studyType": e.get("degree"), "area": e.get("field"),
                  "startDate": e.get("start"), "endDate": e.get("end"), "score": e.get("grade")}
                 for e in profile.get("education", [])]
    skills = [{"name": s.get("name"), "keywords": [s.get("category")] if s.get("category") else []}
              for s in profile.get("skills", [])]
    return _drop_empty({"$schema": SCHEMA, "basics": basics, "work": work, "education": education, "skills": skills,
                        "languages": [{"language": lang} for lang in profile.get("languages", [])],
                        "certificates": [{"name": c} for c in profile.get("certifications", [])],
                        "meta": {"version": "v1.0.0", "lastModified": candidate.updated_at.isoformat()}})


def _drop_empty(value):
    if isinstance(value, dict):
        kept = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def _text(document: dict) -> str:
    """The document as a plain resume the parser reads (headings it knows, one line per entry)."""
    basics = document.get("basics") or {}
    lines = [basics.get("name") or "", basics.get("label") or "", basics.get("email") or "", basics.get("phone") or ""]
    location = basics.get("location") or {}
    lines.append(", ".join(str(location[k]) for k in ("city", "region", "countryCode") if location.get(k)))
    lines += [p.get("url") or "" for p in basics.get("profiles") or [] if isinstance(p, dict)]
    if basics.get("summary"):
        lines += ["", "Summary", str(basics["summary"])]
    if document.get("work"):
        lines += ["", "Experience"]
        for job in document["work"]:
            # "Employer | Title | dates" is the line the experience component reads most surely
            lines.append(f"{job.get('name') or ''} | {job.get('position') or ''} | "
                         f"{job.get('startDate') or ''} - {job.get('endDate') or 'Present'}")
            lines += [str(job.get("summary") or "")] + [f"- {h}" for h in job.get("highlights") or []]
    if document.get("education"):
        lines += ["", "Education"]
        for e in document["education"]:
            lines.append(f"{e.get('studyType') or ''} {e.get('area') or ''}, {e.get('institution') or ''}  "
                         f"{e.get('startDate') or ''} - {e.get('endDate') or ''}")
    if document.get("skills"):
        lines += ["", "Skills", ", ".join(str(s.get("name")) for s in document["skills"] if s.get("name"))]
    if document.get("languages"):
        lines += ["", "Languages", ", ".join(str(x.get("language")) for x in document["languages"]
                                            if x.get("language"))]
    if document.get("certificates"):
        lines += ["", "Certifications"] + [str(c.get("name")) for c in document["certificates"] if c.get("name")]
    return "\n".join(line for line in lines if line is not None).strip() + "\n"


def import_candidate(document: dict, *, actor_id: int, job_id: int | None = None):
    """A new candidate from a JSON Resume document; its text is stored as their resume and parsed on the worker."""
    basics = document.get("basics") if isinstance(document, dict) else None
    if not isinstance(basics, dict) or not str(basics.get("name") or "").strip():
        raise InvalidInput("A JSON Resume needs basics.name.", field="basics.name")
    location = basics.get("location") if isinstance(basics.get("location"), dict) else {}
    values = {"name": str(basics["name"]), "email": basics.get("email") or "", "phone": basics.get("phone") or "",
              "location": ", ".join(str(location[k]) for k in ("city", "region") if location.get(k)),
              "headline": str(basics.get("label") or "")}
    text = _text(document).encode("utf-8")
    try:
        return create_candidate(values, actor_id=actor_id, source="api", resume=(text, "json-resume.txt"),
                                job_id=job_id)
    except InvalidInput as exc:  # name the field where the document has it
        raise InvalidInput(str(exc), field=f"basics.{exc.field}" if exc.field in values else exc.field) from None
