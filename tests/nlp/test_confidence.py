"""The parser says how far to trust it: doubtful resumes are sent to a person, sound ones are not."""
from datetime import date

from nlp.confidence import assess
from nlp.pipeline import parse_text
from nlp.resume import Experience, ParsedResume

SOUND = """Meera Nair
Pune, Maharashtra | meera.nair@example.com | +91 98450 12345

WORK EXPERIENCE
Equity Research Analyst | Crisil | Mumbai
June 2019 - Present
- Built financial models and wrote initiation reports on Indian banks, covering twelve listed lenders.
- Presented sector views to portfolio managers and wrote the quarterly results previews.

EDUCATION
MBA in Finance, Symbiosis Institute of Business Management, 2019

SKILLS
Financial modelling, Valuation, Bloomberg, Excel, SQL, Python
"""


def test_a_complete_resume_needs_no_review():
    verdict = assess(parse_text(SOUND))
    assert verdict["review"] is False and verdict["reasons"] == []
    assert verdict["fields"]["name"] >= 0.8 and verdict["fields"]["contact"] >= 0.9
    assert set(verdict["fields"]) == {"text", "name", "contact", "location", "dates", "experience", "education",
                                      "skills"}


def test_missing_name_and_contact_are_reasons():
    text = SOUND.replace("Meera Nair\n", "").replace("meera.nair@example.com | +91 98450 12345", "")
    verdict = assess(parse_text(text))
    assert verdict["review"] is True
    assert "No email address or phone number found." in verdict["reasons"]
    assert verdict["fields"]["contact"] == 0.0


def test_text_that_looks_scanned_or_garbled_is_doubted():
    assert assess(ParsedResume(name="Meera Nair", emails=["m@example.com"], text="Meera Nair\nm@example.com"))[
        "reasons"][0].startswith("Very little text")
    garbled = ParsedResume(name="Meera Nair", emails=["m@example.com"], text="%$#@ 12 ^^ ~~ 0101 " * 40)
    assert any("garbled" in r for r in assess(garbled)["reasons"])


def test_dates_that_do_not_parse_or_run_backwards_are_reasons():
    parsed = ParsedResume(name="Meera Nair", emails=["m@example.com"], text=SOUND, experience=[
        Experience(employer="Crisil", title="Analyst", start="2019-06", end="present"),
        Experience(employer="Genpact", title="Associate", start="2018-05", end="2016-01"),
        Experience(employer="EXL", title="Intern", start=None, end="2015"),
        Experience(employer="Future Co", title="Analyst", start="2031-01", end="present"),
    ])
    verdict = assess(parsed, today=date(2026, 11, 27))
    [reason] = [r for r in verdict["reasons"] if r.startswith("Dates")]
    assert "job 2 ends before it starts" in reason and "job 3 has dates that could not be read" in reason
    assert "job 4 starts in the future" in reason and "job 1" not in reason
    assert verdict["fields"]["dates"] < 0.5


def test_a_heading_taken_for_a_name_is_doubted():
    verdict = assess(ParsedResume(name="Career Focus", emails=["m@example.com"], text=SOUND))
    assert verdict["fields"]["name"] < 0.5 and "may not be a person's name" in verdict["reasons"][0]
    assert assess(ParsedResume(name="Analyst 2019 @ Crisil", text=SOUND))["fields"]["name"] < 0.5


def test_it_reads_the_json_form_too():
    assert assess(parse_text(SOUND).to_dict())["review"] is False


def test_a_location_that_is_a_product_is_doubted():
    """Is "Power Point, MS" (from "Power Point, MS Outlook") sent to a person, while "Pune" is not?"""
    doubtful = assess(ParsedResume(name="Meera Nair", emails=["m@example.com"], text=SOUND, location="Power Point, MS"))
    assert doubtful["review"] is True and doubtful["fields"]["location"] < 0.5
    assert any("Power Point, MS" in r and "not a place" in r for r in doubtful["reasons"])
    assert assess(ParsedResume(name="Meera Nair", emails=["m@example.com"], text=SOUND, location="Fortran"))["review"]
    sound = assess(ParsedResume(name="Meera Nair", emails=["m@example.com"], text=SOUND, location="Pune, Maharashtra"))
    assert sound["fields"]["location"] >= 0.7 and not any("place" in r for r in sound["reasons"])


def test_a_place_the_model_read_too_is_trusted_more():
    base = dict(name="Meera Nair", emails=["m@example.com"], text=SOUND, location="Pune")
    both = assess(ParsedResume(**base, sources={"location": "rules+model"}))["fields"]["location"]
    rules = assess(ParsedResume(**base))["fields"]["location"]
    assert both > rules


def test_a_name_read_from_a_sentence_is_doubted():
    """Is "temporarily restricted" (read from a summary sentence) flagged, not only a missing name?"""
    verdict = assess(ParsedResume(name="Temporarily Restricted", emails=["m@example.com"], text=SOUND))
    assert verdict["review"] is True and verdict["fields"]["name"] < 0.5
    assert assess(ParsedResume(name="Meera Nair", emails=["m@example.com"], text=SOUND))["fields"]["name"] >= 0.8
