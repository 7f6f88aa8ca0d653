"""Field accuracy of the parser against labelled resumes (the DataTurks JSONL format).

Matching is tolerant, because the labels are: values are compared after lower-casing and dropping
punctuation, and count as the same when equal, when one is a comma-separated part of the other
("Bengaluru" in "Bengaluru, Karnataka"), when one contains the other at word boundaries and covers at
least half of it, or when their fuzzy ratio is 85 or more. A degree matches with or without its field,
since labels have both forms, and an employer with or without its legal form ("Infosys Ltd" is
"Infosys"). Skills are labelled as whole blocks: a predicted skill is right when it appears in a
labelled block, and a block's items (split at commas, bullets and line breaks) are found when a
predicted skill matches or appears inside them. Contacts are the email addresses the label names (with the
Indeed profile links that stand in for them in the DataTurks set).
A graduation year is the last year of its label ("May 2010", "2008 - 2012"). Years of experience compare
as numbers of years within half a year ("15 Months" is 1.25), and only where the resume states them.
The labelled values are read from the labels' offsets on the text they were taken on: part of the
DataTurks text was HTML-escaped after labelling, which pushed those labels off their words
(``labelled_text``).
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from nlp.resume import ParsedResume

FIELDS = ["name", "location", "titles", "employers", "institutions", "degrees", "graduation_years", "skills",
          "contacts", "years_experience"]


def norm(value: str) -> str:
    value = value.lower().replace("&", " and ")
    value = re.sub(r"(?<=\w)\.(?=\w)", "", value)
    return " ".join(re.sub(r"[^a-z0-9+#]+", " ", value).split())


def tolerant_match(a: str, b: str) -> bool:
    # "Bengaluru" is "Bengaluru, Karnataka"; "Accenture" is "Accenture - Bengaluru".
    parts_a = {norm(x) for x in re.split(r",|\s[-–|]\s", a)}
    parts_b = {norm(x) for x in re.split(r",|\s[-–|]\s", b)}
    if (len(parts_a) > 1 and norm(b) in parts_a) or (len(parts_b) > 1 and norm(a) in parts_b):
        return True
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if f" {short} " in f" {long} " and len(short) >= 0.5 * len(long):
        return True
    return fuzz.ratio(a, b) >= 85


LEGAL_FORM = re.compile(r"(?:\s+(?:pvt|private|ltd|limited|inc|incorporated|corp|corporation|llc|llp|plc|co|"
                        r"gmbh))+$")


def employer_match(a: str, b: str) -> bool:
    """Employers compare without their legal form: "Infosys Ltd" and "Infosys Limited" are "Infosys"."""
    a_key, b_key = LEGAL_FORM.sub("", norm(a)), LEGAL_FORM.sub("", norm(b))
    return tolerant_match(a, b) or bool(a_key and b_key and tolerant_match(a_key, b_key))


def contained(short: str, long: str) -> bool:
    s, l_ = norm(short), norm(long)
    return bool(s) and f" {s} " in f" {l_} "


INDEED_PROFILE = re.compile(r"(?i)\bindeed\.com/r/")


def predicted_values(parsed: ParsedResume) -> dict[str, list[str]]:
    """The values of a ParsedResume in the evaluation's ten fields."""
    surfaces = [parsed.span(f"skills.{i}") or s.name for i, s in enumerate(parsed.skills)]
    degrees = [f"{e.degree} in {e.field}" if e.degree and e.field else (e.degree or "") for e in parsed.education]
    years = []
    if "total_experience_years" in parsed.evidence and parsed.total_experience_years is not None:
        years = [f"{parsed.total_experience_years:g}"]
    return {
        "name": [parsed.name] if parsed.name else [],
        "location": [parsed.location] if parsed.location else [],
        "titles": [e.title for e in parsed.experience if e.title],
        "employers": [e.employer for e in parsed.experience if e.employer],
        "institutions": [e.institution for e in parsed.education if e.institution],
        "degrees": [d for d in degrees if d],
        "graduation_years": [e.end[:4] for e in parsed.education if e.end and e.end != "present"],
        "skills": surfaces,
        # The label is "Email Address"; the DataTurks set put Indeed profile links in place of the emails.
        # Phone numbers and other links are labelled in neither set, so they are not scored.
        "contacts": parsed.emails + [link for link in parsed.links if INDEED_PROFILE.search(link)],
        "years_experience": years,
    }


