"""Which source (rules, model, fallback, union, auto) wins per field, by cross-validation on the training side.

    .venv/bin/python benchmarks/strategy_cv.py train [--folds 3] [--epochs N] [--out /tmp/strategy-cv]
    .venv/bin/python benchmarks/strategy_cv.py score [--folds 3] [--out /tmp/strategy-cv]

The resumes ``python -m nlp train`` trains on (both dev sets less ``nlp.model.kept_back``) are cut into
folds by a hash of their id; a model is trained on all folds but one (``nlp/ner.cfg``, as shipped) and the
resumes of the one left out are parsed with it under each join. The kept-back split is never read here, so
choosing ``nlp.components.STRATEGY`` from these figures leaves it an independent measure.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.combine import FIELDS  # noqa: E402
from nlp.evaluate import Report, gold_fields, score_document  # noqa: E402
from nlp.model import DEFAULT_SETS, kept_back, read_rows, train_rows  # noqa: E402

JOINS = ("rules", "model", "fallback", "union", "auto", "auto_replace", "shipped")  # shipped: nlp.components.STRATEGY
ISSUE_FIELDS = ["name", "location", "titles", "employers", "institutions", "degrees", "graduation_years", "skills"]


def fold_of(resume_id: str, folds: int) -> int:
    return int(hashlib.sha1(f"cv:{resume_id}".encode()).hexdigest(), 16) % folds


def training_side(paths) -> list[tuple[str, dict]]:
    out = []
    for path in paths:
        out += [(Path(path).stem, row) for row in read_rows([path]) if not kept_back(row["id"])]
    return out


def train_folds(rows, folds: int, out: Path, epochs: int | None = None) -> None:
    for k in range(folds):
        target = out / f"fold{k}"
        if (target / "meta.json").exists():
            continue
        started = time.monotonic()
        fitted = [row for _, row in rows if fold_of(row["id"], folds) != k]
        train_rows(fitted, target, max_epochs=epochs)  # as `python -m nlp train` does, on the other folds
        print(f"fold {k}: {len(fitted)} resumes, {time.monotonic() - started:.0f} s", flush=True)


def score_folds(rows, folds: int, out: Path, joins=JOINS, only=None) -> dict:
    """Per (set, join) reports over the folds left out. The rules run once per resume and the fold's model
    once; each join then works on its own copy of the rules' record, as ``recruit_model`` would."""
    import copy
    from dataclasses import fields

    from nlp.combine import combine
    from nlp.components import STRATEGY
    from nlp.extract import clean_within
    from nlp.components.base import text_of
    from nlp.components.record import ResumeRecord
    from nlp.model import predict
    from nlp.pipeline import get_pipeline
    from nlp.resume import ParsedResume, ResumeFields

    reports: dict = {}
    rules = get_pipeline(strategy=tuple((f, "rules") for f in FIELDS))
    for k in (only if only is not None else range(folds)):
        model_dir = str(out / f"fold{k}")
        for stem, row in rows:
            if fold_of(row["id"], folds) != k:
                continue
            doc = rules(clean_within(row["text"])[0])  # as parse_text reads it
            text = text_of(doc)
            ents = predict(text, model_dir)
            gold = gold_fields(row)
            for join in joins:
                found = copy.deepcopy(doc._.recruit_record or ResumeRecord())
                if join != "rules":
                    combine(found, text, ents, STRATEGY if join == "shipped" else {f: join for f in FIELDS})
                parsed = ParsedResume(**{f.name: getattr(found, f.name) for f in fields(ResumeFields)}, text=text)
                score_document(reports.setdefault((stem, join), Report()), gold, parsed)
    return reports


def table(reports: dict, stem: str, joins=JOINS) -> str:
    rows = [f"| field | {' | '.join(joins)} | best |", "| --- |" + " ---: |" * len(joins) + " --- |"]
    for f in ISSUE_FIELDS:
        cells = {j: reports[(stem, j)].counts[f].f1 for j in joins}
        rows.append(f"| {f} | " + " | ".join(f"{cells[j]:.3f}" for j in joins) + f" | {max(cells, key=cells.get)} |")
    macro = {j: sum(reports[(stem, j)].counts[f].f1 for f in ISSUE_FIELDS) / len(ISSUE_FIELDS) for j in joins}
    rows.append("| macro F1, issue's 8 fields | " + " | ".join(f"**{macro[j]:.3f}**" for j in joins) + " | |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("train", "score"))
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--out", default="/tmp/strategy-cv")
    ap.add_argument("--epochs", type=int, default=None, help="fewer than nlp/ner.cfg's, to save time")
    ap.add_argument("--only", type=int, nargs="*", help="score only these folds (the others not trained yet)")
    ap.add_argument("--joins", nargs="*", default=list(JOINS))
    args = ap.parse_args(argv)
    out = Path(args.out)
    rows = training_side(DEFAULT_SETS)
    if args.step == "train":
        train_folds(rows, args.folds, out, args.epochs)
        return 0
    reports = score_folds(rows, args.folds, out, tuple(args.joins), args.only)
    scored = [(s, r) for s, r in rows if args.only is None or fold_of(r["id"], args.folds) in args.only]
    for stem in sorted({s for s, _ in rows}):
        n = sum(1 for s, _ in scored if s == stem)
        print(f"### {stem}, training side, {args.folds}-fold ({n} resumes, every resume, F1)\n")
        print(table(reports, stem, tuple(args.joins)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
