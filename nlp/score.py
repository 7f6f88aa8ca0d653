"""Explainable KPO-fit scoring: a job profile and a ParsedResume in, 0-100 with a breakdown out.

Nine criteria, each worth 0-1 points, weighted (weights per job; the defaults below are fitted on human
judgments by benchmarks/fit_weights.py): required skills and preferred skills (taxonomy entries, or the
skill's words within one sentence of the resume; shown in the work counts more than only listed, a
broader entry half), title fit (the titles held as O*NET occupations, by occupational closeness, recency
and duration), years of experience (in roles close to the job; a job "to present" ends at the resume's
date), seniority (the latest title's level against the job's, in work close to it), education level,
domain fit (TF-IDF similarity of the resume's work to the job's text), search relevance (BM25 of the job's
words in the resume) and KPO aptitude (research and report writing, analytical tools, domain knowledge,
advanced qualifications, languages, academic results). Every point carries the resume evidence it rests
on, and every line of the breakdown says the credit it earns in words.

Fairness: the scorer reads only skills, jobs, education, certifications and languages, and text from
the sections that describe work and study, plus the lines at the top that carry no identity (a
headline such as "Senior Accountant"). The name, contact details, address, photo, personal details
(date of birth, age, gender, marital status, nationality, religion), interests and references are
never read, so changing them never changes a score (tested).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from nlp.vocab import degree_level
from nlp.dates import find_years, to_month_index, total_years
from nlp.resume import ParsedResume
from nlp.seniority import seniority_fit

# Fitted by benchmarks/fit_weights.py (pairwise logistic regression on the ferr-dev human judgments and the
# category profiles; see benchmarks/RESULTS.md), rounded. Education and KPO aptitude come out near zero because
# those data cannot see them (the judged jobs ask for no level); seniority small because few judged jobs name a
# level. An admin raises them per job where they matter.
DEFAULT_WEIGHTS = {"required_skills": 8, "preferred_skills": 12, "title_fit": 20, "experience": 7, "education": 2,
                   "domain_fit": 27, "relevance": 22, "kpo_aptitude": 0, "seniority": 3}
LABELS = {"required_skills": "Required skills", "preferred_skills": "Preferred skills", "title_fit": "Title fit",
          "experience": "Relevant experience", "education": "Education", "domain_fit": "Domain fit",
          "relevance": "Search relevance (BM25)", "kpo_aptitude": "KPO aptitude",
          "seniority": "Seniority"}
LEVEL_RANK = {"high_school": 0, "diploma": 1, "bachelor": 2, "master": 3, "mba": 3, "law": 3, "ca": 3, "phd": 4}
# Sections whose text the scorer may read; everything else (header, personal, interests ...) is ignored.
READ_SECTIONS = {"summary", "experience", "education", "skills", "projects", "certifications", "languages",
                 "awards", "publications", "volunteer", "additional"}
KPO_DOMAINS = {"finance", "accounting", "legal", "healthcare", "market_research", "analytics", "research"}
ANALYTICAL_TOOLS = {"Microsoft Excel", "SQL", "Python", "R", "SAS", "SPSS", "Stata", "Tableau", "Power BI",
                    "Bloomberg Terminal", "Capital IQ", "FactSet", "Thomson Reuters Eikon", "VBA", "Alteryx",
                    "Qlik", "MATLAB", "EViews", "Westlaw", "LexisNexis", "PubMed", "Qualtrics"}
RESEARCH_WORDS = re.compile(r"\b(research\w*|analy[sz]\w*|report(?:s|ing)?|publish\w*|insight\w*|model(?:l?ing|s)?|"
                            r"forecast\w*|valuation\w*|due diligence|survey\w*|literature|benchmark\w*|"
                            r"reconcil\w*|audit\w*)\b", re.I)
ADVANCED = re.compile(r"\b(MBA|PGDM|CFA|CA\b|Chartered Accountant|CPA|ACCA|FRM|CMA|LL\.?B|LL\.?M|Ph\.?D|"
                      r"M\.?Sc|M\.?Com|Master)", re.I)
GRADE = re.compile(r"(\d{1,2}(?:\.\d+)?)\s*(?:/\s*(10|4)(?:\.0)?|%)")
PROTECTED = re.compile(r"(?i)\b(birth|born|d\.?o\.?b|age|aged|gender|sex|male|female|marital|married|single|"
                       r"divorced|widow\w*|nationality|national|citizen\w*|religion|religious|caste|"
                       r"father|mother|husband|wife|spouse|photo\w*|passport|address|pin\s*code)\b")
TITLE_RECENCY = (1.0, 0.9, 0.75)  # the latest job, the one before, any older one
# Domain fit: full marks at a cosine of COSINE_FULL, as close as resumes get to a job's text.
COSINE_FULL = 0.35
# Occupational closeness in the SOC hierarchy: same occupation, broad occupation, minor group, major group.
CLOSENESS = ((7, 1.0), (6, 0.75), (4, 0.5), (2, 0.25))
# Words that name no occupation alone: "Manager" or "Senior Director" is no evidence of what someone does.
GENERIC_WORDS = ("manager", "management", "director", "supervisor", "assistant", "associate", "officer",
                 "specialist", "executive", "consultant", "coordinator", "representative", "lead", "leader",
                 "head", "senior", "junior", "chief", "intern", "trainee", "staff", "member", "team", "worker",
                 "professional", "administrator", "analyst", "engineer", "technician", "agent", "general",
                 "deputy", "vice", "president", "principal", "owner", "partner", "operator", "helper", "aide",
                 "sr", "jr", "ii", "iii", "business", "service", "services", "group", "department", "office")
# BM25 (Okapi) constants, and the mean length in content words of the resumes word_df.tsv counts.
BM25_K1, BM25_B, BM25_AVERAGE_LENGTH = 1.5, 0.75, 420
# Relevant experience when a job asks for no minimum: years in roles close to it, full marks at this many.
REFERENCE_YEARS = 5
SHOWN_IN_WORK, LISTED, BROADER, RELATED = 1.0, 0.8, 0.5, 0.3  # credit for a required or preferred skill
IDENTITY_FIELDS = ("name", "emails.", "phones.", "links.", "location")
# Stored with every score, so scores made by an older scorer can be found and made again
# (``recruit scores recompute``).
SCORER_VERSION = "recruit-score/5"

STOP = None
WORD = re.compile(r"[a-z][a-z0-9+#]*(?:\.[a-z0-9]+)*")
WORD_OR_IT = re.compile(r"\bIT\b|[A-Za-z][A-Za-z0-9+#]*(?:\.[A-Za-z0-9]+)*")  # WORD on the text as written
SUFFIXES = ("iations", "iation", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ers", "er", "ed", "s")


def credit_in_words(points: float) -> str:
    """A share of a criterion's points as the breakdown says it: "full credit", "half credit", "0.3 credit"."""
    return {1.0: "full credit", 0.5: "half credit", 0.0: "no credit"}.get(points, f"{points:g} credit")