def _unique(values: list[str]) -> list[str]:
    out, seen = [], set()
    for v in values:
        key = norm(v)
        if key and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def skill_items(blocks: list[str]) -> list[str]:
    """The items of labelled skills blocks; headings, numbers and fragments in the blocks are not skills."""
    from nlp.lines import heading_label

    items = []
    for block in blocks:
        block = re.sub(r"\([^)]*\)", " ", block)
        # A slash joining a short part is one skill ("PL/SQL", "TCP/IP", "CI/CD"); others list two ("Java/J2EE").
        block = re.sub(r"\b(\w{1,2})/(?=\w)|(?<=\w)/(\w{1,2})\b",
                       lambda m: f"{m.group(1)}\0" if m.group(1) else f"\0{m.group(2)}", block)
        for item in re.split(r"[,\n•●▪➢✓;|/]|\s-\s|\band\b", block):
            item = item.replace("\0", "/")
            item = re.sub(r"^[^:]{0,40}:\s*", "", item.strip()) if ":" in item else item.strip()
            key = norm(item)
            if 2 <= len(key) <= 60 and not key.isdigit() and heading_label(item) is None \
                    and key not in {"additional information", "skills", "technical skills", "tools", "software"}:
                items.append(item)
    return _unique(items)


def _graduation_year(value: str) -> str | None:
    """The year a labelled graduation date names: '2012', 'May 2010' -> '2010', '2008 - 2012' -> '2012';
    a range still running ('2016 to Present') names none."""
    years = list(re.finditer(r"(?:19|20)\d{2}", value))
    if not years or re.search(r"(?i)present|current|till|now", value[years[-1].end():]):
        return None
    return years[-1].group(0)


def _years(value: str) -> float | None:
    """Years in a labelled or predicted value: "4.6 years" is 4.6, "15 Months" 1.25, "5 Years 11 Months" 5.92."""
    years = re.search(r"(\d+(?:\.\d+)?)\s*\+?\s*(?:years?|yrs?)\b", value, re.I)
    months = re.search(r"(\d+)\s*(?:months?|mos?)\b", value, re.I)
    if years or months:
        return round((float(years.group(1)) if years else 0) + (int(months.group(1)) / 12 if months else 0), 2)
    m = re.search(r"\d+(?:\.\d+)?", value)
    return float(m.group(0)) if m else None


def _contact_key(value: str) -> str:
    value = re.sub(r"\s+", "", value.lower()).replace("indeed:", "indeed: ")
    value = re.sub(r"^(email me on )?indeed:\s*", "", value)
    value = re.sub(r"^https?://(www\.)?", "", value).split("?")[0]
    digits = re.sub(r"\D", "", value)
    return digits[-10:] if len(digits) >= 10 and "@" not in value and "/" not in value else value


@dataclass
class Counts:
    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    counts: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    documents: int = 0
    skipped: int = 0  # resumes left out because their labels are misaligned

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.counts.values()) / len(self.counts)

    def as_dict(self) -> dict:
        return {"documents": self.documents, "skipped": self.skipped, "macro_f1": round(self.macro_f1, 4),
                "fields": {f: {"precision": round(c.precision, 4), "recall": round(c.recall, 4),
                               "f1": round(c.f1, 4), "predicted": c.pred, "gold": c.gold}
                           for f, c in self.counts.items()}}

    def table(self) -> str:
        rows = [f"{'field':<18}{'precision':>10}{'recall':>10}{'F1':>8}{'pred':>7}{'gold':>7}"]
        for name, c in self.counts.items():
            rows.append(f"{name:<18}{c.precision:>10.3f}{c.recall:>10.3f}{c.f1:>8.3f}{c.pred:>7}{c.gold:>7}")
        left_out = f", {self.skipped} with misaligned labels left out" if self.skipped else ""
        rows.append(f"{'macro F1':<18}{'':>10}{'':>10}{self.macro_f1:>8.3f}   ({self.documents} resumes{left_out})")
        return "\n".join(rows)


