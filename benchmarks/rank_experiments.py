"""Ranking signals tried before any is shipped (issue 19): each measured leave-one-job-out on the ferr-dev
judgments and the category profiles, in one run beside BM25; writes RESULTS.md.

    .venv/bin/python benchmarks/rank_experiments.py            # every variant (about 40 min on a loaded 2-core VM)
    .venv/bin/python benchmarks/rank_experiments.py "O*NET" b=0  # the variants whose name has one of these words

A variant is the shipped criteria's points (recruit-score/5), with some criteria left out, the scorer changed, or
signals added as columns; its weights are fitted the way benchmarks/fit_weights.py fits the shipped ones (pairwise
logistic regression, non-negative, the judgments and the category pairs counting equally) with the job measured
left out of its fit. Within one job the scorer's order is the weighted sum of its criteria's points, so a variant
is ranked from its columns directly. The O*NET signals read ../shared/data/skills/onet/.
"""
from __future__ import annotations

import csv
import math
import sys
import types
from collections import Counter
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nlp.score  # noqa: E402
from benchmarks._results import record  # noqa: E402
from benchmarks.fit_weights import (CRITERIA, category_differences, category_pools, fit,  # noqa: E402
                                    graded_differences)
from benchmarks.rank_quality import (SHARED, TOP, bm25, category_profiles, judged_jobs, ndcg, pairwise,  # noqa: E402
                                     parsed_files, parsed_resumes)
from nlp.score import (BM25_AVERAGE_LENGTH, BM25_K1, CLOSENESS, JobProfile, Scorer, closeness,  # noqa: E402
                       features, idf, occupations, phrase_key, tokens)

ONET = SHARED / "skills" / "onet"


@dataclass
class Variant:
    """The shipped criteria, changed: ``without`` left out, ``patch`` around the scoring (a module constant
    changed), ``scorer`` applied to each job's scorer, ``signals`` added as columns (name -> f(scorer, job,
    features, parse) in 0..1 or any scale)."""

    name: str
    signals: dict[str, Callable] = field(default_factory=dict)
    without: tuple = ()
    patch: Callable = nullcontext
    scorer: Callable | None = None
    prepare: Callable | None = None  # f(features, parse), once per resume before it is scored


# ------------------------------------------------------------------ O*NET: the job's occupation in words


def onet_words() -> tuple[dict[str, Counter], dict[str, set]]:
    """Per 6-digit SOC occupation, the stems of its O*NET title and description (counted), and of its
    alternate titles (each once)."""
    described: dict[str, Counter] = {}
    with (ONET / "Occupation Data.txt").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            described.setdefault(row["O*NET-SOC Code"][:7], Counter()).update(
                tokens(row["Title"] + ". " + row["Description"]))
    alternates: dict[str, set] = {}
    with (ONET / "Alternate Titles.txt").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            alternates.setdefault(row["O*NET-SOC Code"][:7], set()).update(tokens(row["Alternate Title"]))
    return described, alternates


def bm25_share(query: dict[str, float], feats, b: float = nlp.score.BM25_B) -> float:
    """BM25 of a weighted query in the resume's words, as a share of the most the query could earn (as the
    relevance criterion computes it)."""
    norm = BM25_K1 * (1 - b + b * feats.length / BM25_AVERAGE_LENGTH)
    counts = feats.token_counts
    best = math.fsum(v * (BM25_K1 + 1) for v in query.values()) or 1.0
    small, large = (query, counts) if len(query) < len(counts) else (counts, query)
    return math.fsum(query[w] * counts[w] * (BM25_K1 + 1) / (counts[w] + norm) for w in small if w in large) / best


def occupation_expansion(described, alternates, with_alternates: bool) -> Callable:
    """Signal: BM25 of the job title's O*NET occupations' words (description; optionally every alternate
    title's words) in the resume: query expansion of the job through what its occupation does."""
    queries: dict[int, dict] = {}

    def signal(scorer, job, feats, parsed):
        if id(scorer) not in queries:
            queries.clear()
            counts = Counter()
            for soc in scorer.occupations:
                counts.update(set(described.get(soc, ())) | (alternates.get(soc, set()) if with_alternates else set()))
            queries[id(scorer)] = {w: c * idf(w) for w, c in counts.items()}
        query = queries[id(scorer)]
        return bm25_share(query, feats) if query else 0.0
    return signal


