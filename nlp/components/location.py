"""``recruit_location``: where the candidate lives, from a known place, "City, State" or a GPE entity near
the top or in the personal details."""
from __future__ import annotations

import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.base import entities, lines, record, section_lines
from nlp.lines import Line, split_parts, strip_bullet
from nlp.vocab import COUNTRIES, ORG_WORDS, PLACES, TITLE_WORDS, US_STATES, only_common_words

CITY_STATE = re.compile(r"\b([A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+){0,2}),\s*([A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")


@Language.factory("recruit_location", default_config={"max_lines": 10},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_record"])
def make_location(nlp: Language, name: str, max_lines: int):
    """The location finder, over the first ``max_lines`` non-blank lines and the personal details."""
    return LocationFinder(max_lines=max_lines)


def _prose_line(line: Line) -> bool:
    """A bullet or a sentence ("I Having 2.1 years of Experience in IT, now currently working as a Linux")."""
    return strip_bullet(line.text) != line.text or len(re.findall(r"\b[a-z]+\b", line.text)) >= 4


def _known_place(value: str) -> bool:
    return value.lower() in PLACES or value.lower() in US_STATES


class LocationFinder:
    """Where the candidate lives: a known place, 'City, State' or a GPE entity near the top."""

    def __init__(self, *, max_lines: int):
        self.max_lines = max_lines

    def __call__(self, doc: Doc) -> Doc:
        out = record(doc)
        name_span = out.evidence.get("name", [-1, -1])
        top = [ln for ln in lines(doc) if not ln.blank][: self.max_lines]
        personal = [ln for ln in section_lines(doc, "personal", "contact") if not ln.blank]
        candidates = [ln for ln in top + personal
                      if not re.search(r"relocat|willing|prefer", ln.text, re.I) and ln.start != name_span[0]]
        # A place written as one comes first; only then a place the entity recogniser finds, and not in a
        # sentence or a bullet ("• Expertise in Java, PHP, Nifi", "working as a Linux Administration"). A
        # country alone ("India" on the headline) gives way to a town found below it.
        found = [f for f in itertools.chain((self._from_line(doc, line) for line in candidates),
                                            (self._from_entities(doc, line) for line in candidates
                                             if not _prose_line(line))) if f]
        place = next((f for f in found if f[0].lower() not in COUNTRIES), found[0] if found else None)
        if place:
            value, start = place
            # "Delhi, Delhi" (a city that is its own state) is Delhi.
            head, comma, last = value.rpartition(",")
            while comma and last.strip().lower() == head.rpartition(",")[2].strip().lower():
                value = head.rstrip()
                head, comma, last = value.rpartition(",")
            out.location = value
            out.evidence["location"] = [start, start + len(value)]
        return doc

    def _from_line(self, doc: Doc, line: Line):
        text = line.text
        labelled = re.search(r"\b(?:location|address|city|current location|residence|based in)\s*[:\-]\s*(.+)",
                             text, re.I)
        if labelled:
            value = labelled.group(1).strip()
            value = re.split(r"\s[|–—-]\s|\s{2,}", value)[0].strip(" ,.")
            if value and len(value) < 80 and "@" not in value:
                return value, line.start + labelled.start(1)
        for part, offset in split_parts(text):
            # "Austin, TX 78701", "Pune, Maharashtra 411001": a ZIP or PIN code after the place.
            part = re.sub(r"[\s,-]+(?:\d{5}(?:-\d{4})?|\d{3}\s?\d{3})\s*$", "", part)
            if "@" in part or re.search(r"\d{5,}|https?:|www\.|\.com", part):
                continue
            pieces = part.split(",")
            words = [w.strip(" ,.").lower() for w in pieces]
            if any(w in PLACES for w in words) or part.lower() in PLACES:
                # Without the street, job or employer before it: "12 Elm Street, Austin, TX" is Austin, TX;
                # "System Engineer, Infosys Limited, India" is India.
                first = next((i for i, (w, piece) in enumerate(zip(words, pieces))
                              if not re.search(r"\d", w) and not TITLE_WORDS.search(piece)
                              and not ORG_WORDS.search(piece)), 0)
                skip = len(",".join(pieces[:first])) + (1 if first else 0)
                value = part[skip:].strip(" ,")
                if len(value) <= 60:
                    return value, line.start + offset + part.find(value, skip)
            # "12 Elm Street, Austin, TX": the town and state at the end of an address.
            tail = re.search(r"([A-Z][a-z.]+(?: [A-Z][a-z.]+){0,2}),\s*([A-Z]{2})$", part.strip())
            if tail and "," in part.strip()[:tail.start()]:
                return tail.group(0), line.start + offset + part.find(tail.group(0))
            m = CITY_STATE.fullmatch(part.strip())
            # "Pune, Maharashtra", "Austin, TX", "Dewas, Madhya Pradesh"; not "Oracle, Business Objects".
            if m and not TITLE_WORDS.search(part) and not ORG_WORDS.search(part) \
                    and (len(m.group(2)) == 2 or _known_place(m.group(2))):
                return part.strip(), line.start + offset
        return None

    @staticmethod
    def _from_entities(doc: Doc, line: Line):
        for ent in entities(doc, "GPE", line.start, line.end):
            # The entity recogniser also calls products and skills places ("Cisco", "Testing", "C++/Qt"): a
            # place it finds counts when it is known, is written like a place name and is not a common word
            # ("Baltimore", "North York"), or stands on a short line of its own.
            known = _known_place(ent.text)
            place_like = re.fullmatch(r"[A-Z][a-z]+(?:[ .'-]+[A-Z][a-z]+)*", ent.text) \
                and not only_common_words(ent.text)
            if known or place_like or (len(line.text.split()) <= 3 and not ent.text.isupper()):
                return ent.text, ent.start_char
        return None

