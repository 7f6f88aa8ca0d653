"""Build the resume pipeline once per process, and parse resumes with it."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy

from nlp import __version__
from nlp import components  # noqa: F401  (registers the recruit_* factories)
from nlp.extract import DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET, clean_text, extract_text
from nlp.resume import Education, Experience, ParsedResume, Skill

CONFIG = Path(__file__).resolve().parent / "config.cfg"
PARSER_VERSION = f"recruit-nlp/{__version__}"


@lru_cache(maxsize=4)
def get_pipeline(config_path: str = str(CONFIG), today: str = "") -> spacy.Language:
    """The pipeline described by ``config.cfg``, initialised; cached, so built once per process."""
    config = spacy.util.load_config(config_path)
    if today:
        config["components"]["recruit_experience"]["today"] = today
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.max_length = 5_000_000
    for _, proc in nlp.pipeline:
        if hasattr(proc, "initialize"):
            proc.initialize(lambda: [], nlp=nlp)
    return nlp


def parse_text(text: str, *, warnings: list[str] | None = None, today: str = "") -> ParsedResume:
    """Parse the text of a resume into a ``ParsedResume``."""
    text = clean_text(text)
    doc = get_pipeline(today=today)(text)
    found = doc._.recruit_fields or {}
    return ParsedResume(
        name=found.get("name"),
        emails=found.get("emails", []),
        phones=found.get("phones", []),
        links=found.get("links", []),
        location=found.get("location"),
        education=[Education(**e) for e in found.get("education", [])],
        experience=[Experience(**e) for e in found.get("experience", [])],
        skills=[Skill(**s) for s in found.get("skills", [])],
        languages=found.get("languages", []),
        certifications=found.get("certifications", []),
        total_experience_years=found.get("total_experience_years"),
        sections=found.get("sections", []),
        evidence=found.get("evidence", {}),
        text=text,
        warnings=list(warnings or []) + found.get("warnings", []),
    )


def parse_bytes(data: bytes, *, kind: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                time_budget: float = DEFAULT_TIME_BUDGET, today: str = "") -> ParsedResume:
    """Extract and parse a resume file; raises ``nlp.errors.ResumeError`` when it cannot be read."""
    extracted = extract_text(data, kind=kind, max_bytes=max_bytes, time_budget=time_budget)
    return parse_text(extracted.text, warnings=extracted.warnings, today=today)
