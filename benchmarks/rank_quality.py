"""Ranking quality and speed of the KPO-fit scorer on the livecareer resumes; writes RESULTS.md.

    .venv/bin/python benchmarks/rank_quality.py

Two measures, each beside BM25, TF-IDF and (for the graded one) a random order and resume length:

- graded: the FERR human judgments in ../shared/data/ferr-dev/ (HR professionals scored livecareer
  resumes 1-7 for 16 job profiles): mean NDCG@5 and NDCG@10 with the human score as the gain, and
  pairwise agreement (of two resumes the raters scored differently for a job, how often the ranking puts
  the better one first; a tie counts half). The scorer's weights are fitted on these judgments
  (benchmarks/fit_weights.py), so its figure is leave-one-job-out: each job ranked with weights fitted
  on the other fifteen.
- categories: for each job profile in benchmarks/jobs/, all 1,234 livecareer resumes are ranked and the
  top 20 checked: a hit is a resume whose category (livecareer/labels.csv) fits the role (the profile's
  "hit_categories").

Parsed resumes are cached in benchmarks/.cache/ per parser version.
"""
from __future__ import annotations

import csv
import json
import math
import random
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._results import record  # noqa: E402
from nlp.pipeline import PARSER_VERSION  # noqa: E402
from nlp.resume import ParsedResume  # noqa: E402
from nlp.score import DEFAULT_WEIGHTS, JobProfile, Scorer, features, idf, tokens  # noqa: E402

# ../shared/data beside the checkout (a worktree sits one folder deeper)
SHARED = next((p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()),
              ROOT.parent / "shared" / "data")
DATA = SHARED / "livecareer"
FERR = SHARED / "ferr-dev"
CACHE = ROOT / "benchmarks" / ".cache"
TOP = 20
ABLATIONS = {"without seniority": ("seniority",), "without seniority and relevant years": ("seniority", "experience")}
NOTE = """A livecareer category is the title the resume was filed under, so a role whose people are spread
over many categories cannot score well however the resumes are ranked. Customer care is the clear case:
BPO holds 11 resumes, and the customer-service agents a BPO hires are filed under ADVOCATE ("Customer
Service Advocate"), AVIATION, HEALTHCARE, FITNESS, CHEF and others. The scorer's top 20 for that role
are people whose resumes name customer service, CRM and call-centre work: customer care representatives
and service advocates, help-desk and billing staff, but also consultants and managers whose skills
lists name customer service (its weakest ranking: no title is close to the job's, so listed skills
decide). Rewriting the profile towards sales ("Customer Care and Sales Executive", tried) still gives
0.30. The figures above use the profiles in benchmarks/jobs/ as they are."""

SEMANTIC = """Semantic similarity was measured as a ninth criterion and left out: the cosine of WordLlama
embeddings (wordllama 0.4.0.post1, whose 16 MB l2_supercat weights and tokenizer ship inside the wheel,
loaded with downloads disabled; 4 ms to embed a resume) of the job's text and the resume's text read, with
the closest summary or job entry as its evidence. Alone it ranked the ferr-dev pools at NDCG@5 0.895,
pairwise 0.662 (BM25 0.893, 0.603). Inside the fitted scorer, leave-one-job-out, with it against without
it (same run, 2026-12-02): NDCG@5 0.892 against 0.898, NDCG@10 0.930 against 0.929, pairwise 0.662
against 0.660, category P@20 0.72 against 0.72. It adds nothing the other criteria do not already
carry, while a worker's peak RSS rose from 182 MB (parser loaded) to 310 MB with the model loaded and
features took 14 ms a resume instead of 6; so no dependency was added."""


def parsed_resumes() -> list[tuple[str, ParsedResume]]:
    """(category, parse) of every livecareer resume, sorted by file; parsed once per parser version."""
    return [(Path(file).parent.name, parsed) for file, parsed in sorted(parsed_files().items())]