def read_title_with_text(described) -> Callable:
    """Scorer change: a job title that names several occupations ("Research Analyst": five) read as the one
    whose O*NET title and description are closest (cosine of IDF-weighted words) to the job's own text."""
    def change(scorer, job):
        codes, _ = occupations(job.title)
        if len(codes) < 2:
            return
        text = Counter(tokens(" ".join([job.title, job.description] + job.required_skills + job.preferred_skills)))
        q = {w: (1 + math.log(c)) * idf(w) for w, c in text.items()}

        def cosine(soc):
            d = {w: (1 + math.log(c)) * idf(w) for w, c in described.get(soc, Counter()).items()}
            return sum(v * d.get(w, 0.0) for w, v in q.items()) / (math.sqrt(sum(v * v for v in d.values())) or 1.0)
        scorer.occupations = (max(sorted(codes), key=cosine),)
        scorer._closeness = {}
    return change


def mean_closeness(job_codes, held_codes) -> float:
    """Closeness when the job title names several occupations: the mean over them of the closest held one (a
    title that is one of five readings of "Research Analyst" earns a fifth of the same-occupation credit, and
    what it is close to the other four)."""
    if not job_codes or not held_codes:
        return 0.0
    return sum(closeness((x,), held_codes) for x in job_codes) / len(job_codes)


def shared_closeness(job_codes, held_codes) -> float:
    """Closeness when the job title names several occupations: one of them 1; a broad occupation, minor or
    major group counted by the share of the job's occupations in it."""
    best = 0.0
    for y in held_codes if job_codes else ():
        if y in job_codes:
            return 1.0
        for n, v in CLOSENESS[1:]:
            best = max(best, v * sum(1 for x in job_codes if x[:n] == y[:n]) / len(job_codes))
    return best


def close_by(how: Callable) -> Callable:
    """Scorer change: title fit and relevant years read occupational closeness by ``how``."""
    def change(scorer, job):
        def close(self, title):
            key = (title.occupations, title.stems)
            if key not in self._closeness:
                near = how(self.occupations, title.occupations)
                words = 0.8 * math.fsum(self.title_idf[w] for w in self.title_stems & title.stems) / self.title_total
                self._closeness[key] = (near, "occupation") if near >= words and near > 0 else (words, "words")
            return self._closeness[key]
        scorer._close = types.MethodType(close, scorer)
        scorer._closeness = {}
    return change


# ------------------------------------------------------------------ O*NET: which of a title's occupations the text means


