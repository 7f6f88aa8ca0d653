"""A job "to present" ends at the date the resume speaks from, not the day it is parsed."""
from datetime import date

from nlp.dates import newest_named, resume_date
from nlp.extract import extract_text
from nlp.pipeline import parse_bytes, parse_text
from tests.files import make_docx, text_pdf

OLD = """Sunita Rao
Accounts Executive
ABC Traders Pvt Ltd - Chennai
June 2005 to Current
Prepared monthly ledgers and GST returns.

EDUCATION
B.Com, Madras University, 2005
Last updated: March 2012
"""


def test_a_current_job_ends_at_the_newest_date_the_resume_names():
    """Does a resume written in 2012 claim about seven years, not twenty, when parsed in 2026?"""
    parsed = parse_text(OLD, today="2026-06-30")
    assert parsed.resume_date == "2012-03-31"
    assert 6.5 <= parsed.total_experience_years <= 7.0
    assert parsed.experience[0].end == "present"  # the job's own words stay as written
    assert parsed.to_dict()["resume_date"] == "2012-03-31"


def test_dates_still_to_come_do_not_date_the_resume():
    text = "B.Tech, expected May 2027\nIntern, June 2024 - August 2024\n"
    assert newest_named(text, date(2025, 1, 15)) == date(2024, 8, 31)


def test_a_bare_year_dates_the_resume_to_that_years_end_or_today():
    assert newest_named("Analyst 2014 - Present", date(2026, 1, 1)) == date(2014, 12, 31)
    assert newest_named("Analyst 2025 - Present", date(2025, 5, 2)) == date(2025, 5, 2)


def test_the_files_own_date_counts_when_the_text_names_none():
    assert resume_date("Analyst at Crisil since joining", "2019-04-02", date(2026, 1, 1)) == date(2019, 4, 2)
    assert resume_date("Analyst at Crisil since joining", None, date(2026, 1, 1)) == date(2026, 1, 1)
    assert resume_date("Analyst, 2016 - Present", "2019-04-02", date(2026, 1, 1)) == date(2016, 12, 31)


def test_a_pdfs_creation_date_dates_a_resume_whose_text_names_none():
    """Does a PDF created in 2018 end its undated current job in 2018?"""
    pdf = text_pdf("Equity Research Analyst at Crisil since joining, covering Indian banks",
                   info=b"<< /CreationDate (D:20180412093000+05'30') >>")
    assert extract_text(pdf).written == "2018-04-12"
    assert parse_bytes(pdf, today="2026-01-01").resume_date == "2018-04-12"


def test_a_word_documents_creation_date_is_read():
    docx = make_docx(["Equity Research Analyst at Crisil since joining, covering Indian banks"])
    assert extract_text(docx).written is not None  # python-docx stamps the file it saves