def parsed_files() -> dict[str, ParsedResume]:
    """Every livecareer resume's parse by its path under livecareer/ ("ACCOUNTANT/12065211.pdf")."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"livecareer-{PARSER_VERSION.replace('/', '-')}.jsonl"
    if not path.exists():
        files = sorted(str(p) for p in DATA.glob("*/*.pdf"))
        with path.open("w") as out:
            subprocess.run([sys.executable, "-m", "nlp", "parse", "-j", "2", "-q", *files], stdout=out, check=True,
                           cwd=ROOT)
    rows = [json.loads(line) for line in path.open()]
    return {"/".join(Path(r["file"]).parts[-2:]): ParsedResume.from_dict(r) for r in rows if "error" not in r}


# ------------------------------------------------------------------ graded judgments (FERR)


def judged_jobs(files: dict[str, ParsedResume]) -> list[tuple[JobProfile, list[tuple[ParsedResume, float]]]]:
    """The ferr-dev job profiles, each with its judged resumes and their human scores (1-7)."""
    jobs = {j["id"]: JobProfile.from_dict(j["job"]) for j in json.loads((FERR / "jobs.json").read_text())}
    pools: dict[str, list] = {}
    with (FERR / "judgments.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            if row["file"] in files:
                pools.setdefault(row["jd_id"], []).append((files[row["file"]], float(row["score"])))
    return [(jobs[jd], pool) for jd, pool in pools.items()]


def ndcg(gains_in_order: list[float], k: int) -> float:
    """NDCG@k with the human score as the gain."""
    def dcg(gains):
        return sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))
    ideal = dcg(sorted(gains_in_order, reverse=True))
    return dcg(gains_in_order) / ideal if ideal else 0.0


def pairwise(system: list[float], human: list[float]) -> tuple[float, int]:
    """(agreements, pairs) over the pairs the humans scored differently; a system tie counts half."""
    agree, pairs = 0.0, 0
    for i in range(len(human)):
        for j in range(i + 1, len(human)):
            if human[i] != human[j]:
                pairs += 1
                d = (system[i] - system[j]) * (human[i] - human[j])
                agree += 1.0 if d > 0 else 0.5 if d == 0 else 0.0
    return agree, pairs


def graded(rankers: dict, jobs) -> dict[str, tuple[float, float, float]]:
    """(mean NDCG@5, mean NDCG@10, pairwise agreement) per ranker; a ranker maps (job index, job, pool of
    parses) to one number per resume, higher first. Ties in the order are broken by the pool's order."""
    out = {}
    for name, rank in rankers.items():
        n5 = n10 = agree = pairs = 0.0
        for index, (job, pool) in enumerate(jobs):
            system = rank(index, job, [p for p, _ in pool])
            human = [h for _, h in pool]
            order = sorted(range(len(pool)), key=lambda i: -system[i])
            n5 += ndcg([human[i] for i in order], 5)
            n10 += ndcg([human[i] for i in order], 10)
            a, p = pairwise(system, human)
            agree, pairs = agree + a, pairs + p
        out[name] = (n5 / len(jobs), n10 / len(jobs), agree / pairs if pairs else 0.0)
    return out


def job_query(job: JobProfile) -> list[str]:
    """The job's text as search terms: title, description and skills."""
    return tokens(" ".join([job.title, job.description] + job.required_skills + job.preferred_skills))


def bm25(job: JobProfile, docs: list[Counter], k1: float = 1.5, b: float = 0.75) -> list[float]:
    """Plain Okapi BM25 of the job's terms against each whole resume text (its content-word counts), IDF
    from nlp/data/word_df.tsv (the livecareer and dotin resumes): the search-engine baseline."""
    lengths = [sum(d.values()) for d in docs]
    average = sum(lengths) / len(lengths) or 1
    query = Counter(job_query(job))
    return [sum(q * idf(w) * d[w] * (k1 + 1) / (d[w] + k1 * (1 - b + b * n / average))
                for w, q in query.items() if w in d) for d, n in zip(docs, lengths)]


