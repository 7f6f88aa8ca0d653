"""Build the resume pipeline once per process, and parse resumes with it."""
from __future__ import annotations

import time
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

import spacy

from nlp import __version__
from nlp import components  # noqa: F401  (registers the recruit_* factories)
from nlp.components.record import ResumeRecord
from nlp.errors import ParserCrashed, ResumeError, TimeBudgetExceeded, TooMuchMemory
from nlp.extract import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_TIME_BUDGET, clean_within, extract_text
from nlp.filetype import DEFAULT_MAX_EXPANDED, nested_too_deeply
from nlp.resume import ParsedResume, ResumeFields

CONFIG = Path(__file__).resolve().parent / "config.cfg"
PARSER_VERSION = f"recruit-nlp/{__version__}"


@lru_cache(maxsize=4)
def get_pipeline(config_path: str = str(CONFIG), today: str = "", strategy: tuple = ()) -> spacy.Language:
    """The pipeline described by ``config.cfg``, initialised; cached, so built once per process.
    ``strategy`` (pairs of field and source, see ``nlp.combine``) overrides which source a field takes."""
    config = spacy.util.load_config(config_path)
    if today:
        config["components"]["recruit_experience"]["today"] = today
    if strategy:
        from nlp.components.trained import STRATEGY

        config["components"]["recruit_model"]["strategy"] = {**STRATEGY, **dict(strategy)}
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.max_length = 5_000_000
    for _, proc in nlp.pipeline:
        if hasattr(proc, "initialize"):
            proc.initialize(lambda: [], nlp=nlp)
    return nlp


def parse_text(text: str, *, warnings: list[str] | None = None, today: str = "", written: str | None = None,
               max_chars: int = DEFAULT_MAX_CHARS, time_budget: float | None = None,
               started: float | None = None, strategy: tuple = ()) -> ParsedResume:
    """Parse the text of a resume into a ``ParsedResume``.

    Text past ``max_chars`` is left out, with a warning saying so. With a ``time_budget`` (seconds) the
    parse stops with ``TimeBudgetExceeded`` between components once the budget, counted from ``started``
    (``time.monotonic()``, by default now), is spent; ``nlp.bounded`` stops it outright a little after that.
    ``written`` is the file's own creation date (ISO), the resume's date when its text names none.
    """
    warnings = list(warnings or [])
    text, note = clean_within(text, max_chars)
    if note:
        warnings.append(note)
    doc = _run(get_pipeline(today=today, strategy=strategy), text, time_budget,
               time.monotonic() if started is None else started, written)
    found = doc._.recruit_record or ResumeRecord()
    read = {f.name: getattr(found, f.name) for f in fields(ResumeFields)}
    return ParsedResume(**read, text=text, warnings=warnings + found.warnings)


def _run(nlp: spacy.Language, text: str, time_budget: float | None, started: float, written: str | None = None):
    """``nlp(text)``, one component at a time, checking the clock between them."""
    doc = nlp.make_doc(text)
    doc._.recruit_written = written
    for name, proc in nlp.pipeline:
        if time_budget is not None and time.monotonic() - started > time_budget:
            raise TimeBudgetExceeded(f"Reading the resume took longer than {time_budget:g} seconds (stopped "
                                     f"before {name.removeprefix('recruit_')}); it may be unusually long or complex.")
        doc = proc(doc)
    return doc


def parse_bytes(data: bytes, *, kind: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                time_budget: float = DEFAULT_TIME_BUDGET, today: str = "", max_chars: int = DEFAULT_MAX_CHARS,
                max_expanded: int = DEFAULT_MAX_EXPANDED) -> ParsedResume:
    """Extract and parse a resume file; raises ``nlp.errors.ResumeError`` (and nothing else) when it cannot
    be read, so every failure has a reason to record.

    This runs in the calling process; ``nlp.bounded.parse_bounded`` runs it in a child process that also
    has a memory limit and is stopped when its time is up.
    """
    started = time.monotonic()
    try:
        extracted = extract_text(data, kind=kind, max_bytes=max_bytes, time_budget=time_budget,
                                 max_chars=max_chars, max_expanded=max_expanded)
        return parse_text(extracted.text, warnings=extracted.warnings, today=today, written=extracted.written,
                          max_chars=max_chars,
                          time_budget=time_budget, started=started)
    except ResumeError:
        raise
    except MemoryError:
        raise TooMuchMemory("Reading the file needed more memory than a resume may use; it may be built to "
                            "exhaust memory.") from None
    except RecursionError:
        raise nested_too_deeply("The file") from None
    except Exception as exc:  # a parser bug must still leave a reason, not a resume stuck "parsing"
        raise ParserCrashed(f"The parser failed on this file ({type(exc).__name__}); it has been recorded "
                            "for the developers.") from exc
