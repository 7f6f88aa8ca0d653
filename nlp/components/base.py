"""What every component shares: the ``Doc`` extensions (prefixed ``recruit_``), the record they fill in, the
resume's lines and sections, and quick lookups over character ranges and the base model's entities."""
from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from nlp.components.record import ResumeRecord, Section
from nlp.lines import Line, split_lines

Doc.set_extension("recruit_lines", default=None, force=True)
Doc.set_extension("recruit_sections", default=None, force=True)
Doc.set_extension("recruit_record", default=None, force=True)  # a ResumeRecord
Doc.set_extension("recruit_text", default=None, force=True)
Doc.set_extension("recruit_written", default=None, force=True)  # the file's creation date (ISO), if known


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per doc: spaCy rebuilds it from every token on each access, so reading it
    per heading or per job made a parse quadratic in the length of the resume."""
    if doc._.recruit_text is None:
        doc._.recruit_text = doc.text
    return doc._.recruit_text


def record(doc: Doc) -> ResumeRecord:
    """The fields found so far (``doc._.recruit_record``), created empty on first use."""
    if doc._.recruit_record is None:
        doc._.recruit_record = ResumeRecord()
    return doc._.recruit_record


def lines(doc: Doc) -> list[Line]:
    """The resume's lines, split once per doc."""
    if doc._.recruit_lines is None:
        doc._.recruit_lines = split_lines(text_of(doc))
    return doc._.recruit_lines


def sections(doc: Doc) -> list[Section]:
    """The sections ``recruit_sections`` found, or none before it has run."""
    return doc._.recruit_sections or []


def section_lines(doc: Doc, *labels: str) -> list[Line]:
    """Lines of the sections with these labels (their headings left out)."""
    out = []
    all_lines = lines(doc)
    starts = [ln.start for ln in all_lines]  # lines are in text order, so each section is a slice of them
    for section in sections(doc):
        if section.label in labels:
            first = bisect_left(starts, section.body_start)
            if first and all_lines[first - 1].start < section.body_start < all_lines[first - 1].end:
                first -= 1  # the heading's own line, when the body starts after an inline heading
            out.extend(all_lines[first:max(first, bisect_left(starts, section.end))])
    return out


class Ranges:
    """Sorted ``[start, end)`` character ranges that do not overlap, asked which one holds a position."""

    def __init__(self, ranges):
        self.ranges = sorted(ranges)
        self.starts = [a for a, _ in self.ranges]

    def __contains__(self, position: int) -> bool:
        i = bisect_right(self.starts, position) - 1
        return i >= 0 and position < self.ranges[i][1]


class Overlaps:
    """Character spans (they may overlap each other), asked whether any of them overlaps a given span."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(itertools.accumulate((b for _, b in spans), max))  # furthest end so far

    def any(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans beginning before ``end``
        return k > 0 and self.reach[k - 1] > start


Doc.set_extension("recruit_ents", default=None, force=True)


def entities(doc: Doc, label: str, start: int, end: int) -> list:
    """The model's entities with this label inside ``[start, end)``."""
    if doc._.recruit_ents is None:  # spaCy builds a new tuple of spans on every read of doc.ents
        doc._.recruit_ents = tuple(doc.ents)
    return [e for e in doc._.recruit_ents if e.label_ == label and e.start_char >= start and e.end_char <= end]