def tfidf(job: JobProfile, docs: list[Counter]) -> list[float]:
    """Cosine of TF-IDF vectors (log tf, IDF from word_df.tsv) of the job's terms and each resume text."""
    query = Counter(job_query(job))
    qv = {w: (1 + math.log(c)) * idf(w) for w, c in query.items()}
    qn = math.sqrt(sum(v * v for v in qv.values())) or 1
    out = []
    for counts in docs:
        dv = {w: (1 + math.log(c)) * idf(w) for w, c in counts.items()}
        dn = math.sqrt(sum(v * v for v in dv.values())) or 1
        out.append(sum(qv[w] * dv.get(w, 0) for w in qv) / (qn * dn))
    return out


def baselines(seeds: int = 50) -> dict:
    """The rankers the scorer is measured beside (random is averaged over ``seeds`` orders)."""
    def random_order(index, job, pool, seed=0):
        rng = random.Random(seed * 1000 + index)
        return [rng.random() for _ in pool]

    return {"BM25": lambda i, job, pool: bm25(job, [Counter(tokens(p.text)) for p in pool]),
            "TF-IDF": lambda i, job, pool: tfidf(job, [Counter(tokens(p.text)) for p in pool]),
            "resume length": lambda i, job, pool: [len(p.text.split()) for p in pool],
            **{f"random {s}": (lambda i, job, pool, s=s: random_order(i, job, pool, s)) for s in range(seeds)}}


def graded_table(results: dict[str, tuple[float, float, float]]) -> str:
    """The graded figures as a table, the random orders averaged into one row."""
    rows = ["| ranker | NDCG@5 | NDCG@10 | pairwise agreement |", "| --- | ---: | ---: | ---: |"]
    randoms = [v for k, v in results.items() if k.startswith("random ")]
    shown = {k: v for k, v in results.items() if not k.startswith("random ")}
    if randoms:
        shown[f"random (mean of {len(randoms)} orders)"] = tuple(sum(x) / len(randoms) for x in zip(*randoms))
    for name, (n5, n10, agree) in shown.items():
        rows.append(f"| {name} | {n5:.3f} | {n10:.3f} | {agree:.3f} |")
    return "\n".join(rows)


CUSTOMER_FACING = re.compile(r"(?i)customer|call cent|client service|service rep|support")


def where_filed(resumes: list[tuple[str, ParsedResume]], title: re.Pattern, what: str) -> str:
    """How the resumes whose latest two job titles match ``title`` are spread over the categories."""
    counts = Counter(category for category, parsed in resumes
                     if any(title.search(job.title or "") for job in parsed.experience[:2]))
    listed = ", ".join(f"{category} {n}" for category, n in counts.most_common())
    return f"Resumes whose latest two job titles {what}, by category: {listed} ({sum(counts.values())} in all)."


def category_profiles() -> list[tuple[JobProfile, set[str]]]:
    """The KPO job profiles of benchmarks/jobs/ with the livecareer categories that count as hits."""
    out = []
    for path in sorted((ROOT / "benchmarks" / "jobs").glob("*.json")):
        spec = json.loads(path.read_text())
        hits = set(spec.pop("hit_categories"))
        out.append((JobProfile.from_dict(spec), hits))
    return out


