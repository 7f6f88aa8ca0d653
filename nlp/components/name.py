"""``recruit_name``: the candidate's name, the first name-like line at the top, confirmed by PERSON
entities."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.base import entities, lines, record
from nlp.lines import heading_label, split_parts
from nlp.vocab import ORG_WORDS, PLACES, TITLE_WORDS, only_common_words

NOT_NAME = re.compile(r"\b(resume|curriculum|vitae|cv|bio-?data|profile|address|email|e-mail|phone|mobile|"
                      r"contact|objective|summary|page|linkedin|github|street|road|nagar|floor|apartment)\b", re.I)
NAME_WORD = re.compile(r"^(?:[A-Z][a-zA-Z'’\-]*\.?|[a-z][a-z'’\-]+|[A-Z]\.?)$")


@Language.factory("recruit_name", default_config={"max_lines": 8},
                  requires=[], assigns=["doc._.recruit_record"])
def make_name(nlp: Language, name: str, max_lines: int):
    """The name finder, over the first ``max_lines`` non-blank lines."""
    return NameFinder(max_lines=max_lines)


class NameFinder:
    """The candidate's name: the first name-like line at the top, confirmed by PERSON entities."""

    def __init__(self, *, max_lines: int):
        self.max_lines = max_lines

    def __call__(self, doc: Doc) -> Doc:
        out = record(doc)
        top = [ln for ln in lines(doc) if not ln.blank][: self.max_lines]
        candidates = []
        for rank, line in enumerate(top):
            if heading_label(line.text) is not None and rank > 0:
                break
            for value, offset in self._candidates(line.text):
                start = line.start + offset
                person = entities(doc, "PERSON", start - 1, start + len(value) + 1)
                if not person and only_common_words(value):
                    continue  # "Zip Code", "development lifecycle": words, not a name
                score = (3 if person else 0) - rank + (1 if rank == 0 else 0)
                candidates.append((score, value, start))
        if candidates:
            score, value, start = max(candidates, key=lambda c: c[0])
            out.name = value
            out.evidence["name"] = [start, start + len(value)]
        return doc

    @staticmethod
    def _candidates(text: str):
        labelled = re.match(r"^\s*(?:full\s+)?name\s*[:\-]\s*", text, re.I)
        if labelled:
            text = " " * labelled.end() + text[labelled.end():]
        for value, offset in split_parts(text.replace(",", "|")):
            value = value.strip()
            words = value.split()
            if not 1 < len(words) <= 5 or len(value) > 60:
                if not (len(words) == 1 and labelled and len(value) > 2):
                    continue
            if any(ch.isdigit() for ch in value) or "@" in value or NOT_NAME.search(value):
                continue
            if TITLE_WORDS.search(value) or ORG_WORDS.search(value) or value.lower() in PLACES:
                continue
            if not all(NAME_WORD.match(w) for w in words):
                continue
            if any(w.lower() in ("and", "or", "the", "with", "for", "to", "in", "on", "of", "an") for w in words):
                continue  # "clean and commented code", "and OSB": a phrase, not a name
            if heading_label(value) is not None:
                continue
            yield value, offset

