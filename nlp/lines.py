"""Lines of a resume with their character offsets, and the helpers rule components use on them."""
from __future__ import annotations

import re
from dataclasses import dataclass

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


def heading_label(text: str) -> tuple[str, int] | None:
    """The section label of a heading line, with the offset where inline content starts (0 if none).

    'WORK EXPERIENCE' -> ('experience', 0); 'Skills: Java, SQL' -> ('skills', 7).
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
    words = key.split()
    if 2 <= len(words) <= 4 and stripped[0].isupper():
        for n in (3, 2):
            if " ".join(words[:n]) in HEADING_LOOKUP and len(" ".join(words[:n]).split()) >= 2:
                return HEADING_LOOKUP[" ".join(words[:n])], 0
    return None


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
