"""Lines of a resume with their character offsets, and the helpers rule components use on them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from nlp.vocab import HEADING_LOOKUP

BULLET = re.compile(r"^\s*(?:[•●○◦▪▫■□♦◆►▶➢➤✓✔☑❖\*·〓§#>➔→⮚]+|[-o–](?=\s))\s*")


@dataclass(frozen=True)
class Line:
    index: int
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for i, raw in enumerate(text.split("\n")):
        lines.append(Line(i, pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def strip_bullet(text: str) -> str:
    return BULLET.sub("", text).strip()


def heading_key(text: str) -> str:
    key = strip_bullet(text).lower().replace("&", "and")
    key = re.sub(r"^\d+[.)]\s*", "", key)
    key = re.sub(r"[:\-–—|]+$", "", key).strip()
    return re.sub(r"\s+", " ", key)


@lru_cache(maxsize=8192)
def heading_label(text: str) -> tuple[str, int] | None:
    """The section label of a heading line, with the offset where inline content starts (0 if none).

    'WORK EXPERIENCE' -> ('experience', 0); 'Skills: Java, SQL' -> ('skills', 7); a heading in capitals
    or title case with a typo ('PROFESSIONNAL EXPERIENCE', 'EXPERIANCE') is read as the heading it spells.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 60:
        return None
    key = heading_key(stripped)
    if key in HEADING_LOOKUP:
        return HEADING_LOOKUP[key], 0
    if ":" in stripped:
        head, _, rest = stripped.partition(":")
        head_key = heading_key(head)
        if head_key in HEADING_LOOKUP and len(head_key.split()) <= 4:
            return HEADING_LOOKUP[head_key], text.index(":") + 1
    # Two headings of one section in one ("Career Experience/Job History", "Skills | Tools"). Headings of two
    # sections ("Activities and Honors") are left to the rules below: which one the words under them are is
    # not known.
    parts = [p for p in re.split(r"\s*(?:/|\||\band\b)\s*", key) if p]
    if 1 < len(parts) <= 3 and stripped[0].isupper() and all(p in HEADING_LOOKUP for p in parts) \
            and len({HEADING_LOOKUP[p] for p in parts}) == 1:
        return HEADING_LOOKUP[parts[0]], 0
    # A heading spaced out letter by letter in a template ("E xp er ie nc e"): its letters joined.
    pieces = key.split()
    if len(pieces) >= 3 and all(len(p) <= 3 for p in pieces) and "".join(pieces) in HEADING_LOOKUP:
        return HEADING_LOOKUP["".join(pieces)], 0
    words = key.split()
    if 2 <= len(words) <= 4 and stripped[0].isupper():
        for n in (3, 2):
            if " ".join(words[:n]) in HEADING_LOOKUP and len(" ".join(words[:n]).split()) >= 2:
                return HEADING_LOOKUP[" ".join(words[:n])], 0
    # Not a label with a colon: "ACHIEVEMENT:" inside a job is the job's, not a section.
    misspelt = None if stripped.endswith(":") else _misspelt_heading(key, strip_bullet(stripped))
    return (misspelt, 0) if misspelt else None


def _misspelt_heading(key: str, written: str) -> str | None:
    # Two to four words in capitals or title case, or one word in capitals: a word alone in title case
    # is as likely an item of a list ("Presentation", "Academic").
    words = key.split()
    if len(key) < 8 or len(words) > 4 or not re.fullmatch(r"[a-z ]+", key) \
            or not (written.isupper() or (written.istitle() and len(words) > 1)):
        return None
    found = process.extractOne(key, HEADING_KEYS, scorer=fuzz.ratio, score_cutoff=90)
    if found and len(found[0].split()) == len(words):
        return HEADING_LOOKUP[found[0]]
    return None


HEADING_KEYS = [k for k in HEADING_LOOKUP if len(k) >= 8]


def split_parts(text: str) -> list[tuple[str, int]]:
    """Split a header line at strong separators (| – — ' - ' tab ' at '), keeping each part's offset."""
    parts = []
    for m in re.finditer(r"[^|–—\t]+", text):
        chunk, base = m.group(0), m.start()
        for sub in re.finditer(r"(?:(?!\s-\s|\s-$|\sat\s).)+", chunk):
            value = re.sub(r"^at\s+", "", sub.group(0).strip(" ,;:-"))
            if value:
                parts.append((value, base + sub.start() + sub.group(0).find(value)))
    return parts