def _stop_words() -> frozenset:
    global STOP
    if STOP is None:
        from spacy.lang.en.stop_words import STOP_WORDS

        STOP = frozenset(STOP_WORDS) | {"company", "name", "city", "state", "responsible", "work", "worked",
                                         "working", "year", "years", "month", "months", "present", "current"}
    return STOP


def _stem(word: str) -> str:
    """A light stemmer: one inflection off, then a final "e", so "reconcile", "reconciled" and
    "reconciliation", "service" and "services", "manage", "manager" and "management" meet; words in
    "ss" ("business", "process") keep their ending."""
    if len(word) > 5:
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
        if word.endswith("e") and len(word) > 5:
            word = word[:-1]
    return word


def content_words(text: str, spans: list[tuple[int, int]]):
    """(stem, start, end) of each content word in these spans of the text, in order: lower-cased and
    stemmed, stop words left out, and "IT" read as information technology, not the stop word "it"."""
    stop = _stop_words()
    for a, b in spans:
        for m in WORD_OR_IT.finditer(text, a, b):
            word = m.group(0)
            for w in ("information", "technology") if word == "IT" else (word.lower(),):
                if w not in stop and len(w) > 1:
                    yield _stem(w), m.start(), m.end()


def tokens(text: str) -> list[str]:
    """The stems of a text's content words: the vocabulary of domain fit."""
    return [stem for stem, _, _ in content_words(text, [(0, len(text))])]


def phrase_key(stem: str) -> str:
    """A stem with a doubled last letter made single, so "modelling" and "models", "planned" and "plan"
    meet when a skill's words are looked for in a sentence."""
    return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem


@lru_cache(maxsize=1)
def generic_title_words() -> frozenset:
    """The stems of GENERIC_WORDS."""
    return frozenset(_stem(w) for w in GENERIC_WORDS)


@lru_cache(maxsize=1)
def _occupation_table() -> dict[str, tuple[str, ...]]:
    path = Path(__file__).resolve().parent / "data" / "occupations.tsv"
    table = {}
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("#"):
                    key, _, codes = line.rstrip("\n").partition("\t")
                    table[key] = tuple(codes.split())
    return table


def occupations(title: str) -> tuple[tuple[str, ...], str]:
    """The SOC occupations a job title names (O*NET Alternate Titles), and the O*NET title's words that
    matched: the most specific O*NET title whose words are all in this one. A title of generic words
    only ("Senior Manager") names none."""
    stems = sorted(set(tokens(title)))[:8]
    table = _occupation_table()
    generic = generic_title_words()
    for size in range(len(stems), 0, -1):
        found = [key for key in (" ".join(c) for c in combinations(stems, size)) if key in table]
        if found:
            best = max(found, key=lambda k: (math.fsum(idf(w) for w in k.split() if w not in generic), k))
            return table[best], best
    return (), ""


