"""Fit the scorer's default criterion weights on human judgments and the category benchmark; writes RESULTS.md.

    .venv/bin/python benchmarks/fit_weights.py

The score of a resume for one job is sum(weight * points) / sum(weight) over the criteria the job asks
for, so within one job the ranking is a weighted sum of the criteria's points. The weights are fitted by
pairwise logistic regression on the differences of points between two resumes for one job:

- the ferr-dev human judgments: every two resumes the raters scored differently for a job;
- the category profiles of benchmarks/jobs/: a resume of a fitting category against one that is not, among
  the 150 the default scorer or BM25 put highest (the resumes a top 20 is chosen from), 3,000 pairs a job.

Both sets count equally (each job equally within its set); weights stay non-negative (a criterion never
counts against a candidate) with a small L2 penalty, and are shown scaled to sum to 100. Every figure
reported for a fitted weighting is leave-one-job-out: the job measured was not in the fit.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._results import record  # noqa: E402
from nlp.score import DEFAULT_WEIGHTS, JobProfile, Scorer, features  # noqa: E402

CRITERIA = list(DEFAULT_WEIGHTS)
POOL = 150  # the category pool pairs are drawn from, per job
PAIRS = 3000  # pairs drawn from it (at random, always the same)
L2 = 1e-3


def points(job: JobProfile, feats: list) -> tuple[np.ndarray, np.ndarray]:
    """(resumes x criteria) points of each resume for this job, and the mask of the criteria it asks for."""
    scorer = Scorer(JobProfile(**{**job.__dict__, "weights": {}}))
    mask = np.array([0.0 if c in scorer.not_asked else 1.0 for c in CRITERIA])
    rows = [[c.points for c in scorer.score(f).breakdown] for f in feats]
    return np.array(rows) * mask, mask


def graded_pairs(judged, feats_of) -> list[np.ndarray]:
    """Per judged job, the differences of points (better minus worse) of every two resumes scored apart."""
    return graded_differences([points(job, [feats_of(parsed) for parsed, _ in pool])[0] for job, pool in judged],
                              [[h for _, h in pool] for _, pool in judged])


def graded_differences(matrices: list[np.ndarray], humans: list[list[float]]) -> list[np.ndarray]:
    """Per judged job, from its (resumes x signals) matrix, the rows of the better minus the worse resume of
    every two the raters scored apart."""
    out = []
    for p, human in zip(matrices, humans):
        diffs = [p[i] - p[j] for i in range(len(human)) for j in range(len(human)) if human[i] > human[j]]
        out.append(np.array(diffs) if diffs else np.zeros((0, p.shape[1])))
    return out


def category_pools(profiles, feats: list, bm25_orders: list[list[float]]) -> list[set[int]]:
    """Per category profile, the resumes a top 20 is chosen from: the top POOL of the default scorer and of BM25."""
    pools = []
    for (job, _), bm in zip(profiles, bm25_orders):
        p, mask = points(job, feats)
        default = p @ (np.array([DEFAULT_WEIGHTS[c] for c in CRITERIA]) * mask)
        pools.append(set(np.argsort(-default)[:POOL]) | set(np.argsort(-np.array(bm))[:POOL]))
    return pools


def category_differences(matrices: list[np.ndarray], profiles, categories: list[str],
                         pools: list[set[int]]) -> list[np.ndarray]:
    """Per category profile, from its (resumes x signals) matrix, the rows of a fitting minus a not fitting
    resume of its pool (PAIRS pairs drawn at random, always the same)."""
    out = []
    for p, (_, hits), pool in zip(matrices, profiles, pools):
        good = [i for i in pool if categories[i] in hits]
        bad = [i for i in pool if categories[i] not in hits]
        pairs = [(i, j) for i in sorted(good) for j in sorted(bad)]
        pairs = [pairs[k] for k in np.random.default_rng(0).permutation(len(pairs))[:PAIRS]]
        out.append(np.array([p[i] - p[j] for i, j in pairs]) if pairs else np.zeros((0, p.shape[1])))
    return out


def category_pairs(profiles, categories: list[str], feats: list, bm25_orders: list[list[float]]) -> list[np.ndarray]:
    """Per category profile, the differences of points (fitting minus not fitting) within its pool."""
    return category_differences([points(job, feats)[0] for job, _ in profiles], profiles, categories,
                                category_pools(profiles, feats, bm25_orders))


def fit(sets: list[list[np.ndarray]], steps: int = 600, rate: float = 0.5, without: tuple = (),
        names: list[str] = CRITERIA) -> np.ndarray:
    """Non-negative weights minimising the mean pairwise logistic loss (each set, and each job in it, equal);
    the criteria named in ``without`` kept at zero (to measure what one adds). ``names`` are the columns of the
    differences: the criteria, or the signals an experiment measures."""
    keep = np.array([0.0 if c in without else 1.0 for c in names])
    w = np.full(len(names), 1.0) * keep
    groups = [(d, 1.0 / (len(jobs) * len(d) * len(sets))) for jobs in sets for d in jobs if len(d)]
    for _ in range(steps):
        grad = 2 * L2 * w
        for d, scale in groups:
            margin = d @ w
            grad -= scale * (d * (1 / (1 + np.exp(np.clip(margin, -30, 30))))[:, None]).sum(axis=0)
        w = np.maximum(w - rate * grad * 10, 0.0) * keep
    return w


def as_weights(w: np.ndarray) -> dict[str, float]:
    """Fitted weights scaled to sum to 100, rounded to whole numbers as the admin sees them."""
    total = w.sum() or 1.0
    return {c: float(round(100 * v / total)) for c, v in zip(CRITERIA, w)}


def pair_sets(judged, profiles, resumes, feats) -> tuple[list, list]:
    """The graded and the category pairs the fits learn from (computed once, fitted many ways)."""
    from collections import Counter

    from benchmarks.rank_quality import bm25
    from nlp.score import tokens

    by_id = {id(p): f for (_, p), f in zip(resumes, feats)}
    categories = [c for c, _ in resumes]
    docs = [Counter(tokens(p.text)) for _, p in resumes]
    graded = graded_pairs(judged, lambda p: by_id.get(id(p)) or features(p))
    category = category_pairs(profiles, categories, feats, [bm25(job, docs) for job, _ in profiles])
    return graded, category


def cross_validated(pairs: tuple[list, list], without: tuple = ()) -> dict:
    """Weights for each judged job and each category profile, fitted leaving that job out, and on everything
    (the criteria in ``without`` at zero), from ``pair_sets``."""
    graded, category = pairs
    return {"graded": [as_weights(fit([graded[:i] + graded[i + 1:], category], without=without))
                       for i in range(len(graded))],
            "category": [as_weights(fit([graded, category[:i] + category[i + 1:]], without=without))
                         for i in range(len(category))],
            "all": as_weights(fit([graded, category], without=without))}


def main() -> int:
    from benchmarks.rank_quality import category_profiles, judged_jobs, parsed_files, parsed_resumes

    resumes = parsed_resumes()
    feats = [features(p) for _, p in resumes]
    judged = judged_jobs(parsed_files())
    cv = cross_validated(pair_sets(judged, category_profiles(), resumes, feats))
    spread = {c: (min(w[c] for w in cv["graded"] + cv["category"]), max(w[c] for w in cv["graded"] + cv["category"]))
              for c in CRITERIA}
    rows = ["| criterion | fitted on everything | range over the leave-one-job-out fits | shipped default |",
            "| --- | ---: | ---: | ---: |"]
    rows += [f"| {c} | {cv['all'][c]:g} | {spread[c][0]:g}-{spread[c][1]:g} | {DEFAULT_WEIGHTS[c]:g} |"
             for c in CRITERIA]
    body = ("\n".join(rows) + "\n\nPairwise logistic regression, weights non-negative, on the ferr-dev judgments "
            "(every two resumes scored apart for a job) and the category profiles (fitting against not fitting "
            f"among the top {POOL} of the default scorer and of BM25), the two sets counting equally. The "
            "ranking figures of these fits, each job measured with weights fitted without it, are in "
            "'Shortlisting: ranking quality and speed'.")
    print(body)
    record("Shortlisting: fitted criterion weights", "python benchmarks/fit_weights.py", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
