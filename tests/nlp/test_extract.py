"""Text extraction: reading order, clean-up, and errors a recruiter understands."""
import pytest

from nlp.errors import CorruptFile, EncryptedFile, NoTextLayer, TimeBudgetExceeded
from nlp.extract import clean_text, extract_text
from tests.files import (corrupt_pdf, encrypted_pdf, image_only_pdf, livecareer_pdf, make_docx,
                         pdf_with_lines)


def test_real_pdf_keeps_sections_and_words():
    result = extract_text(livecareer_pdf("ACCOUNTANT").read_bytes())
    assert result.kind == "pdf" and result.pages >= 1
    lowered = result.text.lower()
    assert "experience" in lowered and "skills" in lowered
    assert "\x00" not in result.text and "  " not in result.text


def test_two_columns_are_read_one_after_the_other():
    left = [(50, 700 - 14 * i, f"Left column line {i} about finance") for i in range(10)]
    right = [(330, 700 - 14 * i, f"Right column line {i} about skills") for i in range(10)]
    text = extract_text(pdf_with_lines([[(50, 750, "Priya Raman, Equity Research Analyst, Pune India")] + left
                                        + right])).text
    assert text.index("Priya Raman") < text.index("Left column line 0")
    assert text.index("Left column line 9") < text.index("Right column line 0")
    assert "Left column line 3 about finance Right" not in text


def test_running_headers_footers_and_page_numbers_are_dropped():
    pages = [[(50, 770, "Confidential resume of P. Raman")]
             + [(50, 700 - 14 * i, f"{word} line {'x' * i} about {topic}") for i, word in enumerate(
                 ["Opening", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Closing"])]
             + [(300, 30, f"Page {n} of 3")] for n, topic in ((1, "banking"), (2, "audit"), (3, "tax"))]
    text = extract_text(pdf_with_lines(pages)).text
    assert "Confidential resume" not in text and "Page 2 of 3" not in text
    assert "Opening line about audit" in text and "Closing line xxxxxxx about tax" in text


def test_ligatures_hyphenation_and_spaces_are_repaired():
    assert clean_text("ﬁnancial analy-\nsis and proﬁt\u00a0\u00a0margins") == "financial analysis and profit margins\n"
    assert clean_text("2015 -\n2018") == "2015 -\n2018\n"  # a dash before a line break that is not a word
    # A link broken at one of its own hyphens keeps the hyphen.
    assert clean_text("Indeed: indeed.com/r/kimaya-\nsonawane/1f27a18d") == "Indeed: indeed.com/r/kimaya-sonawane/1f27a18d\n"


def test_html_entities_from_web_pages_are_decoded():
    assert clean_text("Shift Supervisor &amp; Trainee, R&D") == "Shift Supervisor & Trainee, R&D\n"


def test_byte_escapes_and_symbol_font_bullets_are_repaired():
    # Text written out as Python byte strings, and Word's Symbol-font bullets (private-use characters).
    assert clean_text(r"\xe2\x80\xa2 Led the \xe2\x80\x9cAlpha\xe2\x80\x9d team") == "• Led the “Alpha” team\n"
    assert clean_text("\uf0b7 Managed accounts\n\uf0a7 Excel") == "• Managed accounts\n• Excel\n"
    assert clean_text(r"C:\xfiles and \xff alone") == r"C:\xfiles and \xff alone" + "\n"  # not UTF-8: left as is


def test_text_decoded_with_the_wrong_encoding_is_repaired():
    # Lines as they come out of livecareer PDFs made by a program that read UTF-8 as Windows-1252.
    assert clean_text("Accountant Company Name â€“ City , State") == "Accountant Company Name – City , State\n"
    assert clean_text("â€¢ Universidad AutÃ³noma de Nuevo LeÃ³n") == "• Universidad Autónoma de Nuevo León\n"
    # The last byte of "●" and "”" has no Windows-1252 character, so it was lost; the rest is still repaired.
    assert clean_text("â— Reconcile bank accounts\nthe “Thank You Award.â€") == \
        "● Reconcile bank accounts\nthe “Thank You Award.”\n"
    assert clean_text("I haveÂ drasticallyÂ improved") == "I have drastically improved\n"
    assert clean_text("Café naïve — “quoted”") == "Café naïve — “quoted”\n"  # right text stays as it is


def test_docx_paragraphs_tables_and_header():
    import io

    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Rahul Iyer | rahul@example.com"
    document.add_paragraph("Equity research analyst")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Skill", "Years"
    table.cell(1, 0).text, table.cell(1, 1).text = "Financial modelling", "4"
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_text(buffer.getvalue()).text
    assert text.index("Rahul Iyer") < text.index("Equity research analyst")
    assert "Financial modelling | 4" in text


@pytest.mark.parametrize("data,error,message", [
    (image_only_pdf(), NoTextLayer, "no text layer"),
    (encrypted_pdf(), EncryptedFile, "password-protected"),
    (corrupt_pdf(), CorruptFile, "damaged"),
    (make_docx([" "]), NoTextLayer, "almost no text"),
])
def test_unreadable_files_say_why(data, error, message):
    with pytest.raises(error, match=message):
        extract_text(data)


def test_time_budget_stops_a_slow_pdf():
    with pytest.raises(TimeBudgetExceeded, match="longer than"):
        extract_text(livecareer_pdf().read_bytes(), time_budget=-1)
