"""Dates and date ranges as resumes write them: 'Nov 2017 to Present', '03/2015 - 06/2018', '2012 – 2017'."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_SHORT_YEAR = r"['’]\d{2}"
# A full date, day and month in either order: "04-09-2003" (India, Europe), "9/30/2010" (the US).
_FULL_DATE = rf"(?:[0-3]?\d[/.-][0-3]?\d[/.-]{_YEAR})"
_DATE = (rf"(?:{_FULL_DATE}|{_MONTH}\s*,?\s*(?:{_YEAR}|{_SHORT_YEAR})|(?:0?[1-9]|1[0-2])\s*[/.-]\s*{_YEAR}"
         rf"|{_YEAR}\s*[/.-]\s*(?:0?[1-9]|1[0-2])(?!\d)|{_YEAR})")
_PRESENT = r"(?:present|current(?:ly)?|till\s+date|till\s+now|to\s+date|date|now|today|ongoing|continuing|running)"
_SEP = r"\s*(?:-|–|—|―|to|till|until|through|thru|~|→|\|)\s*"

RANGE = re.compile(rf"(?<![\w/])(?P<start>{_DATE}){_SEP}(?P<end>{_DATE}|{_PRESENT})(?![\w/])", re.I)
SINGLE = re.compile(rf"(?<![\w/])(?P<date>{_DATE})(?![\w/])", re.I)
PRESENT = re.compile(rf"^{_PRESENT}$", re.I)
# "March 2014\nto\nNovember 2014": a range laid out on three lines (some PDF layouts do this).
SPLIT_RANGE = re.compile(rf"(?im)^(?P<a>{_DATE})\n(?P<sep>to|till|until|-|–|—)\n(?P<b>{_DATE}|{_PRESENT})$")


@dataclass(frozen=True)
class DateRange:
    start: str  # YYYY or YYYY-MM
    end: str  # YYYY, YYYY-MM or "present"
    span: tuple[int, int]


def normalise(text: str) -> str | None:
    """'Nov 2017' -> '2017-11'; '03/2015' -> '2015-03'; '2012' -> '2012'; 'Present' -> 'present'."""
    text = text.strip().lower().rstrip(".")
    if PRESENT.match(text):
        return "present"
    m = re.fullmatch(rf"({_MONTH})\s*,?\s*({_YEAR}|{_SHORT_YEAR})", text, re.I)
    if m:
        word = m.group(1).rstrip(".").lower()
        month = MONTHS.get(word) or MONTHS[word[:3]]
        year = m.group(2)
        if year[0] in "'’":
            year = ("20" if int(year[1:]) < 50 else "19") + year[1:]
        return f"{year}-{month:02d}"
    m = re.fullmatch(rf"(0?[1-9]|1[0-2])\s*[/.-]\s*({_YEAR})", text)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.fullmatch(rf"({_YEAR})\s*[/.-]\s*(0?[1-9]|1[0-2])", text)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = re.fullmatch(_YEAR, text)
    return text if m else None


def find_ranges(text: str, offset: int = 0) -> list[DateRange]:
    """Every date range in ``text``, with spans shifted by ``offset``."""
    out = []
    for m in RANGE.finditer(text):
        full = [FULL.fullmatch(m.group(k).strip()) for k in ("start", "end")]
        if any(full):
            start, end = _full_dates(*full, m.group("start"), m.group("end"))
        else:
            start, end = normalise(m.group("start")), normalise(m.group("end"))
        if start and end and (end == "present" or end[:4] >= start[:4]):
            out.append(DateRange(start, end, (m.start() + offset, m.end() + offset)))
    return out


FULL = re.compile(rf"([0-3]?\d)[/.-]([0-3]?\d)[/.-]({_YEAR})")


def _full_dates(a: re.Match | None, b: re.Match | None, start: str, end: str) -> tuple[str | None, str | None]:
    """The months of a range given as full dates. Day first unless the range shows otherwise: a second
    number above 12 ("9/30/2010") or both on the first of the month ("8/1/2008 - 1/1/2012") is US order."""
    parts = [m for m in (a, b) if m]
    firsts, seconds = [int(m.group(1)) for m in parts], [int(m.group(2)) for m in parts]
    month_first = any(n > 12 for n in seconds) or (all(n == 1 for n in seconds) and not any(n > 12 for n in firsts))

    def month(m: re.Match | None, raw: str) -> str | None:
        if m is None:
            return normalise(raw)
        value = int(m.group(1) if month_first else m.group(2))
        return f"{m.group(3)}-{value:02d}" if 1 <= value <= 12 else None

    return month(a, start), month(b, end)


def find_years(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(rf"(?<!\d){_YEAR}(?!\d)", text)]


def to_month_index(value: str, today: date, *, end: bool) -> int:
    """Months since year 0, for arithmetic; a bare year counts from January (start) or to December (end)."""
    if value == "present":
        return today.year * 12 + today.month - 1
    year = int(value[:4])
    if len(value) >= 7:
        return year * 12 + int(value[5:7]) - 1
    return year * 12 + (11 if end else 0)


def total_years(ranges: list[tuple[str, str]], today: date | None = None) -> float | None:
    """Years covered by the ranges, overlaps counted once, rounded to one decimal."""
    today = today or date.today()
    spans = []
    for start, end in ranges:
        a, b = to_month_index(start, today, end=False), to_month_index(end, today, end=True) + 1
        if b > a:
            spans.append((a, b))
    if not spans:
        return None
    spans.sort()
    months, (cur_a, cur_b) = 0, spans[0]
    for a, b in spans[1:]:
        if a <= cur_b:
            cur_b = max(cur_b, b)
        else:
            months += cur_b - cur_a
            cur_a, cur_b = a, b
    months += cur_b - cur_a
    return round(months / 12, 1)


def newest_named(text: str, today: date | None = None) -> date | None:
    """The newest date ``text`` names, no later than ``today``: the month's last day ("May 2016" ->
    2016-05-31), or the year's ("2016" -> 2016-12-31, capped at ``today``); None when it names none."""
    import calendar

    today = today or date.today()
    best: date | None = None
    for m in SINGLE.finditer(text):
        raw = m.group(0)
        full = FULL.fullmatch(raw.strip())
        value = _full_dates(full, None, raw, "")[0] if full else normalise(raw)
        if not value or value == "present":
            continue
        year = int(value[:4])
        month = int(value[5:7]) if len(value) >= 7 else 12
        found = date(year, month, calendar.monthrange(year, month)[1])
        if found > today:
            if len(value) >= 7 or year > today.year:
                continue  # a date still to come (an expected graduation) is not when the resume was written
            found = today
        best = max(best, found) if best else found
    return best


def resume_date(text: str, written: str | None = None, today: date | None = None) -> date:
    """The date the resume speaks from, which a job "to present" ends at: the newest date its text
    names; the file's own creation date (``written``, ISO) when the text names none; the parse day last.

    The text comes first because files are often re-saved or printed long after they were written
    (every livecareer PDF was printed years after its resume), so their metadata is later than the text.
    """
    today = today or date.today()
    named = newest_named(text, today)
    if named:
        return named
    if written:
        try:
            return min(date.fromisoformat(written), today)
        except ValueError:
            pass
    return today
