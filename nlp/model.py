"""The trained entity recogniser: its training data, training run, and the one copy each process loads.

``python -m nlp train`` turns the labelled development sets (``../shared/data/resume-ner/``) into spaCy
training files, keeps a fixed fifth of each set back (chosen by a hash of the resume's id, so the same
resumes are kept back on every run and by ``benchmarks/parse_accuracy.py``), trains ``nlp/ner.cfg`` on
the rest and writes the model into ``nlp/model/``, which the package ships.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
import warnings
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODEL_DIR = HERE / "model"
TRAIN_CONFIG = HERE / "ner.cfg"
DEFAULT_SETS = ("../shared/data/resume-ner/dataturks-dev.jsonl", "../shared/data/resume-ner/dotin-dev.jsonl")

# The labelled sets' labels, as the model's entity labels. Names and emails stay with the rules (they
# find them at or near 1.0); the DataTurks "Skills" label covers whole blocks, which no entity is.
LABELS = {"Designation": "TITLE", "Companies worked at": "EMPLOYER", "College Name": "INSTITUTION",
          "Degree": "DEGREE", "Location": "LOCATION", "Graduation Year": "DATE", "Skills": "SKILL",
          "Tech Tools": "SKILL", "Job Specific Skills": "SKILL", "Soft Skills": "SKILL"}
MAX_SKILL_CHARS = 40
DEV_SHARE = 5  # one resume in five is kept back
CHECKPOINT_SHARE = 8  # of the rest, one in eight chooses spaCy's best checkpoint instead of being trained on


def kept_back(resume_id: str) -> bool:
    """Whether a labelled resume is in the fixed development split (never trained on)."""
    return int(hashlib.sha1(resume_id.encode()).hexdigest(), 16) % DEV_SHARE == 0


def chooses_checkpoint(resume_id: str) -> bool:
    """Whether a resume outside the kept-back split is the one spaCy scores checkpoints on. Training picks its
    best model on these, never on the kept-back split, so the figures measured there stay unseen."""
    salted = hashlib.sha1(f"checkpoint:{resume_id}".encode()).hexdigest()
    return not kept_back(resume_id) and int(salted, 16) % CHECKPOINT_SHARE == 0


def read_rows(paths) -> list[dict]:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def example_doc(nlp, row: dict):
    """A labelled resume as a ``Doc`` with its entities; labels that do not fall on token edges, or that
    overlap a longer one, are left out."""
    from spacy.util import filter_spans

    from nlp.evaluate import labelled_text

    text = labelled_text(row)
    doc = nlp.make_doc(text)
    spans, blocks = [], []
    for start, end, label in row.get("spans") or []:
        mapped = LABELS.get(label)
        if not mapped:
            continue
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if mapped == "SKILL" and (end - start > MAX_SKILL_CHARS or "\n" in text[start:end]):
            block = doc.char_span(start, end, alignment_mode="expand")
            if block is not None:
                blocks.append(block)
            continue
        span = doc.char_span(start, end, label=mapped, alignment_mode="strict")
        if span is not None and len(span):
            spans.append(span)
    ents = filter_spans(spans)
    # A skills block labelled whole holds skills nobody marked one by one: its words are left unknown to
    # the model (neither entity nor outside), so it is not taught that the skills in it are not skills.
    taken = {i for e in ents for i in range(e.start, e.end)}
    missing = [b for b in filter_spans(blocks) if not any(i in taken for i in range(b.start, b.end))]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def write_corpora(rows: list[dict], out: Path) -> tuple[int, int]:
    """``train.spacy`` (trained on) and ``dev.spacy`` (checkpoints chosen on) in ``out`` from labelled ``rows``,
    both outside the kept-back split, which is not written at all; returns how many resumes each holds."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    train, dev = DocBin(), DocBin()
    for row in rows:
        if not kept_back(row["id"]):
            (dev if chooses_checkpoint(row["id"]) else train).add(example_doc(nlp, row))
    train.to_disk(out / "train.spacy")
    dev.to_disk(out / "dev.spacy")
    return len(train), len(dev)


def train_rows(rows: list[dict], output: Path, *, max_epochs: int | None = None) -> tuple[int, int]:
    """Train the entity recogniser from ``nlp/ner.cfg`` on labelled ``rows`` (split by ``write_corpora``) and
    write it, its vocabulary pruned, to ``output``; returns how many resumes were trained on and chose the
    checkpoint. ``python -m nlp train`` and ``benchmarks/strategy_cv.py``'s folds both train this way."""
    from spacy.cli.train import train as spacy_train

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        counts = write_corpora(rows, tmp)
        overrides = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")}
        if max_epochs:
            overrides["training.max_epochs"] = max_epochs
        spacy_train(TRAIN_CONFIG, tmp / "out", overrides=overrides)
        if output.exists():
            shutil.rmtree(output)
        shutil.copytree(tmp / "out" / "model-best", output)
    keep_only_labels(output)
    return counts


def train(paths=DEFAULT_SETS, output: Path = MODEL_DIR, *, max_epochs: int | None = None) -> dict:
    """Train the entity recogniser on the labelled sets and write it to ``output``; returns figures."""
    started = time.monotonic()
    n_train, n_dev = train_rows(read_rows(paths), output, max_epochs=max_epochs)
    meta = json.loads((output / "meta.json").read_text())
    size = sum(p.stat().st_size for p in output.rglob("*") if p.is_file())
    return {"train_resumes": n_train, "checkpoint_resumes": n_dev, "seconds": round(time.monotonic() - started),
            "size_bytes": size, "dev_scores": meta.get("performance", {})}


def keep_only_labels(model_dir: Path) -> None:
    """Empty the saved vocabulary's strings of everything but the entity labels. spaCy writes every token it saw
    in training there, so the shipped file would carry the training resumes' emails, phone numbers and names;
    the model reads tokens by hash, so its answers are the same without them (checked on 80 resumes of both
    sets: the same 1,476 entities)."""
    strings = model_dir / "vocab" / "strings.json"
    meta = json.loads((model_dir / "meta.json").read_text())
    kept = sorted(set(meta.get("labels", {}).get("ner", [])))
    strings.write_text(json.dumps(kept))


@lru_cache(maxsize=2)
def load(path: str = str(MODEL_DIR)):
    """The trained model, loaded once per process; ``None``, after one warning, when it is not there."""
    import spacy

    if not (Path(path) / "meta.json").exists():
        warnings.warn(f"The trained resume model is missing ({path}); resumes are parsed by rules alone. "
                      "Build it with `python -m nlp train`.", stacklevel=2)
        return None
    return spacy.load(path)


def predict(text: str, path: str = str(MODEL_DIR)) -> list[tuple[int, int, str]]:
    """The model's ``(start, end, label)`` entities in ``text``; none when there is no model."""
    model = load(path)
    if model is None:
        return []
    return [(e.start_char, e.end_char, e.label_) for e in model(text).ents]
