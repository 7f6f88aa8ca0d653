"""What the components find, as typed records: the sections a resume is cut into, and ``ResumeRecord``, the
fields every component fills in on ``doc._.recruit_record`` (``nlp.pipeline`` turns it into a
``ParsedResume``): the same fields (``nlp.resume.ResumeFields``) but the text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from nlp.resume import ResumeFields


@dataclass
class Section:
    """A labelled part of the resume: its heading from ``start``, its words from ``body_start`` to ``end``."""

    label: str
    heading: str
    start: int
    body_start: int
    end: int = 0


class SectionInfo(TypedDict):
    """A section as the parse reports it (``ParsedResume.sections``)."""

    label: str
    heading: str
    start: int
    end: int


@dataclass
class ResumeRecord(ResumeFields):
    """The fields found so far, and the warnings the components raise on the way; ``sources`` names the
    source of a value where it is not the rules alone (``"model"``, ``"rules+model"``)."""

    sections: list[SectionInfo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