def onet_profiles() -> dict[str, dict[str, float]]:
    """Per 6-digit SOC occupation, a unit-length vector (1 + log tf) * IDF of the stems of what O*NET says of it:
    its title and description, the technologies it uses (examples and their commodity titles) and its
    alternate titles."""
    counts: dict[str, Counter] = {}
    sources = (("Occupation Data.txt", ("Title", "Description")), ("Technology Skills.txt", ("Example", "Commodity Title")),
               ("Alternate Titles.txt", ("Alternate Title",)))
    for name, fields in sources:
        with (ONET / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                counts.setdefault(row["O*NET-SOC Code"][:7], Counter()).update(
                    tokens(". ".join(row[f] for f in fields)))
    return {soc: unit({w: (1 + math.log(c)) * idf(w) for w, c in words.items()}) for soc, words in counts.items()}


def unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


def text_vector(text: str) -> dict[str, float]:
    return unit({w: (1 + math.log(c)) * idf(w) for w, c in Counter(tokens(text)).items()})


def reading(codes, text: str, profiles, floor: float, power: float = 1.0) -> dict[str, float]:
    """Each of a title's occupations weighted by how well the text beside the title (the job's description and
    skills, or the job entry's own lines) matches what O*NET says of it: the closest 1, the others by their
    share of its cosine (to the ``power``), never below ``floor``; all 1 when the text matches none (or there is no text)."""
    if len(codes) < 2 or not text.strip():
        return {c: 1.0 for c in codes}
    v = text_vector(text)
    sims = {c: sum(x * profiles.get(c, {}).get(w, 0.0) for w, x in v.items()) for c in codes}
    top = max(sims.values())
    return {c: 1.0 if top <= 0 else floor + (1 - floor) * (s / top) ** power for c, s in sims.items()}


def weighted_closeness(job_w: dict, held_w: dict) -> float:
    """Occupational closeness of the best pair, each side's occupation weighted by how well its text reads it."""
    best = 0.0
    for x, wx in job_w.items():
        for y, wy in held_w.items():
            near = next((v for n, v in CLOSENESS if x[:n] == y[:n]), 0.0)
            best = max(best, wx * wy * near)
    return best


def narrower_readings(title: str) -> tuple[str, ...]:
    """The job title's occupations and those of every O*NET title one word narrower than the one it matched
    ("Market Research Analyst" and "Equity Research Analyst" for "Research Analyst"): what the title may mean,
    for the job's text to choose from."""
    codes, key = occupations(title)
    if not key:
        return codes
    words = set(key.split())
    found = set(codes)
    for other, more in nlp.score._occupation_table().items():
        parts = other.split()
        if len(parts) == len(words) + 1 and words <= set(parts):
            found.update(more)
    return tuple(sorted(found))


def read_titles_by_text(profiles, floor: float, power: float = 1.0, job_side: bool = True, held_side: bool = True,
                        narrower: bool = False):
    """(prepare, scorer change): a title that names several occupations weighted by the text beside it, for the
    job's title (its description and skills) and for each title held (its job entry's description)."""
    def prepare(feats, parsed):
        for t in feats.titles:
            if getattr(t, "_read_as", None) == (floor, power, held_side):
                continue  # read once per resume, not once per job
            t._read_as = (floor, power, held_side)
            text = (parsed.experience[t.entry].description or "") if t.entry is not None and held_side else ""
            t._reading = reading(t.occupations, text, profiles, floor, power)

    def change(scorer, job):
        text = " ".join([job.description] + job.required_skills + job.preferred_skills) if job_side else ""
        codes = narrower_readings(job.title) if narrower else scorer.occupations
        job_w = reading(codes, text, profiles, floor, power)

        def close(self, title):
            held_w = getattr(title, "_reading", None) or {c: 1.0 for c in title.occupations}
            key = (tuple(sorted(held_w.items())), title.stems)
            if key not in self._closeness:
                near = weighted_closeness(job_w, held_w)
                words = 0.8 * math.fsum(self.title_idf[w] for w in self.title_stems & title.stems) / self.title_total
                self._closeness[key] = (near, "occupation") if near >= words and near > 0 else (words, "words")
            return self._closeness[key]
        scorer._close = types.MethodType(close, scorer)
        scorer._closeness = {}
    return prepare, change


# ------------------------------------------------------------------ recency: what the candidate does now


def entry_recency(feats, entry, per_year: float = 0.1, least: float = 0.25) -> float:
    """How recent a job entry is against the resume's own date: 1 when it ended within a year of it, ``per_year``
    less for every year before, never below ``least``; 1 for text outside the job entries or undated."""
    if entry is None or entry >= len(feats.job_years) or not feats.job_years[entry][1] or not feats.resume_date:
        return 1.0
    gap = int(feats.resume_date[:4]) - feats.job_years[entry][1] - 1
    return max(least, 1.0 - per_year * max(0, gap))


def recency_counts(feats, parsed, per_year: float = 0.1) -> Counter:
    """The resume's content-word counts, each sentence counted by how recent its job entry is: words of work
    done years ago count less than words of the latest job, the summary or the skills."""
    key = ("_recent_counts", per_year)
    if getattr(feats, "_recent_key", None) != key:
        counts = Counter()
        for a, b, entry in feats.sentences:
            r = entry_recency(feats, entry, per_year)
            for stem in tokens(parsed.text[a:b]):
                counts[stem] += r
        feats._recent_key, feats._recent = key, counts
    return feats._recent


def recent_relevance(per_year: float) -> Callable:
    """Signal: BM25 (as the relevance criterion) of the job's words in recency-weighted counts."""
    def signal(scorer, job, feats, parsed):
        counts = recency_counts(feats, parsed, per_year)
        length = sum(counts.values())
        norm = BM25_K1 * (1 - nlp.score.BM25_B + nlp.score.BM25_B * length / BM25_AVERAGE_LENGTH)
        return math.fsum(v * counts[w] * (BM25_K1 + 1) / (counts[w] + norm)
                         for w, v in scorer.query.items() if counts.get(w)) / scorer.query_best
    return signal


def recent_domain(per_year: float) -> Callable:
    """Signal: domain fit's cosine (as the criterion: log tf times IDF, full at COSINE_FULL) over recency-weighted
    counts."""
    def signal(scorer, job, feats, parsed):
        counts = recency_counts(feats, parsed, per_year)
        log_tf = {w: 1 + math.log(c) if c >= 1 else c for w, c in counts.items() if c > 0}
        norm = math.sqrt(sum((v * idf(w)) ** 2 for w, v in log_tf.items())) or 1.0
        dot = sum(v * log_tf[w] for w, v in scorer.job_weighted.items() if w in log_tf)
        return min(1.0, dot / (scorer.job_norm * norm) / nlp.score.COSINE_FULL)
    return signal


def skills_by_recency(per_year: float, least: float) -> Callable:
    """Scorer change: a skill shown in the work earns by how recent the latest job showing it is (full within a
    year of the resume's date, ``per_year`` less a year before, never below ``least``)."""
    def change(scorer, job):
        shipped = scorer._skill_credit

        def credit(wanted, feats):
            points, evidence, words = shipped(wanted, feats)
            if points == nlp.score.SHOWN_IN_WORK:
                _, where = scorer._in_sentence(wanted[0], feats)
                entries = {feats.sentences[i][2] for i in where if feats.sentences[i][2] is not None}
                points *= max(entry_recency(feats, e, per_year, least) for e in entries)
            return points, evidence, words
        scorer._skill_credit = credit
    return change


# ------------------------------------------------------------------ how much work the resume describes


def work_sentences(feats, keys) -> int:
    """Sentences of job entries using any of these phrase keys (all job sentences when ``keys`` is None)."""
    if keys is None:
        return sum(1 for s in feats.sentences if s[2] is not None)
    hit = set()
    for k in keys:
        hit |= feats.key_sentences.get(k, frozenset())
    return sum(1 for i in hit if feats.sentences[i][2] is not None)


def skill_depth(scorer, job, feats, parsed, saturate: float = 8.0) -> float:
    """Signal: work sentences naming a required or preferred skill (all its words) or a word of the job's title,
    n / (n + 8): the evidence depth of "shown in work"."""
    hit = set()
    for key in scorer.skill_keys.values():
        found = None
        for k in key:
            where = feats.key_sentences.get(k, frozenset())
            found = where if found is None else found & where
        hit |= found or set()
    for k in scorer.title_stems:
        hit |= feats.key_sentences.get(k, frozenset())
    n = sum(1 for i in hit if feats.sentences[i][2] is not None)
    return n / (n + saturate)


def query_depth(scorer, job, feats, parsed, saturate: float = 8.0) -> float:
    """Signal: work sentences using any content word of the job's text, n / (n + 8)."""
    n = work_sentences(feats, {phrase_key(w) for w in scorer.query})
    return n / (n + saturate)


def work_length(scorer, job, feats, parsed, saturate: float = 20.0) -> float:
    """Signal (a control, not a fit): work sentences of any kind, n / (n + 20): how long the work described is."""
    n = work_sentences(feats, None)
    return n / (n + saturate)


def bm25_fields(scorer, job, feats, parsed, b: float = 0.75, weights=(3.0, 1.0, 1.5)) -> float:
    """Signal: BM25F of the job's words over the resume's fields (titles held 3, job descriptions 1, skills 1.5),
    each field's length normalised on its own, scaled by 1/50."""
    fields = (Counter(tokens(" ".join(e.title or "" for e in parsed.experience))),
              Counter(tokens(" ".join(e.description or "" for e in parsed.experience))),
              Counter(tokens(" ".join(s.name for s in parsed.skills))))
    lengths = [sum(f.values()) for f in fields]
    averages = (8.0, 300.0, 25.0)
    total = 0.0
    for w, q in scorer.query.items():
        tf = sum(wt * f[w] / (1 - b + b * n / avg) for wt, f, n, avg in zip(weights, fields, lengths, averages))
        total += q * tf * (BM25_K1 + 1) / (tf + BM25_K1)
    return total / 50


def relevance_b(b: float) -> Callable:
    """Patch: the relevance criterion's BM25 with length normalisation ``b`` (0.75 shipped)."""
    return lambda: mock.patch.object(nlp.score, "BM25_B", b)


def skill_credits(listed: float, broader: float, related: float) -> Callable:
    """Patch: a skill only listed (or named outside the work), only its broader entry, or only related skills of
    its field earn these (shown in the work stays 1; shipped 0.8, 0.5, 0.3)."""
    def patch():
        stack = ExitStack()
        for name, value in (("LISTED", listed), ("BROADER", broader), ("RELATED", related)):
            stack.enter_context(mock.patch.object(nlp.score, name, value))
        return stack
    return patch


def variants() -> list[Variant]:
    described, alternates = onet_words()
    profiles = onet_profiles()

    def by_text(name, floor, power=1.0, **sides):
        prepare, change = read_titles_by_text(profiles, floor, power, **sides)
        return Variant(name, scorer=change, prepare=prepare)
    only_text = ("required_skills", "preferred_skills", "experience", "education", "kpo_aptitude", "seniority")
    return [
        Variant("shipped criteria (recruit-score/5)"),
        Variant("relevance with b=0.5 (in place of 0.75)", patch=relevance_b(0.5)),
        Variant("relevance with b=0.3 (in place of 0.75)", patch=relevance_b(0.3)),
        Variant("relevance with b=0 (in place of 0.75)", patch=relevance_b(0.0)),
        Variant("+ BM25 with b=0.3 as a tenth signal", {"bm25 b=0.3": lambda s, j, f, p: bm25_share(s.query, f, 0.3)}),
        Variant("+ O*NET expansion: the occupation's description",
                {"O*NET description": occupation_expansion(described, alternates, False)}),
        Variant("+ O*NET expansion: description and alternate titles",
                {"O*NET words": occupation_expansion(described, alternates, True)}),
        Variant("+ BM25F (titles 3, work 1, skills 1.5)", {"BM25F": bm25_fields}),
        Variant("+ work depth: work sentences naming a skill or title word", {"skill depth": skill_depth}),
        Variant("+ work depth: work sentences using a word of the job", {"query depth": query_depth}),
        Variant("+ length of the work described (control: work sentences, any)", {"work length": work_length}),
        Variant("fewer: without seniority and KPO aptitude", without=("seniority", "kpo_aptitude")),
        Variant("fewer: without relevant years, seniority and KPO aptitude",
                without=("experience", "seniority", "kpo_aptitude")),
        Variant("fewer: without preferred skills, education, KPO aptitude",
                without=("preferred_skills", "education", "kpo_aptitude")),
        Variant("fewer: title fit, domain fit, relevance, required skills", without=only_text[1:]),
        Variant("fewer: title fit, domain fit, relevance", without=only_text),
        Variant("fewer: title fit, domain fit, relevance, b=0", without=only_text, patch=relevance_b(0.0)),
        Variant("title: several occupations read as the one closest to the job's text",
                scorer=read_title_with_text(described)),
        Variant("title: closeness the mean over the job title's occupations", scorer=close_by(mean_closeness)),
        Variant("title: a group counts by the share of the job title's occupations in it",
                scorer=close_by(shared_closeness)),
        Variant("skills: listed 0.6, broader entry 0.3, related 0.15 (shown in work 1)",
                patch=skill_credits(0.6, 0.3, 0.15)),
        Variant("skills: listed 0.5, broader entry 0.25, related 0 (shown in work 1)",
                patch=skill_credits(0.5, 0.25, 0.0)),
        Variant("skills: listed as much as shown in work (1), broader 0.5, related 0.3",
                patch=skill_credits(1.0, 0.5, 0.3)),
        Variant("skills: shown in work counted by how recent (0.1 less a year, at least 0.5)",
                scorer=skills_by_recency(0.1, 0.5)),
        Variant("skills: shown in work counted by how recent (0.1 less a year, at least 0.25)",
                scorer=skills_by_recency(0.1, 0.25)),
        Variant("recency: + relevance over recency-weighted words", {"recent relevance": recent_relevance(0.1)}),
        Variant("recency: relevance and domain fit over recency-weighted words (in place)",
                {"recent relevance": recent_relevance(0.1), "recent domain": recent_domain(0.1)},
                without=("relevance", "domain_fit")),
        Variant("recency: + relevance and domain fit over recency-weighted words",
                {"recent relevance": recent_relevance(0.1), "recent domain": recent_domain(0.1)}),
        by_text("title by text: occupations weighted by the text beside each title (floor 0)", 0.0),
        by_text("title by text: occupations weighted by the text beside each title (floor 0.5)", 0.5),
        by_text("title by text: occupations weighted by the text beside each title (cosine share cubed)", 0.0, 3.0),
        by_text("title by text: the job's title only (floor 0)", 0.0, held_side=False),
        by_text("title by text: the job's title and its one-word-narrower O*NET titles, cosine share cubed", 0.0, 3.0,
                held_side=False, narrower=True),
        by_text("title by text: both sides, the job's with its narrower O*NET titles, cosine share cubed", 0.0, 3.0,
                narrower=True),
        *(Variant(f"combined: the job's title with its narrower readings ({'cubed' if power == 3 else 'share'}) "
                  f"+ relevance over recency-weighted words ({per_year:g} less a year)",
                  {"recent relevance": recent_relevance(per_year)},
                  **dict(zip(("prepare", "scorer"), read_titles_by_text(profiles, 0.0, power, held_side=False,
                                                                        narrower=True))))
          for power, per_year in ((3.0, 0.1), (1.0, 0.1), (3.0, 0.05), (3.0, 0.2))),
        by_text("title by text: the titles held only (floor 0)", 0.0, job_side=False),
        by_text("title by text: the titles held only (cosine share cubed)", 0.0, 3.0, job_side=False),
    ]


# ------------------------------------------------------------------ measuring


def columns(variant: Variant, job: JobProfile, parses: list, feats: list) -> np.ndarray:
    """(resumes x signals) of one job: the criteria's points (0 where not asked or left out), then the added
    signals."""
    with variant.patch():
        scorer = Scorer(JobProfile(**{**job.__dict__, "weights": {}}))
        if variant.scorer:
            variant.scorer(scorer, job)
        if variant.prepare:
            for f, p in zip(feats, parses):
                variant.prepare(f, p)
        mask = np.array([0.0 if c in scorer.not_asked or c in variant.without else 1.0 for c in CRITERIA])
        base = np.array([[c.points for c in scorer.score(f).breakdown] for f in feats]) * mask
        extra = [[fn(scorer, job, f, p) for fn in variant.signals.values()] for f, p in zip(feats, parses)]
    return np.hstack([base, np.array(extra).reshape(len(feats), len(variant.signals))])


def measure(graded_m, humans, cat_m, profiles, categories, pools, names) -> dict:
    """Leave-one-job-out NDCG@5, NDCG@10, pairwise agreement and P@20 (per profile) of columns, and the weights
    fitted on everything (scaled to 100)."""
    g = graded_differences(graded_m, humans)
    c = category_differences(cat_m, profiles, categories, pools)
    n5 = n10 = agree = pairs = 0.0
    per5 = []
    for i, (p, human) in enumerate(zip(graded_m, humans)):
        system = list(p @ fit([g[:i] + g[i + 1:], c], names=names))
        order = sorted(range(len(human)), key=lambda k: -system[k])
        per5.append(ndcg([human[k] for k in order], 5))
        n5 += per5[-1]
        n10 += ndcg([human[k] for k in order], 10)
        a, q = pairwise(system, human)
        agree, pairs = agree + a, pairs + q
    per = []
    for i, (p, (_, wanted)) in enumerate(zip(cat_m, profiles)):
        top = np.argsort(-(p @ fit([g, c[:i] + c[i + 1:]], names=names)), kind="stable")[:TOP]
        per.append(sum(categories[k] in wanted for k in top) / TOP)
    everything = fit([g, c], names=names)
    return {"ndcg5": n5 / len(humans), "ndcg10": n10 / len(humans), "pairwise": agree / pairs,
            "p20": sum(per) / len(per), "per": per, "per5": per5, "weights": 100 * everything / (everything.sum() or 1.0)}


def paired(a: list[float], b: list[float]) -> str:
    """The mean difference a - b over the jobs and its standard error (the spread of the per-job differences over
    the square root of their number): what a difference must exceed to be more than noise."""
    d = np.array(a) - np.array(b)
    return f"{d.mean():+.3f} ± {d.std(ddof=1) / math.sqrt(len(d)):.3f}"


def main(argv: list[str]) -> int:
    resumes = parsed_resumes()
    categories = [c for c, _ in resumes]
    parses = [p for _, p in resumes]
    feats = [features(p) for p in parses]
    by_id = {id(p): f for p, f in zip(parses, feats)}
    judged = judged_jobs(parsed_files())
    profiles = category_profiles()
    humans = [[h for _, h in pool] for _, pool in judged]
    docs = [Counter(tokens(p.text)) for p in parses]
    bm_all = [bm25(job, docs) for job, _ in profiles]
    pools = category_pools(profiles, feats, bm_all)

    bm_graded = [bm25(job, [Counter(tokens(p.text)) for p, _ in pool]) for job, pool in judged]
    orders = [[h for _, h in sorted(zip(s, hs), key=lambda x: -x[0])] for s, hs in zip(bm_graded, humans)]
    agreed = [pairwise(s, hs) for s, hs in zip(bm_graded, humans)]
    p20 = [sum(categories[k] in hits for k in np.argsort(-np.array(bm), kind="stable")[:TOP]) / TOP
           for bm, (_, hits) in zip(bm_all, profiles)]
    titles = " / ".join(job.title.split()[0] for job, _ in profiles)
    bm5 = [ndcg(o, 5) for o in orders]
    rows = ["| ranker | NDCG@5 | NDCG@5 vs BM25 | NDCG@5 vs shipped | NDCG@10 | pairwise | P@20 | P@20 vs shipped | "
            "P@20 per profile | weights fitted on everything |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
            f"| BM25 | {np.mean(bm5):.3f} | | | {np.mean([ndcg(o, 10) for o in orders]):.3f} | "
            f"{sum(a for a, _ in agreed) / sum(n for _, n in agreed):.3f} | {np.mean(p20):.2f} | | "
            f"{' '.join(f'{x:.2f}' for x in p20)} | |"]
    shipped = None
    print("\n".join(rows), flush=True)
    chosen = [v for v in variants() if not argv or v.name.startswith("shipped") or any(a in v.name for a in argv)]
    for v in chosen:
        names = CRITERIA + list(v.signals)
        graded_m = [columns(v, job, [p for p, _ in pool], [by_id.get(id(p)) or features(p) for p, _ in pool])
                    for job, pool in judged]
        cat_m = [columns(v, job, parses, feats) for job, _ in profiles]
        r = measure(graded_m, humans, cat_m, profiles, categories, pools, names)
        weights = ", ".join(f"{n} {w:.0f}" for n, w in zip(names, r["weights"]) if round(w))
        shipped = shipped or r
        rows.append(f"| {v.name} | {r['ndcg5']:.3f} | {paired(r['per5'], bm5)} | "
                    f"{paired(r['per5'], shipped['per5']) if r is not shipped else ''} | {r['ndcg10']:.3f} | "
                    f"{r['pairwise']:.3f} | {r['p20']:.2f} | {paired(r['per'], shipped['per']) if r is not shipped else ''} | "
                    f"{' '.join(f'{x:.2f}' for x in r['per'])} | {weights} |")
        print(rows[-1], flush=True)
    body = ("\n".join(rows) + f"\n\nEvery variant's figures are leave-one-job-out (ferr-dev: {len(judged)} jobs, "
            f"{sum(len(h) for h in humans)} judged resumes; categories: {len(profiles)} profiles over "
            f"{len(resumes)} resumes, top {TOP}); P@20 per profile in the order {titles}. A difference is 'mean ± "
            "standard error' of the per-job (per-profile) differences, paired job by job: one within about two "
            "standard errors of zero is noise.")
    record("Shortlisting: ranking signals tried (issue 19)",
           "python benchmarks/rank_experiments.py " + " ".join(f'"{a}"' for a in argv), body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
