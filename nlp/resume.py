"""``ParsedResume``: what the parser makes of a resume, as plain data that round-trips through JSON."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields


@dataclass
class Education:
    institution: str | None = None
    degree: str | None = None
    field: str | None = None
    start: str | None = None
    end: str | None = None
    grade: str | None = None


@dataclass
class Experience:
    employer: str | None = None
    title: str | None = None
    location: str | None = None
    start: str | None = None
    end: str | None = None
    description: str | None = None


@dataclass
class Skill:
    name: str
    category: str


@dataclass
class ResumeFields:
    """The fields read from a resume. ``evidence`` maps a field path (``name``, ``emails.0``,
    ``experience.1.title``) to the ``[start, end)`` character span of the text it was read from."""

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
    resume_date: str | None = None  # ISO date a job "to present" ends at (nlp.dates.resume_date)
    sections: list[dict] = field(default_factory=list)
    evidence: dict[str, list[int]] = field(default_factory=dict)
    # Which source read a field, where it was not the rules: ``{"experience.2.title": "model"}``.
    sources: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedResume(ResumeFields):
    """A resume as structured fields, with the ``text`` they were read from and what went wrong on the way."""

    text: str = ""
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict) -> "ParsedResume":
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["education"] = [Education(**e) for e in values.get("education", [])]
        values["experience"] = [Experience(**e) for e in values.get("experience", [])]
        values["skills"] = [Skill(**s) for s in values.get("skills", [])]
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> "ParsedResume":
        return cls.from_dict(json.loads(text))

    def span(self, path: str) -> str | None:
        """The text a field was read from, e.g. ``resume.span('experience.0.title')``."""
        where = self.evidence.get(path)
        return self.text[where[0]:where[1]] if where else None
