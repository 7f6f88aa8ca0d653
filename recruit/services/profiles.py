"""A candidate's profile as recruiters see it: the latest parsed resume with their corrections applied.

Read by parsing, review, scoring, search and blind review alike, so it depends on none of them.
"""
from __future__ import annotations

import copy

from sqlalchemy import select

from recruit.extensions import db
from recruit.models import ProfileCorrection, Resume

ENTRY_FIELDS = {"experience": ("title", "employer", "location", "start", "end"),
                "education": ("degree", "field", "institution", "start", "end", "grade")}
# An entry with none of these left (a recruiter blanked them) is no entry: it is removed like a ticked one.
ENTRY_NAMES = {"experience": ("title", "employer"), "education": ("degree", "field", "institution")}
REMOVED = "removed"  # ``education.2.removed``: the recruiter struck the entry out


def latest_parsed_resume(candidate_id: int) -> Resume | None:
    """The candidate's newest resume that is parsed and not awaiting acceptance, None when there is none."""
    return db.session.scalars(select(Resume).where(Resume.candidate_id == candidate_id,
                                                   Resume.parse_status == "done", Resume.acceptance.is_(None))
                              .order_by(Resume.uploaded_at.desc(), Resume.id.desc()).limit(1)).first()


def corrections(candidate_id: int) -> dict[str, ProfileCorrection]:
    """The recruiters' corrections of the candidate's profile, by field path."""
    rows = db.session.scalars(select(ProfileCorrection).where(ProfileCorrection.candidate_id == candidate_id))
    return {row.field: row for row in rows}


def profile_for(candidate_id: int, resume: Resume | None = None, *, keep_removed: bool = False,
                fixes: dict[str, ProfileCorrection] | None = None) -> dict | None:
    """The candidate's profile: the latest parsed resume with the recruiters' corrections applied.

    Entries a recruiter removed are left out (``keep_removed`` keeps them, for comparing with the parse);
    ``positions`` maps each section's shown entries to their place in the parse, which corrections name,
    and the evidence follows the entries and skills that stay. ``fixes``: the candidate's ``corrections`` when
    the caller has read them already (for many candidates in one query).
    """
    resume = resume or latest_parsed_resume(candidate_id)
    if resume is None or not resume.parsed:
        return None
    profile = copy.deepcopy(resume.parsed)
    profile["corrected"] = []
    parsed_skills = [s.get("name", "").lower() for s in profile.get("skills") or []]
    removed = {section: set() for section in ENTRY_FIELDS}
    for path, row in (corrections(candidate_id) if fixes is None else fixes).items():
        parts = path.split(".")
        if len(parts) == 3 and parts[2] == REMOVED:
            if row.value:
                removed[parts[0]].add(int(parts[1]))
                profile.setdefault("struck", []).append(path)
        else:
            apply_correction(profile, path, row.value)
        profile["corrected"].append(path)
    if "skills" in profile["corrected"]:
        _follow_skill_evidence(profile, parsed_skills)
    profile["positions"] = {section: list(range(len(profile.get(section) or []))) for section in ENTRY_FIELDS}
    profile["removed"] = []
    if not keep_removed:
        for section in ENTRY_FIELDS:
            _drop_removed(profile, section, removed[section])
    return profile


def _follow_skill_evidence(profile: dict, parsed_names: list[str]) -> None:
    """Point each kept skill's evidence at its new place in the corrected list; added skills have none."""
    evidence = profile.get("evidence") or {}
    old = {key: evidence.pop(key) for key in [k for k in evidence if k.startswith("skills.")]}
    for new_index, skill in enumerate(profile.get("skills") or []):
        name = skill.get("name", "").lower()
        if name in parsed_names and f"skills.{parsed_names.index(name)}" in old:
            evidence[f"skills.{new_index}"] = old[f"skills.{parsed_names.index(name)}"]


def _drop_removed(profile: dict, section: str, removed: set[int]) -> None:
    """Leave out the entries struck out, or blanked, by a recruiter; renumber the rest and their evidence."""
    entries = profile.get(section) or []
    blanked = {i for i, entry in enumerate(entries)
               if any(p.startswith(f"{section}.{i}.") for p in profile["corrected"])
               and not any(entry.get(key) for key in ENTRY_NAMES[section])}
    gone = (removed | blanked) & set(range(len(entries)))
    if not gone:
        return
    kept = [i for i in range(len(entries)) if i not in gone]
    profile["removed"] += [{"section": section, "index": i, "label": _entry_label(section, entries[i])}
                           for i in sorted(gone)]
    evidence = profile.get("evidence") or {}
    moved = {}
    for key in [k for k in evidence if k.startswith(f"{section}.")]:
        parts = key.split(".", 2)
        value = evidence.pop(key)
        if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) in kept:
            moved[f"{section}.{kept.index(int(parts[1]))}.{parts[2]}"] = value
    evidence.update(moved)
    profile[section] = [entries[i] for i in kept]
    profile["positions"][section] = kept


def _entry_label(section: str, entry: dict) -> str:
    words = [entry.get(key) for key in ENTRY_NAMES[section]] + [entry.get("grade"), entry.get("end")]
    return " · ".join(str(w) for w in words if w) or "an empty entry"


def apply_correction(profile: dict, path: str, value) -> None:
    """Set one corrected field (``name``, ``experience.2.title``) in a profile, adding entries up to it."""
    parts = path.split(".")
    if len(parts) == 1:
        profile[parts[0]] = value
        return
    section, index, key = parts[0], int(parts[1]), parts[2]
    entries = profile.setdefault(section, [])
    while len(entries) <= index:
        entries.append({k: None for k in ENTRY_FIELDS[section]})
    entries[index][key] = value
