"""What the components find, as typed records: the sections a resume is cut into, and ``ResumeRecord``, the
fields every component fills in on ``doc._.recruit_record`` (``nlp.pipeline`` turns it into a
``ParsedResume``). Jobs, education entries and skills are ``nlp.resume``'s own dataclasses."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from nlp.resume import Education, Experience, Skill


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
class ResumeRecord:
    """The fields found so far. ``evidence`` maps a field path (``name``, ``experience.1.title``) to the
    ``[start, end)`` characters it was read from; ``sources`` names the source of a value where it is not
    the rules alone (``"model"``, ``"rules+model"``)."""

    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    location: str | None = None
    education: list[Education] = field(default_factory=list)
    experience: list[Experience] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    total_experience_years: float | None = None
    resume_date: str | None = None
    sections: list[SectionInfo] = field(default_factory=list)
    evidence: dict[str, list[int]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
