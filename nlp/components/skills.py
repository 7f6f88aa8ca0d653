"""``recruit_skills``: skills normalised to the taxonomy (``nlp/data/skills.jsonl``, loaded in
``initialize`` and saved with ``to_disk``), what a skills list names that the taxonomy lacks, and the
languages spoken."""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from nlp import dates
from nlp.components.base import Overlaps, Ranges, lines, record, section_lines, sections, text_of
from nlp.components.experience import NOT_ROLE
from nlp.lines import Line, heading_label, strip_bullet
from nlp.resume import Skill

TAXONOMY = Path(__file__).resolve().parents[1] / "data" / "skills.jsonl"

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
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_record"])
def make_skills(nlp: Language, name: str, taxonomy: str):
    """The skill matcher; ``taxonomy`` is a JSON-lines file of skills (default ``nlp/data/skills.jsonl``)."""
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
        out = record(doc)
        context_ranges = Ranges((s.body_start, s.end) for s in sections(doc)
                                if s.label in self.context_sections)
        language_ranges = Ranges((s.body_start, s.end) for s in sections(doc)
                                 if s.label in ("languages", "personal"))
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
                    out.evidence[f"languages.{len(languages)}"] = [span.start_char, span.end_char]
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
        has_list = any(s.label == "skills" for s in sections(doc))
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
            out.evidence[f"skills.{len(skills)}"] = item["span"]
            skills.append(Skill(name=item["entry"]["name"], category=item["entry"]["category"]))
        out.skills = skills
        out.languages = languages
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