def main() -> int:
    from benchmarks.fit_weights import cross_validated, pair_sets

    resumes = parsed_resumes()
    categories = [c for c, _ in resumes]
    started = time.process_time()
    feats = [features(p) for _, p in resumes]
    features_ms = 1000 * (time.process_time() - started) / len(feats)
    by_id = {id(p): f for (_, p), f in zip(resumes, feats)}
    docs = [Counter(tokens(p.text)) for _, p in resumes]
    judged = judged_jobs(parsed_files())
    profiles = category_profiles()
    pairs = pair_sets(judged, profiles, resumes, feats)
    cv = cross_validated(pairs)  # weights per held-out job, fitted on the others
    # What the signals of recruit-score/5 add: the same fits without seniority, and without it and the
    # relevant years (recruit-score/4 had neither for these jobs, which ask for no minimum).
    ablations = {what: cross_validated(pairs, without) for what, without in ABLATIONS.items()}

    def scorer_rank(weights_for):
        return lambda i, job, pool: [Scorer(JobProfile(**{**job.__dict__, "weights": weights_for(i)})).score(
            by_id.get(id(p)) or features(p)).score for p in pool]

    rankers = {"scorer, weights fitted leaving the job out": scorer_rank(lambda i: cv["graded"][i]),
               **{f"scorer {what}, fitted leaving the job out": scorer_rank(lambda i, a=a: a["graded"][i])
                  for what, a in ablations.items()},
               "scorer, shipped weights (fitted on all the data: not a fair figure)": scorer_rank(lambda i: {}),
               **baselines()}
    graded_body = graded_table(graded(rankers, judged))

    rows = ["| job profile | hit categories | resumes in them | scorer P@20 (weights fitted leaving the job out) | "
            "scorer P@20 (shipped weights) | BM25 P@20 | TF-IDF P@20 |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    columns = [[], [], [], []]
    for index, (job, hits) in enumerate(profiles):
        orders = [scored(Scorer(JobProfile(**{**job.__dict__, "weights": cv["category"][index]})), feats),
                  scored(Scorer(job), feats), bm25(job, docs), tfidf(job, docs)]
        cells = []
        for column, values in zip(columns, orders):
            top = sorted(range(len(values)), key=lambda i: -values[i])[:TOP]
            column.append(sum(categories[i] in hits for i in top) / TOP)
            cells.append(f"{column[-1]:.2f}")
        in_hits = sum(c in hits for c in categories)
        rows.append(f"| {job.title} | {', '.join(sorted(hits))} | {in_hits} | {' | '.join(cells)} |")
    rows.append("| **mean** | | | " + " | ".join(f"**{sum(c) / len(c):.2f}**" for c in columns) + " |")
    ablated = []
    for what, a in ablations.items():
        hits = []
        for index, (job, wanted) in enumerate(profiles):
            values = scored(Scorer(JobProfile(**{**job.__dict__, "weights": a["category"][index]})), feats)
            top = sorted(range(len(values)), key=lambda i: -values[i])[:TOP]
            hits.append(sum(categories[i] in wanted for i in top))
        ablated.append(f"{what} {sum(hits) / TOP / len(hits):.2f}")

    job = profiles[[j.title for j, _ in profiles].index("Financial Research Analyst")][0]
    scorer = Scorer(job)
    pool = (feats * (10_000 // len(feats) + 1))[:10_000]
    times = []
    for _ in range(3):  # the best of three: other work on a shared machine only ever adds time
        started = time.process_time()
        sorted(pool, key=lambda f: -scorer.score(f).score)
        times.append(time.process_time() - started)
    rank_s = min(times)
    weights = ", ".join(f"{k} {v:g}" for k, v in DEFAULT_WEIGHTS.items())
    body = (
        f"### Human judgments (ferr-dev: {len(judged)} jobs, {sum(len(p) for _, p in judged)} judged resumes)\n\n"
        f"{graded_body}\n\nTarget (on the kept-back half): NDCG@5 at least 0.05 above BM25's.\n\n"
        f"### Job categories ({len(resumes)} parsed resumes, top {TOP})\n\n" + "\n".join(rows) +
        f"\n\nMean P@20 of the scorer fitted leaving the job out, {'; '.join(ablated)}.\n\n"
        f"Target: mean P@20 of 0.80 on kept-back KPO profiles.\n\n"
        f"Shipped default weights (fitted on all the judgments and profiles by benchmarks/fit_weights.py): "
        f"{weights}.\n\n"
        f"{SEMANTIC}\n\n{NOTE}\n\n{where_filed(resumes, CUSTOMER_FACING, 'name customer service or support work')}\n\n"
        f"Speed: ranking 10,000 parsed resumes for one job took {rank_s:.2f} s of CPU, best of three "
        f"(target: under 1 s); the per-resume features it reads are computed once per parse "
        f"({features_ms:.1f} ms each).")
    print(body)
    record("Shortlisting: ranking quality and speed", "python benchmarks/rank_quality.py", body)
    return 0


def scored(scorer: Scorer, feats: list) -> list[float]:
    """The scorer's score of each resume."""
    return [scorer.score(f).score for f in feats]


if __name__ == "__main__":
    sys.exit(main())
