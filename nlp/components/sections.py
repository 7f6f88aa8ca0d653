"""``recruit_sections``: the resume cut at its heading lines into labelled sections (summary, experience,
education, skills...); the text before the first heading is the header."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.base import lines, record, text_of
from nlp.components.record import Section, SectionInfo
from nlp.lines import heading_label


@Language.factory("recruit_sections", default_config={},
                  requires=[], assigns=["doc._.recruit_sections", "doc._.recruit_lines", "doc._.recruit_record"])
def make_sections(nlp: Language, name: str):
    """The section splitter (no settings)."""
    return SectionDetector()


class SectionDetector:
    """Split the resume at heading lines into labelled sections; text before the first is the header."""

    def __call__(self, doc: Doc) -> Doc:
        found, current = [], Section(label="header", heading="", start=0, body_start=0)
        for line in lines(doc):
            heading = heading_label(line.text)
            if heading is None:
                continue
            label, inline = heading
            current.end = line.start
            found.append(current)
            body_start = line.start + inline if inline else line.end + 1
            heading_end = line.start + inline - 1 if inline else line.end
            current = Section(label=label, heading=text_of(doc)[line.start:heading_end].strip(" :"),
                              start=line.start, body_start=body_start)
        current.end = len(text_of(doc))
        found.append(current)
        doc._.recruit_sections = [s for s in found if s.end > s.start or s.label == "header"]
        record(doc).sections = [SectionInfo(label=s.label, heading=s.heading, start=s.start, end=s.end)
                                for s in doc._.recruit_sections if s.end > s.start]
        return doc