def closeness(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How close two sets of SOC occupations are: 1 the same occupation, 0.75 the same broad occupation,
    0.5 the same minor group, 0.25 the same major group, 0 none."""
    best = 0.0
    for x in a:
        for y in b:
            best = max(best, next((v for n, v in CLOSENESS if x[:n] == y[:n]), 0.0))
    return best


@lru_cache(maxsize=1)
def _document_frequencies() -> tuple[int, dict[str, int]]:
    path = Path(__file__).resolve().parent / "data" / "word_df.tsv"
    if not path.exists():
        return 1, {}
    df, documents = {}, 1
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, _, n = line.rstrip("\n").partition("\t")
            if word == "#documents":
                documents = int(n)
            else:
                df[word] = int(n)
    return documents, df


def idf(word: str) -> float:
    documents, df = _document_frequencies()
    return math.log((documents + 1) / (df.get(word, 0) + 1)) + 1


# ------------------------------------------------------------------ inputs


@dataclass
class JobProfile:
    """What a job asks for, as the command line's JOB.json and the app's job record give it."""

    title: str = ""
    description: str = ""
    required_skills: list[str] = field(default_factory=list)
    preferred_skills: list[str] = field(default_factory=list)
    min_years: float = 0
    education: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> "JobProfile":
        education = data.get("education") or []
        if isinstance(education, str):
            education = [education] if education else []
        return cls(title=data.get("title", ""), description=data.get("description", ""),
                   required_skills=list(data.get("required_skills") or []),
                   preferred_skills=list(data.get("preferred_skills") or []),
                   min_years=float(data.get("min_years") or 0), education=list(education),
                   weights=dict(data.get("weights") or {}))


@dataclass
class Evidence:
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Criterion:
    name: str
    label: str
    weight: float
    points: float  # 0..1
    contribution: float  # share of the 0-100 score
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Score:
    score: float
    breakdown: list[Criterion]
    summary: str = ""  # the reasons in one line, for a ranked list

    def to_dict(self) -> dict:
        return {"score": self.score, "summary": self.summary, "scorer": SCORER_VERSION,
                "breakdown": [asdict(c) for c in self.breakdown]}


@dataclass
class Title:
    """A title the candidate held (or the headline they give), read as occupations."""

    text: str
    stems: frozenset
    occupations: tuple[str, ...]
    weight: float  # recency and duration: the latest, longest job counts most
    span: tuple | None
    entry: int | None = None  # which job entry, for its dates; None for the headline
    months: int = 0  # how long it was held (0: undated)
    start: int = 0  # month index of its start (0: undated), for years in roles close to a job
    end: int = 0


@dataclass
class ResumeFeatures:
    """What the scorer needs from a resume, computed once per parse (cheap to score many jobs with)."""

    skills: dict[str, tuple[str, list[int] | None]]  # lower-cased canonical name -> (name, evidence span)
    categories: Counter
    token_counts: Counter
    years: float | None
    years_span: list[int] | None
    level: str | None
    level_text: tuple[str, list[int] | None] | None
    kpo: dict[str, list[Evidence]]
    kpo_result: tuple = (0.0, "", [])  # KPO aptitude's points, explanation and evidence: the same for any job
    norm: float = 0.0
    words: dict[str, str] = field(default_factory=dict)  # stem -> a word the resume uses for it
    bigrams: frozenset = frozenset()  # adjacent content-word stems, for multi-word skills named in prose
    titles: list[Title] = field(default_factory=list)  # the headline and the jobs held, latest first
    places: dict = field(default_factory=dict)  # stem -> (start, end) of its first use, for the evidence
    pair_places: dict = field(default_factory=dict)  # (stem, stem) -> (start, end) of their first use together
    length: int = 0  # content words read, for BM25
    log_tf: dict[str, float] = field(default_factory=dict)  # stem -> 1 + log(count), for the cosine
    sentences: list[tuple[int, int, int | None]] = field(default_factory=list)  # start, end, job entry or None
    key_sentences: dict[str, frozenset] = field(default_factory=dict)  # phrase key -> sentences using it
    job_years: list[tuple[int, int]] = field(default_factory=list)  # per job entry: first and last year (or 0, 0)
    resume_date: str = ""  # when the resume was written: what "present" means in it ("": it names no date)


FEATURES_FORMAT = f"{SCORER_VERSION}/features-1"  # what ``features_to_dict`` writes; another is computed again


def features_to_dict(feats: ResumeFeatures) -> dict:
    """What ``Scorer.score`` reads of a resume's features, as JSON values (``features_from_dict`` reads it back):
    stored when a candidate is indexed, so ranking many candidates reads these instead of parsing resumes again.
    Left out: what only ``features`` itself uses (the KPO evidence before its points, adjacent pairs)."""
    def evidence(items):
        return [[e.text, e.start, e.end] for e in items]

    points, explanation, kpo_evidence = feats.kpo_result
    return {"skills": feats.skills, "categories": dict(feats.categories), "token_counts": dict(feats.token_counts),
            "years": feats.years, "years_span": feats.years_span, "level": feats.level, "level_text": feats.level_text,
            "kpo_result": [points, explanation, evidence(kpo_evidence)], "norm": feats.norm, "words": feats.words,
            "titles": [[t.text, sorted(t.stems), list(t.occupations), t.weight, t.span, t.entry, t.months, t.start,
                        t.end] for t in feats.titles],
            "places": feats.places, "length": feats.length, "log_tf": feats.log_tf,
            "sentences": feats.sentences, "key_sentences": {k: sorted(v) for k, v in feats.key_sentences.items()},
            "job_years": feats.job_years, "resume_date": feats.resume_date}


def features_from_dict(data: dict) -> ResumeFeatures:
    """``features_to_dict`` read back: scores exactly as the features it was written from."""
    def span(value):
        return tuple(value) if value is not None else None

    points, explanation, kpo_evidence = data["kpo_result"]
    return ResumeFeatures(
        skills={k: (name, where) for k, (name, where) in data["skills"].items()},
        categories=Counter(data["categories"]), token_counts=Counter(data["token_counts"]), years=data["years"],
        years_span=data["years_span"], level=data["level"],
        level_text=tuple(data["level_text"]) if data["level_text"] is not None else None, kpo={},
        kpo_result=(points, explanation, [Evidence(*e) for e in kpo_evidence]), norm=data["norm"],
        words=data["words"],
        titles=[Title(text, frozenset(stems), tuple(occ), weight, span(where), entry, months, start, end)
                for text, stems, occ, weight, where, entry, months, start, end in data["titles"]],
        places={k: tuple(v) for k, v in data["places"].items()}, length=data["length"], log_tf=data["log_tf"],
        sentences=[tuple(x) for x in data["sentences"]],
        key_sentences={k: frozenset(v) for k, v in data["key_sentences"].items()},
        job_years=[tuple(x) for x in data["job_years"]], resume_date=data["resume_date"])


def readable_text(parsed: ParsedResume) -> list[tuple[int, int]]:
    """Spans of the resume text the scorer may read: work and study sections, and header lines that
    name no one and say nothing protected (the candidate's headline)."""
    spans = [(s["start"], s["end"]) for s in parsed.sections if s["label"] in READ_SECTIONS]
    identity = [tuple(v) for k, v in parsed.evidence.items() if k.startswith(IDENTITY_FIELDS)]
    for section in parsed.sections:
        if section["label"] != "header":
            continue
        pos = section["start"]
        for line in parsed.text[section["start"]:section["end"]].split("\n"):
            a, b = pos, pos + len(line)
            pos = b + 1
            if line.strip() and not PROTECTED.search(line) and "@" not in line \
                    and not any(x < b and a < y for x, y in identity) and not re.search(r"\d{5,}", line):
                spans.append((a, b))
    if not spans and parsed.text:
        # No headings found: read the job and education entries, never the top of the page.
        spans = [tuple(v) for k, v in parsed.evidence.items()
                 if k.startswith(("experience.", "education.", "skills.", "certifications."))]
    return spans


def features(parsed: ParsedResume) -> ResumeFeatures:
    ev = parsed.evidence
    text = parsed.text
    spans = readable_text(parsed)
    body = "\n".join(text[a:b] for a, b in spans)
    skills = {s.name.lower(): (s.name, ev.get(f"skills.{i}")) for i, s in enumerate(parsed.skills)}
    categories = Counter(s.category for s in parsed.skills)
    kpo: dict[str, list[Evidence]] = {"research": [], "tools": [], "domain": [], "qualifications": [],
                                      "languages": [], "results": []}
    for a, b in spans:
        for m in RESEARCH_WORDS.finditer(text, a, b):
            if len(kpo["research"]) < 12:
                kpo["research"].append(Evidence(m.group(0), m.start(), m.end()))
    for i, s in enumerate(parsed.skills):
        if s.name in ANALYTICAL_TOOLS:
            kpo["tools"].append(Evidence(s.name, *(ev.get(f"skills.{i}") or [None, None])))
        if s.category in KPO_DOMAINS:
            kpo["domain"].append(Evidence(s.name, *(ev.get(f"skills.{i}") or [None, None])))
    for i, e in enumerate(parsed.education):
        label = " ".join(x for x in (e.degree, e.field) if x)
        if e.degree and ADVANCED.search(e.degree):
            kpo["qualifications"].append(Evidence(label, *(ev.get(f"education.{i}.degree") or [None, None])))
        if e.grade:
            g = GRADE.search(e.grade)
            if g:
                value, scale = float(g.group(1)), g.group(2)
                good = value >= (3.0 if scale == "4" else 7.0 if scale == "10" else 65.0)
                if good:
                    kpo["results"].append(Evidence(e.grade, *(ev.get(f"education.{i}.grade") or [None, None])))
    for i, c in enumerate(parsed.certifications):
        if ADVANCED.search(c):
            kpo["qualifications"].append(Evidence(c, *(ev.get(f"certifications.{i}") or [None, None])))
    for i, lang in enumerate(parsed.languages):
        kpo["languages"].append(Evidence(lang, *(ev.get(f"languages.{i}") or [None, None])))
    levels = [(LEVEL_RANK.get(degree_level(e.degree) or "", -1), i, e) for i, e in enumerate(parsed.education)]
    levels = [x for x in levels if x[0] >= 0]
    level = level_text = None
    if levels:
        rank, i, e = max(levels, key=lambda x: x[0])
        level = degree_level(e.degree)
        level_text = (" ".join(x for x in (e.degree, e.field) if x), ev.get(f"education.{i}.degree"))
    found = list(content_words(text, spans))
    stems = [stem for stem, _, _ in found]
    counts = Counter(stems)
    words: dict[str, str] = {}
    for word in WORD.findall(body.lower()):
        words.setdefault(_stem(word), word)
    dated = resume_date(parsed, spans)
    today = dated or date.today()  # today only when no date is named, so no job has dates to count to it
    titles = held_titles(parsed, spans, today)
    ranges = [(e.start, e.end or e.start) for e in parsed.experience if e.start]
    years = total_years(ranges, today) if ranges else None
    # Where each stem, and each pair of adjacent ones, is first written: a point given for a word can be
    # shown in the resume.
    places, pair_places = {}, {}
    for (before, start, _), (stem, at, end) in zip([(None, None, None)] + found, found):
        places.setdefault(stem, (at, end))
        if before is not None:
            pair_places.setdefault((before, stem), (start, end))
    sentences, key_sentences = sentence_index(parsed, spans)
    job_years = [(int(e.start[:4]) if e.start else 0,
                  today.year if e.end == "present" else int(e.end[:4]) if e.end else int(e.start[:4]) if e.start else 0)
                 for e in parsed.experience]
    result = ResumeFeatures(titles=titles, words=words, bigrams=frozenset(zip(stems, stems[1:])), skills=skills,
                            categories=categories, token_counts=counts, years=years,
                            years_span=ev.get("total_experience_years"), level=level, level_text=level_text, kpo=kpo,
                            places=places, pair_places=pair_places, length=len(stems), sentences=sentences,
                            key_sentences=key_sentences, job_years=job_years,
                            resume_date=dated.isoformat() if dated else "")
    result.kpo_result = kpo_aptitude(kpo)
    result.log_tf = {w: 1 + math.log(c) for w, c in counts.items()}
    result.norm = math.sqrt(sum((result.log_tf[w] * idf(w)) ** 2 for w in counts)) or 1.0
    return result


SENTENCE_END = re.compile(r"\n|(?<=[.;!?])\s+|\s[•·▪●■◦]\s?|\s-\s")


def resume_date(parsed: ParsedResume, spans: list[tuple[int, int]]) -> date | None:
    """When the resume was written: the parser's ``resume_date`` when it gives one, else the newest date the
    resume names (its jobs' and studies' dates, any year in the text read). A job "to present" ends there,
    never today, so a resume written years ago does not claim the years since. None only when it names no
    date at all (then no job has dates to count)."""
    given = getattr(parsed, "resume_date", None)
    if given:
        try:
            return date(int(given[:4]), int(given[5:7]) if len(given) >= 7 else 1, 1)
        except ValueError:
            pass  # a malformed date from the parser: read the resume's own dates instead
    limit = date.today()  # only to leave out years in the future (a typo, a date of expiry)
    # Each date read at its earliest ("2019" is January 2019): a resume is dated only by what it surely names.
    months = [to_month_index(v, limit, end=False) for e in parsed.experience + parsed.education
              for v in (e.start, e.end) if v and v != "present"]
    months += [int(y) * 12 for a, b in spans for y, _, _ in find_years(parsed.text[a:b]) if int(y) <= limit.year]
    if not months:
        return None
    newest = min(max(months), to_month_index("present", limit, end=True))
    return date(newest // 12, newest % 12 + 1, 1)


def held_titles(parsed: ParsedResume, spans: list[tuple[int, int]], today: date) -> list[Title]:
    """The headline at the top ("Senior Accountant") and each job's title, as occupations, weighted: the
    latest jobs say what the candidate does now, a job held for years more than one held for months."""
    text = parsed.text
    titles = []
    for a, b in spans:
        if any(s["label"] == "header" and s["start"] <= a < s["end"] for s in parsed.sections):
            line = text[a:b].strip()
            if 0 < len(line) <= 60:
                start = text.index(line, a)
                titles.append(Title(line, frozenset(tokens(line)), occupations(line)[0], 0.8,
                                    (start, start + len(line))))
    held = [(i, e) for i, e in enumerate(parsed.experience) if e.title]
    for n, (i, e) in enumerate(held):
        start = to_month_index(e.start, today, end=False) if e.start else 0
        end = to_month_index(e.end or e.start, today, end=True) + 1 if e.start else 0
        months = max(end - start, 0)
        duration = 0.6 + 0.4 * min(1.0, months / 36) if months else 0.75
        span = parsed.evidence.get(f"experience.{i}.title")
        titles.append(Title(e.title, frozenset(tokens(e.title)), occupations(e.title)[0],
                            TITLE_RECENCY[min(n, len(TITLE_RECENCY) - 1)] * duration, tuple(span) if span else None,
                            i, months, start, end))
    return titles


def sentence_index(parsed: ParsedResume, spans: list[tuple[int, int]]):
    """The sentences of the text read, each with the job entry it describes (or None), and for each
    phrase key the sentences using it: a skill's words found together in one sentence are the skill."""
    entries = [(v[0], v[1], int(k.split(".")[1])) for k, v in parsed.evidence.items()
               if k.startswith("experience.") and k.endswith(".description")]
    sentences, index = [], {}
    for a, b in spans:
        pos = a
        for m in list(SENTENCE_END.finditer(parsed.text, a, b)) + [None]:
            end = m.start() if m else b
            if end > pos:
                entry = next((i for x, y, i in entries if x <= pos < y), None)
                keys = {phrase_key(stem) for stem, _, _ in content_words(parsed.text, [(pos, end)])}
                if keys:
                    for key in keys:
                        index.setdefault(key, []).append(len(sentences))
                    sentences.append((pos, end, entry))
            pos = m.end() if m else b
    return sentences, {k: frozenset(v) for k, v in index.items()}


# ------------------------------------------------------------------ the scorer


class Scorer:
    """Scores resumes against one job. Build it once per job; ``score`` is then cheap per resume."""

    def __init__(self, job: JobProfile):
        self.job = job
        self.required = [self._canonical(s) for s in job.required_skills if s.strip()]
        self.preferred = [self._canonical(s) for s in job.preferred_skills if s.strip()]
        self.weights = {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in job.weights.items() if k in DEFAULT_WEIGHTS}}
        self.title_stems = frozenset(tokens(job.title)) - generic_title_words()
        self.title_idf = {w: idf(w) for w in self.title_stems}
        self.title_total = math.fsum(self.title_idf.values()) or 1.0  # fsum: the same whatever order a set gives
        self.occupations = occupations(job.title)[0]
        self._closeness: dict = {}
        # What the job does not ask for does not count: full marks to everyone would only pad the scores
        # (and a bar that says "fits" where nothing was asked).
        self.not_asked = {name for name, asked in (("required_skills", self.required),
                                                   ("preferred_skills", self.preferred),
                                                   ("title_fit", self.title_stems or self.occupations),
                                                   ("seniority", job.title.strip()),
                                                   ("experience", job.min_years > 0 or job.title.strip()),
                                                   ("education", job.education)) if not asked}
        for name in self.not_asked:
            self.weights[name] = 0.0
        # Once per job, not per resume: each skill's stems and phrase keys.
        self.skill_stems = {w: tokens(w) for w, _, _, _ in self.required + self.preferred}
        self.skill_keys = {w: frozenset(phrase_key(t) for t in stems) for w, stems in self.skill_stems.items()}
        job_text = " ".join([job.title] * 3 + [job.description] + job.required_skills * 2 + job.preferred_skills)
        counts = Counter(tokens(job_text))
        self.job_vector = {w: (1 + math.log(c)) * idf(w) for w, c in counts.items()}
        self.job_weighted = {w: v * idf(w) for w, v in self.job_vector.items()}
        self.job_terms = sorted(self.job_vector, key=lambda w: -self.job_vector[w])  # the strongest first
        self.job_norm = math.sqrt(sum(v * v for v in self.job_vector.values())) or 1.0
        query = Counter(tokens(" ".join([job.title, job.description] + job.required_skills + job.preferred_skills)))
        self.query = {w: q * idf(w) for w, q in query.items()}
        self.query_best = math.fsum(v * (BM25_K1 + 1) for v in self.query.values()) or 1.0
        self.domains = self._job_domains()

    @staticmethod
    def _canonical(skill: str) -> tuple[str, str | None, str, bool]:
        """(as written, canonical taxonomy name or None, category, whether that entry is broader than the
        skill: "Sales" for "Sales tax") for a skill a job asks for."""
        from nlp.pipeline import get_pipeline

        nlp = get_pipeline()
        doc = nlp.make_doc(skill)
        matcher = nlp.get_pipe("recruit_skills")
        if not matcher.entries:
            matcher.initialize()
        spans = [(end - start, match_id) for m in (matcher.lower, matcher.exact) for match_id, start, end in m(doc)]
        if spans:
            length, match_id = max(spans)
            entry = matcher.entries[int(nlp.vocab.strings[match_id].split("|")[0])]
            words = sum(1 for t in doc if not t.is_punct and not t.is_space)
            return skill, entry["name"], entry["category"], length < words
        return skill, None, "", False

    def _job_domains(self) -> set[str]:
        cats = {c for _, name, c, _ in self.required + self.preferred if name and c in KPO_DOMAINS}
        return cats

    def _in_sentence(self, written: str, feats: ResumeFeatures) -> tuple[bool, list[int]]:
        """Whether the skill's words are all in one sentence of the resume, and those sentences."""
        keys = self.skill_keys[written]
        if not keys:
            return False, []
        found = None
        for key in keys:
            where = feats.key_sentences.get(key)
            if not where:
                return False, []
            found = where if found is None else found & where
            if not found:
                return False, []
        return True, sorted(found)

    def _skill_credit(self, wanted, feats: ResumeFeatures) -> tuple[float, Evidence | None, str]:
        """(credit, evidence, in words) for one skill: shown in the work (its words in a sentence that
        describes a job) 1, listed or named elsewhere 0.8, only its broader entry found 0.5, related skills
        of its field 0.3."""
        written, canonical, category, broader = wanted
        found, where = self._in_sentence(written, feats)
        work = [i for i in where if feats.sentences[i][2] is not None]
        if work:
            entries = {feats.sentences[i][2] for i in work}
            years = [feats.job_years[e] for e in entries if e < len(feats.job_years) and feats.job_years[e][0]]
            first, last = (min(y[0] for y in years), max(y[1] for y in years)) if years else (0, 0)
            when = "" if not years else f", {first}" if first == last else f", {first}–{last}"
            a, b, _ = feats.sentences[work[0]]
            return SHOWN_IN_WORK, Evidence(written, a, b), f"shown in work{when}"
        has = canonical and canonical.lower() in feats.skills
        if has and not broader:
            name, span = feats.skills[canonical.lower()]
            return LISTED, Evidence(name, *(span or [None, None])), f"listed, {credit_in_words(LISTED)}"
        if found:
            a, b, _ = feats.sentences[where[0]]
            return LISTED, Evidence(written, a, b), f"named, {credit_in_words(LISTED)}"
        if has:
            name, span = feats.skills[canonical.lower()]
            return BROADER, Evidence(name, *(span or [None, None])), f"only '{name}' found, {credit_in_words(BROADER)}"
        if category and feats.categories.get(category, 0) >= 3:
            return RELATED, None, f"related {category.replace('_', ' ')} skills, {credit_in_words(RELATED)}"
        return 0.0, None, "not found"

    def _skills(self, wanted, feats, kind: str):
        """The criterion's (points, explanation, evidence), the reason for the summary line, what is missing."""
        if not wanted:
            return (0.0, "The job lists none.", []), None, []
        credits = [(w, *self._skill_credit(w, feats)) for w in wanted]
        points = sum(c[1] for c in credits) / len(credits)
        have = [c for c in credits if c[1] >= LISTED]
        # Every skill the resume does not show is missing, also those that earn a little for related skills
        # or a broader entry (the line says so, so that "0 of 4" beside a fifth of the points reads true).
        missing = [c[0][0] for c in credits if c[1] < LISTED]
        related = sum(1 for c in credits if 0 < c[1] < LISTED)
        partly = f" ({related} more partly)" if related else ""
        details = [f"{c[0][0]}: {c[3]}" for c in credits if c[1] > 0]
        explanation = "; ".join([f"{len(have)} of {len(wanted)}{partly}"] + details
                                + ([f"missing {', '.join(missing)}"] if missing else []))
        evidence = [c[2] for c in credits if c[2] is not None]
        return (points, explanation, evidence), f"{len(have)} of {len(wanted)} {kind} skills{partly}", missing

    def score(self, feats: ResumeFeatures) -> Score:
        """The score, its breakdown, and a summary line of the reasons a recruiter reads in a ranked list:
        what the job asks for and what the resume shows of it, the closest title held, what is missing."""
        job = self.job
        results = {}
        results["required_skills"], have_required, missing = self._skills(self.required, feats, "required")
        results["preferred_skills"], have_preferred, _ = self._skills(self.preferred, feats, "preferred")
        reasons = [have_required, have_preferred]
        title_fit, title, how = self._title_fit(feats)
        if title:
            results["title_fit"] = (title_fit, f"{title.text}: {how}",
                                    [Evidence(title.text, *(title.span or (None, None)))])
            reasons.insert(1, f"closest title: {title.text}")
        else:
            results["title_fit"] = (0.0, "no title held is close to the job's" if self.job.title
                                    else "The job names no title.", [])
        results["experience"] = self._experience(feats, reasons)
        if not job.education:
            edu = (0.0, "The job asks for no level.", [])
        else:
            need = min(LEVEL_RANK.get(level, 2) for level in job.education)
            exact = feats.level in job.education
            have = LEVEL_RANK.get(feats.level or "", -1)
            pts = 1.0 if exact or have >= need else (0.5 if have == need - 1 else 0.0)
            ev = [Evidence(feats.level_text[0], *(feats.level_text[1] or [None, None]))] if feats.level_text else []
            edu = (pts, f"{feats.level or 'no degree found'} against {', '.join(job.education)}", ev)
            reasons.append(feats.level_text[0] if feats.level_text else "no degree found")
        results["education"] = edu
        counts = feats.token_counts
        log_tf = feats.log_tf
        dot = sum(v * log_tf[w] for w, v in self.job_weighted.items() if w in log_tf)
        cosine = dot / (self.job_norm * feats.norm)
        shared = [w for w in self.job_terms if w in counts][:8]
        # Cosines of related texts sit far below 1; 0.35 and above is as close as resumes get to a job.
        words = [feats.words.get(w, w) for w in shared]
        results["domain_fit"] = (min(1.0, cosine / COSINE_FULL),
                                 f"text similarity {cosine:.2f}; shared: {', '.join(words)}",
                                 [Evidence(word, *feats.places.get(w, (None, None))) for w, word in zip(shared, words)])
        results["relevance"] = self._relevance(feats)
        results["kpo_aptitude"] = feats.kpo_result
        results["seniority"] = self._seniority(feats)
        if missing:
            reasons.append("missing " + ", ".join(missing))
        total_weight = sum(self.weights.values()) or 1.0
        breakdown = []
        for name, (pts, explanation, evidence) in results.items():
            weight = self.weights[name]
            breakdown.append(Criterion(name, LABELS[name], weight, round(pts, 3),
                                       round(100 * weight * pts / total_weight, 1), explanation, evidence))
        return Score(round(sum(c.contribution for c in breakdown), 1), breakdown,
                     " · ".join(r for r in reasons if r))

    def _seniority(self, feats: ResumeFeatures):
        """The latest title's seniority (the headline when no job has a title) against the job title's, times
        how close that title is to the job's occupation."""
        latest = next((t for t in feats.titles if t.entry is not None), None) or next(iter(feats.titles), None)
        if latest is None or not self.job.title.strip():
            return 0.0, "no title held" if self.job.title.strip() else "The job names no title.", []
        # A level is evidence only in work close to the job's: a head chef is no senior accountant.
        level, why = seniority_fit(latest.text, self.job.title)
        near, how = self._close(latest)
        points = level * near
        return (points, f"latest title {latest.text}: {why}, in {how or 'no close occupation'} ({near:g}): "
                        f"{credit_in_words(round(points, 3))}", [Evidence(latest.text, *(latest.span or (None, None)))])

    def _relevance(self, feats: ResumeFeatures):
        """BM25 of the job's words in the text read, as a share of the most any resume could earn for them
        (every word used often), so a score does not depend on the other resumes."""
        norm = BM25_K1 * (1 - BM25_B + BM25_B * feats.length / BM25_AVERAGE_LENGTH)
        counts = feats.token_counts
        earned = {w: v * counts[w] * (BM25_K1 + 1) / (counts[w] + norm) for w, v in self.query.items() if w in counts}
        points = math.fsum(earned.values()) / self.query_best
        top = sorted(earned, key=lambda w: -earned[w])[:6]
        words = [feats.words.get(w, w) for w in top]
        return (points, f"BM25 {points:.2f} of the most the job's words can earn; strongest: {', '.join(words)}",
                [Evidence(word, *feats.places.get(w, (None, None))) for w, word in zip(top, words)])

    def _close(self, title: Title) -> tuple[float, str]:
        """How close one title is to the job's: occupational closeness, or for titles O*NET does not know,
        the share of the job title's specific words it uses ("Manager" alone is none). Remembered per
        title: resumes share titles, and ranking thousands stays fast."""
        key = (title.occupations, title.stems)
        known = self._closeness.get(key)
        if known is not None:
            return known
        near = closeness(self.occupations, title.occupations)
        overlap = math.fsum(self.title_idf[w] for w in self.title_stems & title.stems) / self.title_total
        words = 0.8 * overlap
        if near >= words and near > 0:
            how = {1.0: "the same occupation", 0.75: "a close occupation", 0.5: "the same occupation group",
                   0.25: "the same field of work"}[near]
            known = near, how
        else:
            known = words, "shares the job title's words" if words else ""
        self._closeness[key] = known
        return known

    def _title_fit(self, feats: ResumeFeatures) -> tuple[float, Title | None, str]:
        """The closest title held, weighted by how recent and how long it was, and how it is close."""
        best, best_title, best_how = 0.0, None, ""
        for title in feats.titles:
            near, how = self._close(title)
            fit = near * title.weight
            if fit > best:
                best, best_title = fit, title
                held = f", {title.months // 12} y {title.months % 12} m" if title.months else ""
                # The line says its sum: closeness times the weight for how recent and how long the job was.
                best_how = (f"{how} ({near:g}){held}" + ("" if title.entry is not None else " (headline)")
                            + f", times {title.weight:.2f} for how recent and how long: "
                            + credit_in_words(round(fit, 3)))
        return best, best_title, best_how

    def _experience(self, feats: ResumeFeatures, reasons: list[str]):
        """Years in roles close to the job (half for other years) against the years asked."""
        close = [t for t in feats.titles if t.entry is not None and t.months and self._close(t)[0] >= 0.5]
        relevant = _months_covered([(t.start, t.end) for t in close]) / 12
        total = feats.years or 0.0
        to = f"jobs to present counted to {feats.resume_date[:7]}, the resume's date" if feats.resume_date else ""
        said = f"{round(relevant, 1):g} years in roles close to the job, {total:g} in all ({to})" if total \
            else "no dated jobs"
        exp_ev = [Evidence(t.text, *(t.span or (None, None))) for t in close[:3]]
        if self.job.min_years <= 0:  # no minimum asked: years in close roles count, up to REFERENCE_YEARS
            return (min(1.0, relevant / REFERENCE_YEARS),
                    f"{said}; no minimum asked, full marks at {REFERENCE_YEARS:g} years in close roles", exp_ev)
        counted = relevant + 0.5 * max(total - relevant, 0.0)
        reasons.append(f"{round(relevant, 1):g} relevant years, {total:g} in all ({self.job.min_years:g} asked)"
                       if total else f"no dated jobs ({self.job.min_years:g} years asked)")
        return min(1.0, counted / self.job.min_years), f"{said}; {self.job.min_years:g} asked", exp_ev


def kpo_aptitude(k: dict[str, list[Evidence]]):
    """KPO aptitude's (points, explanation, evidence): the same for every job, so computed once per parse."""
    parts = {
        "research and report writing": min(1.0, len(k["research"]) / 6),
        "analytical tools": min(1.0, len(k["tools"]) / 3),
        "domain knowledge": min(1.0, len([e for e in k["domain"]]) / 4),
        "advanced qualifications": 1.0 if k["qualifications"] else 0.0,
        "languages": min(1.0, len(k["languages"]) / 2) if k["languages"] else 0.5,
        "academic results": 1.0 if k["results"] else 0.0,
    }
    weights = {"research and report writing": 3, "analytical tools": 2, "domain knowledge": 3,
               "advanced qualifications": 2, "languages": 1, "academic results": 1}
    pts = sum(parts[p] * w for p, w in weights.items()) / sum(weights.values())
    strong = [p for p, v in parts.items() if v >= 0.99]
    evidence = (k["qualifications"][:2] + k["tools"][:3] + k["domain"][:3] + k["research"][:3]
                + k["results"][:1] + k["languages"][:2])
    return pts, "strong: " + (", ".join(strong) if strong else "none"), evidence


def _months_covered(ranges: list[tuple[int, int]]) -> int:
    """Months the (start, end) month ranges cover, overlaps counted once."""
    months, cur_a, cur_b = 0, None, None
    for a, b in sorted(ranges):
        if cur_b is None or a > cur_b:
            months += (cur_b - cur_a) if cur_b is not None else 0
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    return months + ((cur_b - cur_a) if cur_b is not None else 0)


def score(job: JobProfile | dict, parsed: ParsedResume) -> Score:
    """Score one resume for one job (build a ``Scorer`` to score many)."""
    job = job if isinstance(job, JobProfile) else JobProfile.from_dict(job)
    return Scorer(job).score(features(parsed))


def canonical_skill(skill: str) -> tuple[str, str | None, str]:
    """(as written, canonical taxonomy name or None, category) for a skill a person types, as the scorer reads it.

    An entry broader than what was typed ("Communication" for "Client communication") lends its category but
    not its name: the skill is kept as written."""
    written, name, category, broader = Scorer._canonical(skill)
    return written, None if broader else name, category
