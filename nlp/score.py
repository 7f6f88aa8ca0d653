"""Explainable KPO-fit scoring: a job profile and a ParsedResume in, 0-100 with a breakdown out.

Six criteria, each worth 0-1 points, weighted (weights per job; defaults below): required skills,
preferred skills, years of experience, education level, domain fit (similarity of the resume's work
to the job's description), and KPO aptitude (research and report writing, analytical tools, domain
knowledge, advanced qualifications, languages, academic results). Every point carries the resume
evidence it rests on.

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
from functools import lru_cache
from pathlib import Path

from nlp.components import degree_level
from nlp.resume import ParsedResume

# Job-specific criteria carry most weight: years, degree level and general aptitude hardly tell
# candidates for one role from another (measured in benchmarks/rank_quality.py); an admin can raise
# them per job.
DEFAULT_WEIGHTS = {"required_skills": 25, "preferred_skills": 10, "experience": 5, "education": 5,
                   "domain_fit": 50, "kpo_aptitude": 5}
LABELS = {"required_skills": "Required skills", "preferred_skills": "Preferred skills",
          "experience": "Years of experience", "education": "Education", "domain_fit": "Domain fit",
          "kpo_aptitude": "KPO aptitude"}
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
# Domain fit: half text similarity (full marks at a cosine of COSINE_FULL, as close as resumes get to a
# job's text), half the closest title held.
TITLE_SHARE = 0.5
COSINE_FULL = 0.35
IDENTITY_FIELDS = ("name", "emails.", "phones.", "links.", "location")
# Stored with every score, so scores made by an older scorer can be found and made again
# (``recruit scores recompute``).
SCORER_VERSION = "recruit-score/3"

STOP = None
WORD = re.compile(r"[a-z][a-z0-9+#]*(?:\.[a-z0-9]+)*")
WORD_OR_IT = re.compile(r"\bIT\b|[A-Za-z][A-Za-z0-9+#]*(?:\.[A-Za-z0-9]+)*")  # WORD on the text as written
SUFFIXES = ("iations", "iation", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ers", "er", "ed", "s")


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
    norm: float = 0.0
    words: dict[str, str] = field(default_factory=dict)  # stem -> a word the resume uses for it
    bigrams: frozenset = frozenset()  # adjacent content-word stems, for multi-word skills named in prose
    titles: list[tuple[str, frozenset, float, tuple | None]] = field(default_factory=list)  # and how recent, where
    places: dict = field(default_factory=dict)  # stem -> (start, end) of its first use, for the evidence
    pair_places: dict = field(default_factory=dict)  # (stem, stem) -> (start, end) of their first use together


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
    # The headline at the top ("Senior Accountant") and the latest jobs say what the candidate does now;
    # older titles count for less.
    titles = []
    for a, b in spans:
        if any(s["label"] == "header" and s["start"] <= a < s["end"] for s in parsed.sections):
            line = text[a:b].strip()
            if 0 < len(line) <= 60:
                start = text.index(line, a)
                titles.append((line, frozenset(tokens(line)), 1.0, (start, start + len(line))))
    held = [(e.title, ev.get(f"experience.{i}.title")) for i, e in enumerate(parsed.experience) if e.title]
    titles += [(t, frozenset(tokens(t)), TITLE_RECENCY[min(i, len(TITLE_RECENCY) - 1)], tuple(span) if span else None)
               for i, (t, span) in enumerate(held)]
    # Where each stem, and each pair of adjacent ones, is first written: a point given for a word can be
    # shown in the resume.
    places, pair_places = {}, {}
    for (before, start, _), (stem, at, end) in zip([(None, None, None)] + found, found):
        places.setdefault(stem, (at, end))
        if before is not None:
            pair_places.setdefault((before, stem), (start, end))
    result = ResumeFeatures(titles=titles, words=words, bigrams=frozenset(zip(stems, stems[1:])), skills=skills,
                            categories=categories, token_counts=counts, years=parsed.total_experience_years,
                            years_span=ev.get("total_experience_years"), level=level, level_text=level_text, kpo=kpo,
                            places=places, pair_places=pair_places)
    result.norm = math.sqrt(sum((1 + math.log(c)) ** 2 * idf(w) ** 2 for w, c in counts.items())) or 1.0
    return result


# ------------------------------------------------------------------ the scorer


class Scorer:
    """Scores resumes against one job. Build it once per job; ``score`` is then cheap per resume."""

    def __init__(self, job: JobProfile):
        self.job = job
        self.required = [self._canonical(s) for s in job.required_skills if s.strip()]
        self.preferred = [self._canonical(s) for s in job.preferred_skills if s.strip()]
        self.weights = {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in job.weights.items() if k in DEFAULT_WEIGHTS}}
        # What the job does not ask for does not count: full marks to everyone would only pad the scores
        # (and a bar that says "fits" where nothing was asked).
        self.not_asked = {name for name, asked in (("required_skills", self.required),
                                                   ("preferred_skills", self.preferred),
                                                   ("experience", job.min_years > 0),
                                                   ("education", job.education)) if not asked}
        for name in self.not_asked:
            self.weights[name] = 0.0
        self.skill_stems = {w: tokens(w) for w, _, _ in self.required + self.preferred}  # once, not per resume
        job_text = " ".join([job.title] * 3 + [job.description] + job.required_skills * 2 + job.preferred_skills)
        counts = Counter(tokens(job_text))
        self.job_vector = {w: (1 + math.log(c)) * idf(w) for w, c in counts.items()}
        self.job_norm = math.sqrt(sum(v * v for v in self.job_vector.values())) or 1.0
        self.domains = self._job_domains()
        self.title_stems = frozenset(tokens(job.title))

    @staticmethod
    def _canonical(skill: str) -> tuple[str, str | None, str]:
        """(as written, canonical taxonomy name or None, category) for a skill a job asks for."""
        from nlp.pipeline import get_pipeline

        nlp = get_pipeline()
        doc = nlp.make_doc(skill)
        matcher = nlp.get_pipe("recruit_skills")
        if not matcher.entries:
            matcher.initialize()
        spans = [(end - start, match_id) for m in (matcher.lower, matcher.exact) for match_id, start, end in m(doc)]
        if spans:
            _, match_id = max(spans)
            entry = matcher.entries[int(nlp.vocab.strings[match_id].split("|")[0])]
            return skill, entry["name"], entry["category"]
        return skill, None, ""

    def _job_domains(self) -> set[str]:
        cats = {c for _, name, c in self.required + self.preferred if name and c in KPO_DOMAINS}
        return cats

    def _skill_credit(self, wanted, feats: ResumeFeatures) -> tuple[float, Evidence | None, str]:
        written, canonical, category = wanted
        if canonical and canonical.lower() in feats.skills:
            name, span = feats.skills[canonical.lower()]
            return 1.0, Evidence(name, *(span or [None, None])), "has it"
        stem_words = self.skill_stems[written]
        named = (all(pair in feats.bigrams for pair in zip(stem_words, stem_words[1:])) if len(stem_words) > 1
                 else bool(stem_words) and feats.token_counts.get(stem_words[0], 0) > 0)
        if named:
            place = (feats.pair_places.get(tuple(stem_words[:2])) if len(stem_words) > 1
                     else feats.places.get(stem_words[0]))
            return 0.8, Evidence(written, *(place or (None, None))), "named in the resume's work"
        if category and feats.categories.get(category, 0) >= 3:
            return 0.3, None, f"related {category.replace('_', ' ')} skills"
        return 0.0, None, "not found"

    def _skills(self, wanted, feats, kind: str):
        """The criterion's (points, explanation, evidence), the reason for the summary line, what is missing."""
        if not wanted:
            return (0.0, "The job lists none.", []), None, []
        credits = [(w, *self._skill_credit(w, feats)) for w in wanted]
        points = sum(c[1] for c in credits) / len(credits)
        have = [c[0][0] for c in credits if c[1] >= 0.8]
        # Every skill the resume does not show is missing, also those that earn a little for related skills
        # (the line says so, so that "0 of 4" beside a fifth of the points reads true).
        missing = [c[0][0] for c in credits if c[1] < 0.8]
        related = sum(1 for c in credits if 0 < c[1] < 0.8)
        partly = f" ({related} more partly, from related skills)" if related else ""
        explanation = (f"{len(have)} of {len(wanted)}{partly}"
                       + (f"; missing {', '.join(missing)}" if missing else ""))
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
        exp_ev = [Evidence(f"{feats.years:g} years", *feats.years_span)] if feats.years_span and feats.years else []
        if job.min_years <= 0:
            years = f"{feats.years:g} years" if feats.years else "no dated jobs"
            results["experience"] = (0.0, f"The job asks for no minimum ({years}).", exp_ev)
        else:
            pts = min(1.0, (feats.years or 0) / job.min_years)
            results["experience"] = (pts, f"{(feats.years or 0):g} of {job.min_years:g} years asked", exp_ev)
            reasons.append(f"{feats.years or 0:g} years ({job.min_years:g} asked)")
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
        dot = sum(v * (1 + math.log(feats.token_counts[w])) * idf(w)
                  for w, v in self.job_vector.items() if w in feats.token_counts)
        cosine = dot / (self.job_norm * feats.norm)
        shared = sorted((w for w in self.job_vector if w in feats.token_counts), key=lambda w: -self.job_vector[w])[:8]
        # Cosines of related texts sit far below 1; 0.35 and above is as close as resumes get to a job.
        title_fit, title = self._title_fit(feats)
        fit = (1 - TITLE_SHARE) * min(1.0, cosine / COSINE_FULL) + TITLE_SHARE * title_fit
        words = [feats.words.get(w, w) for w in shared]
        explanation = f"text similarity {cosine:.2f}; shared: {', '.join(words)}"
        evidence = [Evidence(word, *feats.places.get(w, (None, None))) for w, word in zip(shared, words)]
        if title:
            explanation += f"; closest title held: {title[0]}"
            reasons.insert(1, f"closest title: {title[0]}")
            evidence.insert(0, Evidence(title[0], *(title[1] or (None, None))))
        results["domain_fit"] = (fit, explanation, evidence)
        results["kpo_aptitude"] = self._kpo(feats)
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

    def _title_fit(self, feats: ResumeFeatures) -> tuple[float, tuple[str, tuple | None] | None]:
        """How close the titles the candidate has held are to this job's title (IDF-weighted overlap), and
        the closest one with where it is written."""
        best, best_title = 0.0, None
        want = self.title_stems
        if not want:
            return 0.0, None
        total = math.fsum(idf(w) for w in want)  # fsum: the same sum whatever order a set gives
        for title, stems, recency, span in feats.titles:
            overlap = recency * math.fsum(idf(w) for w in want & stems) / total
            if overlap > best:
                best, best_title = overlap, (title, span)
        return best, best_title

    def _kpo(self, feats: ResumeFeatures):
        k = feats.kpo
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


def score(job: JobProfile | dict, parsed: ParsedResume) -> Score:
    """Score one resume for one job (build a ``Scorer`` to score many)."""
    job = job if isinstance(job, JobProfile) else JobProfile.from_dict(job)
    return Scorer(job).score(features(parsed))


def canonical_skill(skill: str) -> tuple[str, str | None, str]:
    """(as written, canonical taxonomy name or None, category) for a skill a person types, as the scorer reads it."""
    return Scorer._canonical(skill)
