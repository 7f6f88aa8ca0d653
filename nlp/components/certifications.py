"""``recruit_certifications``: the lines of a certifications section, and well-known certifications
(CFA, PMP, AWS Certified ...) named anywhere."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.base import record, section_lines, text_of
from nlp.lines import heading_label, strip_bullet
from nlp.vocab import CERTIFICATION_RE

@Language.factory("recruit_certifications", default_config={},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_record"])
def make_certifications(nlp: Language, name: str):
    """The certification finder (no settings)."""
    return CertificationFinder()


class CertificationFinder:
    """Certifications: the lines of a certifications section, and well-known ones named anywhere."""

    def __call__(self, doc: Doc) -> Doc:
        out = record(doc)
        found: list[tuple[str, int]] = []
        for line in section_lines(doc, "certifications"):
            value = strip_bullet(line.text).strip(" .;")
            if 3 <= len(value) <= 150 and not heading_label(value):
                found.append((value, line.start + line.text.find(value)))
        listed = [f[0].lower() for f in found]
        checked = set()  # a name once checked is in ``found`` from then on, so it need not be checked again
        for m in CERTIFICATION_RE.finditer(text_of(doc)):
            value = m.group(0).strip()
            if value.lower() in checked:
                continue
            checked.add(value.lower())
            if not any(value.lower() in f for f in listed):
                found.append((value, m.start()))
                listed.append(value.lower())
        certifications, kept = [], set()
        for value, start in found:
            if value.lower() not in kept:
                out.evidence[f"certifications.{len(certifications)}"] = [start, start + len(value)]
                certifications.append(value)
                kept.add(value.lower())
        out.certifications = certifications[:30]
        return doc

