"""Ranking quality and speed of the KPO-fit scorer on the livecareer resumes; writes RESULTS.md.

    .venv/bin/python benchmarks/rank_quality.py

For each job profile in benchmarks/jobs/, all 1,234 livecareer resumes are ranked and the top 20
checked: a hit is a resume whose category (livecareer/labels.csv) fits the role (the profile's
"hit_categories"). The scorer is compared with a plain TF-IDF cosine of the resume text against the
job's text. Parsed resumes are cached in benchmarks/.cache/ per parser version.
"""
from __future__ import annotations

import json
import math
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
from nlp.score import JobProfile, Scorer, features, tokens  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "livecareer"
CACHE = ROOT / "benchmarks" / ".cache"
TOP = 20
NOTE = """A livecareer category is the title the resume was filed under, so a role whose people are spread
over many categories cannot score well however the resumes are ranked. Customer care is the clear case:
BPO holds 11 resumes, and the customer-service agents a BPO hires are filed under ADVOCATE ("Customer
Service Advocate"), AVIATION, HEALTHCARE, FITNESS, CHEF and others. The scorer's top 20 for that role
are people whose resumes name customer service, CRM and call-centre work: customer care representatives
and service advocates, help-desk and billing staff, but also consultants and managers whose skills
lists name customer service (its weakest ranking: no title is close to the job's, so listed skills
decide). Rewriting the profile towards sales ("Customer Care and Sales Executive", tried) still gives
0.30. The figures above use the profiles in benchmarks/jobs/ as they are."""


def parsed_resumes() -> list[tuple[str, ParsedResume]]:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"livecareer-{PARSER_VERSION.replace('/', '-')}.jsonl"
    if not path.exists():
        files = sorted(str(p) for p in DATA.glob("*/*.pdf"))
        with path.open("w") as out:
            subprocess.run([sys.executable, "-m", "nlp", "parse", "-j", "2", "-q", *files], stdout=out, check=True,
                           cwd=ROOT)
    rows = [json.loads(line) for line in path.open()]
    return [(Path(r["file"]).parent.name, ParsedResume.from_dict(r)) for r in rows if "error" not in r]


CUSTOMER_FACING = re.compile(r"(?i)customer|call cent|client service|service rep|support")


def where_filed(resumes: list[tuple[str, ParsedResume]], title: re.Pattern, what: str) -> str:
    """How the resumes whose latest two job titles match ``title`` are spread over the categories."""
    counts = Counter(category for category, parsed in resumes
                     if any(title.search(job.title or "") for job in parsed.experience[:2]))
    listed = ", ".join(f"{category} {n}" for category, n in counts.most_common())
    return f"Resumes whose latest two job titles {what}, by category: {listed} ({sum(counts.values())} in all)."


def tfidf_rank(job: JobProfile, docs: list[Counter], df: Counter, n: int) -> list[int]:
    idf = {w: math.log((n + 1) / (c + 1)) + 1 for w, c in df.items()}
    query = Counter(tokens(" ".join([job.title, job.description] + job.required_skills + job.preferred_skills)))
    qv = {w: (1 + math.log(c)) * idf.get(w, 0) for w, c in query.items()}
    qn = math.sqrt(sum(v * v for v in qv.values())) or 1
    scores = []
    for i, counts in enumerate(docs):
        dv = {w: (1 + math.log(c)) * idf[w] for w, c in counts.items()}
        dn = math.sqrt(sum(v * v for v in dv.values())) or 1
        scores.append((sum(qv[w] * dv.get(w, 0) for w in qv) / (qn * dn), i))
    return [i for _, i in sorted(scores, reverse=True)]


def main() -> int:
    resumes = parsed_resumes()
    categories = [c for c, _ in resumes]
    started = time.process_time()
    feats = [features(p) for _, p in resumes]
    features_ms = 1000 * (time.process_time() - started) / len(feats)
    docs = [Counter(tokens(p.text)) for _, p in resumes]
    df = Counter(w for d in docs for w in d)
    rows = ["| job profile | hit categories | resumes in them | scorer P@20 | TF-IDF P@20 |",
            "| --- | --- | ---: | ---: | ---: |"]
    ours, base = [], []
    for path in sorted((ROOT / "benchmarks" / "jobs").glob("*.json")):
        spec = json.loads(path.read_text())
        hits = set(spec.pop("hit_categories"))
        job = JobProfile.from_dict(spec)
        scorer = Scorer(job)
        ranked = sorted(range(len(feats)), key=lambda i: -scorer.score(feats[i]).score)
        p_ours = sum(categories[i] in hits for i in ranked[:TOP]) / TOP
        p_base = sum(categories[i] in hits for i in tfidf_rank(job, docs, df, len(docs))[:TOP]) / TOP
        ours.append(p_ours)
        base.append(p_base)
        in_hits = sum(c in hits for c in categories)
        rows.append(f"| {job.title} | {', '.join(sorted(hits))} | {in_hits} | {p_ours:.2f} | {p_base:.2f} |")
    rows.append(f"| **mean** | | | **{sum(ours) / len(ours):.2f}** | **{sum(base) / len(base):.2f}** |")

    job = JobProfile.from_dict({k: v for k, v in json.loads((ROOT / "benchmarks" / "jobs" /
                                                             "financial-research.json").read_text()).items()
                                if k != "hit_categories"})
    scorer = Scorer(job)
    pool = (feats * (10_000 // len(feats) + 1))[:10_000]
    times = []
    for _ in range(3):  # the best of three: other work on a shared machine only ever adds time
        started = time.process_time()
        sorted(pool, key=lambda f: -scorer.score(f).score)
        times.append(time.process_time() - started)
    rank_s = min(times)
    body = "\n".join(rows) + (
        f"\n\n{len(resumes)} parsed resumes. Target: mean P@20 of 0.85 against TF-IDF's ~0.68.\n\n{NOTE}\n\n"
        f"{where_filed(resumes, CUSTOMER_FACING, 'name customer service or support work')}\n\n"
        f"Speed: ranking 10,000 parsed resumes for one job took {rank_s:.2f} s of CPU, best of three "
        f"(target: under 1 s); "
        f"the per-resume features it reads are computed once per parse ({features_ms:.1f} ms each).")
    print(body)
    record("Shortlisting: ranking quality and speed", "python benchmarks/rank_quality.py", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
