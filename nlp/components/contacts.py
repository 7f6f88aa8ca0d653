"""``recruit_contacts``: the candidate's emails, phone numbers (E.164) and profile links."""
from __future__ import annotations

import re

import phonenumbers
from spacy.language import Language
from spacy.tokens import Doc

from nlp.components.base import record, sections, text_of

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
URL = re.compile(r"(?:(?:https?://|www\.)[^\s<>()\"',]+|\b(?:[\w-]+\.)*(?:linkedin\.com|github\.com|gitlab\.com|"
                 r"indeed\.com|behance\.net|medium\.com|kaggle\.com|stackoverflow\.com)/[^\s<>()\"',]+)", re.I)


PROFILE_SITE = re.compile(r"(?i)\b(?:linkedin|github|gitlab|bitbucket|indeed|behance|dribbble|stackoverflow|"
                          r"kaggle|medium|about\.me|scholar\.google|researchgate|orcid)\.")
PORTFOLIO_WORDS = re.compile(r"(?i)\b(?:portfolio|website|web\s*site|blog|homepage|home page|profile|url|links?)\b")


@Language.factory("recruit_contacts", default_config={"region": "IN"},
                  requires=["doc._.recruit_sections"], assigns=["doc._.recruit_record"])
def make_contacts(nlp: Language, name: str, region: str):
    """The contact finder; ``region`` is the country phone numbers without a prefix are read in."""
    return ContactFinder(region=region)


class ContactFinder:
    """Emails, phone numbers (E.164) and profile links."""

    def __init__(self, *, region: str):
        self.region = region

    def __call__(self, doc: Doc) -> Doc:
        out = record(doc)
        text = text_of(doc)
        emails, phones, links = [], [], []
        for m in EMAIL.finditer(text):
            value = m.group(0).lower().rstrip(".")
            if value not in emails:
                out.evidence[f"emails.{len(emails)}"] = [m.start(), m.start() + len(value)]
                emails.append(value)
        taken = [tuple(v) for v in out.evidence.values()]
        for match in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.VALID):
            if any(a <= match.start < b for a, b in taken):
                continue
            before = text[max(0, match.start - 12):match.start].lower()
            if re.search(r"(?:id|no|number|pin|code|roll|reg)\W*$", before) and "phone" not in before \
                    and "mob" not in before and "contact" not in before:
                continue
            value = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            if value not in phones:
                out.evidence[f"phones.{len(phones)}"] = [match.start, match.end]
                phones.append(value)
        contact_ranges = [(sec.start, sec.end) for sec in sections(doc)
                          if sec.label in ("header", "contact", "personal")]
        for m in URL.finditer(text):
            raw = m.group(0).rstrip(".;:)")
            if "@" in raw:
                continue
            # A profile is the candidate's wherever it appears; another site is theirs (a portfolio) only
            # where contact details are or where the line says so, not a link in a project or publication.
            line = text[text.rfind("\n", 0, m.start()) + 1: (text.find("\n", m.end()) + 1 or len(text) + 1) - 1]
            if not PROFILE_SITE.search(raw) and not PORTFOLIO_WORDS.search(line) \
                    and not any(a <= m.start() < b for a, b in contact_ranges):
                continue
            value = normalise_link(raw)
            if value and value not in links:
                out.evidence[f"links.{len(links)}"] = [m.start(), m.start() + len(raw)]
                links.append(value)
        # A link broken at a line end ("indeed.com/r/Ana-") is a prefix of its whole self found elsewhere.
        whole = [(k, v) for k, v in enumerate(links)
                 if not any(o != v and o.startswith(v.rstrip("-/")) for o in links)]
        for new_index, (old_index, _) in enumerate(whole):
            out.evidence[f"links.{new_index}"] = out.evidence.pop(f"links.{old_index}")
        for stale in range(len(whole), len(links)):
            out.evidence.pop(f"links.{stale}", None)
        links = [v for _, v in whole]
        out.emails, out.phones, out.links = emails, phones, links
        return doc


def normalise_link(raw: str) -> str:
    """A profile link without tracking parameters: 'https://www.indeed.com/r/x/1?isid=..' -> 'indeed.com/r/x/1'."""
    value = re.sub(r"^https?://", "", raw.strip(), flags=re.I)
    value = re.sub(r"^www\.", "", value, flags=re.I)
    host = value.split("/")[0].lower()
    if any(h in host for h in ("linkedin.com", "indeed.com", "github.com", "gitlab.com")):
        value = value.split("?")[0].split("#")[0]
    return value.rstrip("/")

