"""How senior a job title is: intern/junior/associate/analyst < (no seniority word) < senior/lead < manager
< director/head < VP/chief, and how a candidate's latest title sits against the job's in words."""
from __future__ import annotations

import re
from functools import lru_cache

# (level, name in words, words that say it); the highest level named wins ("Senior Manager" is a manager).
LEVELS = (
    (0, "junior", r"intern(ship)?|trainee|apprentice|junior|jr|associate|analyst|assistant|entry[- ]level|graduate"),
    (2, "senior", r"senior|sr|lead|leader|principal"),
    (3, "manager", r"manager|supervisor|team leader"),
    (4, "director", r"director|head"),
    (5, "executive", r"vp|vice[- ]president|president|chief|c[etfo]o|partner"),
)
UNMARKED = 1  # a title with no seniority word ("Tax Accountant"): a working professional
PATTERNS = [(level, name, re.compile(rf"(?i)\b(?:{words})\b")) for level, name, words in LEVELS]
# Points by the candidate's level minus the job's: a level above is as good a fit as the same level (raters
# put a Senior Tax Accountant above junior ones for a Tax Accountant job), far above or below much less.
POINTS = {-2: 0.2, -1: 0.5, 0: 1.0, 1: 1.0, 2: 0.7}
FAR_ABOVE, FAR_BELOW = 0.4, 0.0


def seniority(title: str) -> tuple[int, str, str]:
    """(level, its name in words, the word that says it, "" when none) of a job title."""
    found = [(level, name, m.group(0)) for level, name, pattern in PATTERNS for m in [pattern.search(title or "")]
             if m]
    if not found:
        return UNMARKED, "no seniority word", ""
    return max(found, key=lambda f: f[0])


@lru_cache(maxsize=65536)  # resumes share titles: ranking thousands reads each title once
def seniority_fit(held: str, wanted: str) -> tuple[float, str]:
    """Points (0-1) for the level of a candidate whose latest title is ``held`` against a job titled
    ``wanted``, and the words for it."""
    have, have_name, have_word = seniority(held)
    need, need_name, need_word = seniority(wanted)
    gap = have - need
    points = POINTS.get(gap, FAR_ABOVE if gap > 0 else FAR_BELOW)
    where = ("the same level" if gap == 0 else
             f"{abs(gap)} level{'s' if abs(gap) > 1 else ''} {'above' if gap > 0 else 'below'}")
    said = lambda name, word: f"{name} ('{word}')" if word else name  # noqa: E731
    return points, f"{said(have_name, have_word)} against the job's {said(need_name, need_word)}, {where} ({points:g})"
