"""How far to trust a parsed resume: a confidence per key field and the reasons a person should look.

The parser's output (``ParsedResume``) keeps exactly its documented keys; this module reads it and
answers separately, so the app can send doubtful resumes to a review queue. Confidences are in
``[0, 1]``; a field below ``REVIEW_BELOW`` puts the resume in the queue with a reason a recruiter
understands.
"""
from __future__ import annotations

import re
from datetime import date

from nlp.resume import ParsedResume
from nlp.vocab import COUNTRIES, PLACES, US_STATES, common_words, only_common_words

REVIEW_BELOW = 0.5
DATE = re.compile(r"^(?:(\d{4})(?:-(0[1-9]|1[0-2]))?|present)$")
# Fields a queue reviewer checks first, in the order the review page lists them.
KEY_FIELDS = ("text", "name", "contact", "location", "dates", "experience", "education", "skills")
# Word endings a person's name rarely has ("temporarily restricted", "Managing Consulting").
NOT_A_NAME_WORD = re.compile(r"(?i)^[a-z]{3,}(?:ly|ed|ing|tion|ment|ness|ity|ive|ies)$")


def assess(parsed: ParsedResume | dict, today: date | None = None) -> dict:
    """``{"fields": {field: confidence}, "reasons": [...], "review": bool}`` for a parsed resume."""
    if isinstance(parsed, dict):
        parsed = ParsedResume.from_dict(parsed)
    today = today or date.today()
    fields: dict[str, float] = {}
    reasons: list[str] = []

    def rate(name: str, value: float, reason: str | None = None) -> None:
        fields[name] = round(max(0.0, min(1.0, value)), 2)
        if reason and value < REVIEW_BELOW:
            reasons.append(reason)

    rate("text", *_text(parsed.text))
    rate("name", *_name(parsed))
    if parsed.emails or parsed.phones:
        rate("contact", 0.95 if parsed.emails and parsed.phones else 0.8)
    elif parsed.links:  # a profile page reaches the person, less directly
        rate("contact", 0.55)
    else:
        rate("contact", 0.0, "No email address or phone number found.")
    rate("location", *_location(parsed))
    rate("dates", *_dates(parsed, today))
    labels = {s.get("label") for s in parsed.sections}
    if parsed.experience:
        complete = sum(1 for e in parsed.experience if e.title and e.employer) / len(parsed.experience)
        rate("experience", 0.5 + 0.45 * complete)
    elif "experience" in labels:
        rate("experience", 0.3, "The resume has a work history section but no job could be read from it.")
    else:
        rate("experience", 0.6)  # a fresh graduate may have none
    if parsed.education:
        complete = sum(1 for e in parsed.education if e.degree and e.institution) / len(parsed.education)
        rate("education", 0.5 + 0.45 * complete)
    elif "education" in labels:
        rate("education", 0.3, "The resume has an education section but no degree could be read from it.")
    else:
        rate("education", 0.4)
    rate("skills", 0.3 + min(0.65, len(parsed.skills) * 0.065) if parsed.skills else 0.3)
    return {"fields": fields, "reasons": reasons, "review": bool(reasons)}


def _text(text: str) -> tuple[float, str | None]:
    stripped = "".join(text.split())
    if len(stripped) < 200:
        return 0.1, "Very little text could be read: the resume may be scanned or mostly images."
    letters = sum(ch.isalpha() for ch in stripped)
    if letters / len(stripped) < 0.6:
        return 0.3, "The text looks garbled (few letters among the characters read)."
    words = re.findall(r"[A-Za-z]{2,}", text)
    if words:
        known = sum(1 for w in words[:2000] if w.lower() in common_words()) / min(len(words), 2000)
        if common_words() and known < 0.15:
            return 0.35, "Few ordinary English words were read: the text may be in another script or damaged."
    return 0.95, None


def _name(parsed: ParsedResume) -> tuple[float, str | None]:
    name = (parsed.name or "").strip()
    if not name:
        return 0.0, "No name found."
    words = name.split()
    if any(ch.isdigit() for ch in name) or "@" in name or len(words) > 5:
        return 0.2, f"“{name}” does not look like a person's name."
    if only_common_words(name) or any(NOT_A_NAME_WORD.match(w) for w in words) or name.islower():
        return 0.3, f"“{name}” may not be a person's name."
    where = parsed.evidence.get("name")
    score = 0.9 if len(words) >= 2 else 0.55
    if where and where[0] > 600:  # names sit at the top; one found further down is a guess
        score -= 0.25
    return score, None


def _location(parsed: ParsedResume) -> tuple[float, str | None]:
    """A place the model read too is surer; one that is a product or a skill ("Power Point, MS" from
    "Power Point, MS Outlook", "Fortran") is a reason to look."""
    place = (parsed.location or "").strip()
    if not place:
        return 0.5, None
    if doubtful_place(place):
        return 0.2, f"“{place}” looks like a product or a phrase, not a place."
    source = parsed.sources.get("location")
    return {"rules+model": 0.9, "model": 0.6}.get(source, 0.75), None


def doubtful_place(place: str) -> bool:
    """Whether a place read from a resume looks like a product, a skill or a phrase instead, unless one
    of its parts is a place we know ("Pune", "Texas")."""
    parts = [p.strip() for p in re.split(r"[,|/]", place) if p.strip()]
    if any(p.lower().strip(".") in PLACES | COUNTRIES | US_STATES for p in parts):
        return False
    words = place.replace(",", " ").split()
    return (any(_is_skill(p) for p in parts) or any(_is_skill(w) for w in words if len(w) > 3)
            or only_common_words(" ".join(words)))


def _is_skill(text: str) -> bool:
    from nlp.vocab import skill_names

    key = re.sub(r"[^a-z0-9+#]", "", text.lower())
    return len(key) > 2 and key in skill_names()


def _month(value: str, *, end: bool) -> int | None:
    match = DATE.match(value or "")
    if not match:
        return None
    if value == "present":
        return 10**6
    year, month = int(match.group(1)), match.group(2)
    return year * 12 + (int(month) if month else (12 if end else 1)) - 1


def _dates(parsed: ParsedResume, today: date) -> tuple[float, str | None]:
    entries = parsed.experience
    if not entries:
        return 0.7, None
    now = today.year * 12 + today.month - 1
    bad = []
    for i, job in enumerate(entries):
        start = _month(job.start or "", end=False)
        end = _month(job.end or "", end=True) if job.end else None
        if not job.start and not job.end:
            bad.append(f"job {i + 1} gives no dates")
        elif start is None or (job.end and end is None):
            bad.append(f"job {i + 1} has dates that could not be read")
        elif start > now + 1:
            bad.append(f"job {i + 1} starts in the future")
        elif end is not None and end != 10**6 and end < start:
            bad.append(f"job {i + 1} ends before it starts")
    if not bad:
        return 0.95, None
    share = len(bad) / len(entries)
    if parsed.total_experience_years is not None and parsed.total_experience_years > 50:
        share = 1.0
    return 0.9 - share, "Dates to check: " + "; ".join(bad) + "."