def score_document(report: Report, gold_fields: dict[str, list[str]], parsed: ParsedResume, *,
                   labelled_only: bool = False) -> None:
    """Add one resume's counts to the report. With ``labelled_only``, a field the annotators left empty
    in this resume is not scored here (their labels are partial: years of experience, for one, are
    labelled in a third of the resumes that state them)."""
    report.documents += 1
    predicted = predicted_values(parsed)
    for name in FIELDS:
        gold = _unique(gold_fields.get(name) or [])
        if labelled_only and not gold:
            continue
        pred = _unique(predicted[name])
        c = report.counts[name]
        if name == "skills":
            items = skill_items(gold)
            c.pred += len(pred)
            c.gold += len(items)
            c.tp_pred += sum(1 for p in pred if any(contained(p, g) or tolerant_match(p, g) for g in gold + items))
            c.tp_gold += sum(1 for g in items if any(tolerant_match(p, g) or contained(p, g) for p in pred))
            continue
        if name == "years_experience":
            gold_n = [y for y in (_years(g) for g in gold) if y is not None]
            pred_n = [y for y in (_years(p) for p in pred) if y is not None]
            match = lambda p, g: abs(p - g) <= 0.5  # noqa: E731
        elif name == "contacts":
            gold_n = _unique([_contact_key(g) for g in gold])
            pred_n = _unique([_contact_key(p) for p in pred])
            match = lambda p, g: p == g or (len(p) > 5 and (p in g or g in p))  # noqa: E731
        elif name == "employers":
            gold_n, pred_n = gold, pred
            match = employer_match
        elif name == "degrees":
            # Labels name a degree with or without its field ("B.Tech", "B.Tech in Computer Science").
            gold_n, pred_n = gold, pred
            match = lambda p, g: tolerant_match(p, g) or tolerant_match(p.split(" in ")[0], g)  # noqa: E731
        elif name == "graduation_years":
            # Labels give the year alone, with its month ("May 2010") or as the years of study
            # ("2008-2012", graduating in 2012).
            gold_n, pred_n = gold, pred
            match = lambda p, g: p.strip() == _graduation_year(g)  # noqa: E731
        else:
            gold_n, pred_n = gold, pred
            match = tolerant_match
        c.pred += len(pred_n)
        c.gold += len(gold_n)
        c.tp_pred += sum(1 for p in pred_n if any(match(p, g) for g in gold_n))
        c.tp_gold += sum(1 for g in gold_n if any(match(p, g) for p in pred_n))


MISALIGNED_SHARE = 0.2
# The labels each field is read from, in the DataTurks set and in the dotin set converted to its format.
LABEL_FIELDS = {"Name": "name", "Location": "location", "Designation": "titles", "Companies worked at": "employers",
                "College Name": "institutions", "Degree": "degrees", "Graduation Year": "graduation_years",
                "Skills": "skills", "Tech Tools": "skills", "Job Specific Skills": "skills",
                "Soft Skills": "skills", "Email Address": "contacts", "Years of Experience": "years_experience"}


def _off_words(text: str, spans: list) -> tuple[int, int]:
    """How many labels (skills blocks aside) start or end inside a word, and how many there are."""
    off = total = 0
    for start, end, label in spans:
        if LABEL_FIELDS.get(label) == "skills" or end <= start:
            continue
        total += 1
        piece = text[start:end]
        off += bool((start > 0 and text[start - 1].isalnum() and piece[:1].isalnum())
                    or (end < len(text) and text[end].isalnum() and piece[-1:].isalnum()))
    return off, total


def labelled_text(row: dict) -> str:
    """The text the labels' offsets were taken on. In 28 DataTurks resumes the text was HTML-escaped
    after labelling: every "&" became "&amp;", and each one pushes the labels after it four characters
    off their words ("ATION\n\nBSc\n\nOsmani" for "Osmania University"). Where decoding the entities
    lines the labels up with words better, the labels belong to the decoded text."""
    text, spans = row.get("text", ""), row.get("spans") or []
    decoded = html.unescape(text)
    if decoded != text and spans and _off_words(decoded, spans)[0] < _off_words(text, spans)[0]:
        return decoded
    return text


def gold_fields(row: dict) -> dict[str, list[str]]:
    """The labelled values of a resume: the row's ``fields``, or, where its labels belong to the decoded
    text (``labelled_text``), the same fields read from the labels on that text."""
    text = labelled_text(row)
    if text == row.get("text", ""):
        return row.get("fields") or {}
    fields: dict[str, list[str]] = {}
    for start, end, label in row["spans"]:
        value = text[start:end].strip()
        if value and label in LABEL_FIELDS:
            fields.setdefault(LABEL_FIELDS[label], []).append(value)
    return fields


def misaligned(row: dict) -> bool:
    """Whether a labelled resume's spans sit off their words even on the text they were taken on: more
    than a fifth of its labels (skills blocks aside) start or end inside a word ("\nSale" for
    "Salem"). Such labels cannot be matched by any parser, however tolerant the comparison."""
    off, total = _off_words(labelled_text(row), row.get("spans") or [])
    return bool(total) and off / total > MISALIGNED_SHARE


def evaluate(path: str, parse=None, *, limit: int | None = None, labelled_only: bool = False,
             aligned_only: bool = False) -> Report:
    """Parse every resume in a labelled JSONL file and score each field. With ``aligned_only``, resumes
    whose labels have slipped off their words (``misaligned``) are left out and counted in ``skipped``."""
    from nlp.pipeline import parse_text

    parse = parse or parse_text
    report = Report()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            if not line.strip():
                continue
            row = json.loads(line)
            if aligned_only and misaligned(row):
                report.skipped += 1
                continue
            score_document(report, gold_fields(row), parse(row["text"]), labelled_only=labelled_only)
    return report
