"""Text from resume files: PDF (pdfminer.six), DOCX (python-docx) and plain text.

The type is decided from the bytes. PDF text keeps reading order for two-column layouts, repairs
ligatures and words hyphenated across lines, and drops running headers, footers and page numbers.
Every failure is a ``ResumeError`` with a message a recruiter understands.
"""
from __future__ import annotations

import html
import io
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import ftfy

from nlp import dates
from nlp.errors import CorruptFile, EncryptedFile, NoTextLayer, ResumeError, TimeBudgetExceeded
from nlp.filetype import (DEFAULT_MAX_EXPANDED, DOCX, PDF, TXT, check_zip_sizes, decode_text, detect_type,
                          expansion_limit, nested_too_deeply)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_TIME_BUDGET = 30.0  # seconds per file
DEFAULT_MAX_CHARS = 200_000  # about 60 pages of text; a resume past it is read up to it, with a warning
MAX_PAGES = 40
MIN_TEXT_CHARS = 40


@dataclass
class ExtractedText:
    """The text of a resume file and what was noticed while reading it."""

    text: str
    kind: str
    pages: int = 1
    warnings: list[str] = field(default_factory=list)
    written: str | None = None  # the file's own creation date (ISO), where its metadata names one


def extract_text(data: bytes, *, kind: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 time_budget: float = DEFAULT_TIME_BUDGET, max_chars: int = DEFAULT_MAX_CHARS,
                 max_expanded: int = DEFAULT_MAX_EXPANDED) -> ExtractedText:
    """Read the text of a resume from its bytes, or raise a ``ResumeError`` saying why it cannot be read.

    Nothing compressed is unpacked past ``max_expanded`` bytes, and text past ``max_chars`` characters is
    left out with a warning saying so.
    """
    kind = kind or detect_type(data, max_bytes=max_bytes)
    with expansion_limit(max_expanded):
        if kind == PDF:
            result = _pdf_text(data, time_budget)
        elif kind == DOCX:
            result = _docx_text(data, max_expanded)
        elif kind == TXT:
            text = decode_text(data)
            if text is None:
                raise CorruptFile("The text file uses an encoding we cannot read.")
            result = ExtractedText(text=text, kind=TXT)
        else:
            raise ValueError(f"unknown kind {kind!r}")
    result.text, note = clean_within(result.text, max_chars)
    if note:
        result.warnings.append(note)
    if len(re.sub(r"\s", "", result.text)) < MIN_TEXT_CHARS:
        if kind == PDF:
            raise NoTextLayer("The PDF has no text layer (it looks scanned or is an image). "
                              "Ask for a text PDF or a Word file.")
        raise NoTextLayer("The file contains almost no text.")
    return result


def clean_within(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[str, str | None]:
    """``clean_text(text)`` cut to at most ``max_chars`` characters (at a line end when there is one), and
    the warning to record when it was cut."""
    # Cleaning shortens text only a little; cut far past the limit first, so what is dropped is not read.
    cleaned = clean_text(text[:2 * max_chars] if len(text) > 2 * max_chars else text)
    if len(cleaned) <= max_chars:
        return cleaned, None
    cut = cleaned.rfind("\n", 0, max_chars + 1)
    kept = cleaned[:cut if cut > max_chars // 2 else max_chars]
    return kept, (f"The resume is {len(text):,} characters long; only the first {len(kept):,} were read "
                  f"(the limit is {max_chars:,}).")


# ---------------------------------------------------------------- text clean-up

_HTML_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|#\d{2,5}|#x[0-9a-fA-F]{2,4});")
_HYPHENATED = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b-\u200d\ufeff]")
_MOJIBAKE_HINT = re.compile("Â |[ÂÃâÄÅÆÐÑØÙÚÛÜÝÞß][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                            "\u0192\u02c6\u02dc\u2013-\u2122]")
_PAGE_NUMBER = re.compile(r"^\s*(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?\s*$", re.I)


def restore_lines(text: str) -> str:
    """Text whose line breaks were flattened into runs of spaces gets them back.

    Some exports join a resume into one line, leaving two or more spaces where lines ended (and
    dropping the dash of '2005 – Present'); the rule components read lines, so put them back.
    """
    stripped = text.strip().strip('"').strip()
    if len(stripped) < 400 or stripped.count("\n") > len(stripped) / 400 or stripped.count("  ") < 10:
        return text
    stripped = re.sub(r"(?i)\b((?:19|20)\d{2})\s{2,}((?:19|20)\d{2}|present|current|till date)\b",
                      r"\1 - \2", stripped)
    return re.sub(r" {2,}", "\n", stripped)


# Text that went through a program writing Python byte strings keeps the UTF-8 bytes as escapes:
# "\xe2\x80\xa2 Led the team" was "• Led the team".
_BYTE_ESCAPES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")
# Bullets set in the Symbol and Wingdings fonts come out of Word documents and their PDFs as private-use
# characters (U+F0A7, U+F0B7, U+F0D8 ...), and old encodings leave C1 control characters where bullets were.
_SYMBOL_GLYPHS = re.compile("[\uf000-\uf0ff]|(?m:^[\u0080-\u009f])")


def _decode_escapes(m: re.Match) -> str:
    raw = bytes(int(h, 16) for h in re.findall(r"[0-9a-fA-F]{2}", m.group(0)))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return m.group(0)


def _join_hyphenated(m: re.Match) -> str:
    """'analy-\nsis' is 'analysis'; a link broken at its hyphen ('indeed.com/r/kimaya-\nsonawane') keeps it."""
    start = m.string.rfind("\n", 0, m.start()) + 1
    words = m.string[start:m.start()].split()
    return "-" if words and ("/" in words[-1] or words[-1].lower().startswith(("www.", "http"))) else ""


def clean_text(text: str) -> str:
    """Normalise a resume's text: ligatures and compatibility forms, hyphenation, spaces, blank runs."""
    text = restore_lines(text)
    if _HTML_ENTITY.search(text):  # text taken from a web page: "Supervisor &amp; Trainee"
        text = html.unescape(text)
    if "\\x" in text:
        text = _BYTE_ESCAPES.sub(_decode_escapes, text)
    # UTF-8 read as Windows-1252 by the program that made the PDF ("â€¢" was "•", "Ã©" "é"): a third of
    # the livecareer PDFs carry some. ftfy undoes it where the bytes say so and leaves real text alone.
    text = re.sub(r"ï¼.?", " | ", text)
    if _MOJIBAKE_HINT.search(text):  # ftfy costs ~20 ms on a resume; most have nothing for it to do
        text = ftfy.fix_encoding(text)
        # Where Windows-1252 has no character for the last byte ("●" is E2 97 8F, and 8F is unassigned), that
        # byte is gone and ftfy cannot know what was there; these three are what it was in resumes.
        text = text.replace("â€", "”").replace("â—", "●").replace("â–", "•")
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _CONTROL.sub("", text)
    text = _SYMBOL_GLYPHS.sub("•", text)
    text = _HYPHENATED.sub(_join_hyphenated, text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out, blank = [], 0
    for line in lines:
        blank = blank + 1 if not line else 0
        if blank <= 1:
            out.append(line)
    text = _GLUED_YEARS.sub(_unglue_years, "\n".join(out).strip() + "\n")
    # A date range laid out on three lines is one line again.
    return dates.SPLIT_RANGE.sub(r"\g<a> \g<sep> \g<b>", text)


# LaTeX CVs lose the en dash of "2013–2015" in some PDF tools, leaving "20132015" or "2016present".
_GLUED_YEARS = re.compile(r"(?im)^((?:19|20)\d{2})((?:19|20)\d{2}|present|current|now|today)\b")


def _unglue_years(m: re.Match) -> str:
    first, second = m.group(1), m.group(2)
    if second.isdigit() and not 0 <= int(second) - int(first) <= 50:
        return m.group(0)
    return f"{first} – {second}"


# ---------------------------------------------------------------- PDF

@dataclass
class _Line:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


def _pdf_text(data: bytes, time_budget: float) -> ExtractedText:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    started = time.monotonic()
    warnings: list[str] = []
    pages: list[list[_Line]] = []
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        if not document.is_extractable:
            raise EncryptedFile("The PDF does not allow its text to be copied; please send an unrestricted copy.")
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=LAParams(line_margin=0.4, boxes_flow=None))
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document)):
            if number >= MAX_PAGES:
                warnings.append(f"Only the first {MAX_PAGES} pages were read.")
                break
            if time.monotonic() - started > time_budget:
                raise TimeBudgetExceeded(f"Reading the PDF took longer than {time_budget:.0f} seconds; "
                                         "it may be damaged or unusually complex.")
            interpreter.process_page(page)
            layout = device.get_result()
            lines = []
            for element in layout:
                if isinstance(element, LTTextContainer):
                    children = element if not isinstance(element, LTTextLine) else [element]
                    for line in children:
                        if isinstance(line, LTTextLine):
                            text = line.get_text().strip()
                            if text:
                                lines.append(_Line(line.x0, line.x1, layout.height - line.y1,
                                                   layout.height - line.y0, text))
            pages.append(_order_lines(lines, layout.width))
    except ResumeError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise EncryptedFile("The PDF is password-protected; please send it without a password.")
    except RecursionError as exc:  # a page tree nested thousands deep
        raise nested_too_deeply("The PDF") from exc
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
            ZeroDivisionError, OverflowError) as exc:
        if pages:
            warnings.append("The end of the PDF is damaged; only the pages before it were read.")
        else:
            raise CorruptFile("The PDF is damaged and cannot be read.") from exc
    if not pages:
        raise CorruptFile("The PDF has no pages.")
    pages = _drop_running_lines(pages)
    text = "\n\n".join(_page_text(page) for page in pages)
    return ExtractedText(text=text, kind=PDF, pages=len(pages), warnings=warnings, written=_pdf_written(document))


PDF_DATE = re.compile(rb"^(?:D:)?((?:19|20)\d\d)(0[1-9]|1[0-2])?([0-2]\d|3[01])?")


def _pdf_written(document) -> str | None:
    """The PDF's /CreationDate ("D:20150312...") as an ISO date; None when absent or unreadable."""
    try:
        from pdfminer.pdftypes import resolve1

        info = document.info[0] if document.info else {}
        raw = resolve1(info.get("CreationDate") or info.get("ModDate"))
    except Exception:  # metadata is a hint; a broken info dictionary must not fail the file
        return None
    m = PDF_DATE.match(raw if isinstance(raw, bytes) else str(raw or "").encode())
    if not m:
        return None
    return f"{m.group(1).decode()}-{(m.group(2) or b'01').decode()}-{(m.group(3) or b'01').decode()}"


def _page_text(lines: list[_Line]) -> str:
    """A page's lines, with a blank line where the layout leaves a paragraph-sized gap."""
    out = []
    for prev, line in zip([None] + lines[:-1], lines):
        if prev is not None and line.top - prev.bottom > 0.8 * max(prev.bottom - prev.top, 1):
            out.append("")
        out.append(line.text)
    return "\n".join(out)


def _order_lines(lines: list[_Line], width: float) -> list[_Line]:
    """Reading order: full-width lines top to bottom, with a two-column block read left column first."""
    lines.sort(key=lambda ln: (round(ln.top), ln.x0))
    split = _column_split(lines, width)
    if split is None:
        return _merge_same_row(lines)
    left = [ln for ln in lines if ln.x1 <= split]
    right = [ln for ln in lines if ln.x0 >= split]
    spanning = [ln for ln in lines if ln.x0 < split < ln.x1]
    # Lines spanning both columns above the columns (a name banner) come first, those below last.
    column_top = min(ln.top for ln in left + right)
    head = [ln for ln in spanning if ln.bottom <= column_top + 1]
    tail = [ln for ln in spanning if ln not in head]
    return _merge_same_row(head) + _merge_same_row(left) + _merge_same_row(right) + _merge_same_row(tail)


def _column_split(lines: list[_Line], width: float) -> float | None:
    """An x position with many lines wholly on each side and almost none crossing it, if there is one."""
    if len(lines) < 12 or width <= 0:
        return None
    best = None
    for step in range(25, 76, 2):
        x = width * step / 100
        crossing = sum(1 for ln in lines if ln.x0 < x - 2 and ln.x1 > x + 2)
        left = sum(1 for ln in lines if ln.x1 <= x)
        right = sum(1 for ln in lines if ln.x0 >= x)
        if left >= 5 and right >= 5 and crossing <= max(1, len(lines) // 20):
            score = min(left, right) - 3 * crossing
            if best is None or score > best[0]:
                best = (score, x)
    return best[1] if best else None


def _merge_same_row(lines: list[_Line]) -> list[_Line]:
    """Join fragments on the same baseline (a date pushed to the right margin) into one line."""
    out: list[_Line] = []
    for line in sorted(lines, key=lambda ln: (round(ln.top), ln.x0)):
        if out and abs(out[-1].top - line.top) < 2.5 and line.x0 >= out[-1].x1 - 1:
            prev = out[-1]
            out[-1] = _Line(prev.x0, line.x1, prev.top, max(prev.bottom, line.bottom), f"{prev.text} {line.text}")
        else:
            out.append(line)
    return out


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def _edges(page: list[_Line]) -> list[_Line]:
    """The lines where running headers and footers sit: two at each end, one on a short page."""
    n = 2 if len(page) > 6 else 1
    return page[:n] + page[-n:] if len(page) > 2 * n else page[:1] + page[-1:]


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Remove page numbers, and headers or footers repeated on most pages."""
    if len(pages) >= 2:
        counts: Counter[str] = Counter()
        for page in pages:
            counts.update({_running_key(ln.text) for ln in _edges(page)})
        running = {key for key, n in counts.items() if n >= max(2, (len(pages) + 1) // 2) and len(key) < 120}
    else:
        running = set()
    cleaned = []
    for page in pages:
        edges = {id(ln) for ln in _edges(page)}
        keep = [ln for ln in page if not (id(ln) in edges and (_running_key(ln.text) in running
                                                               or _PAGE_NUMBER.match(ln.text)))]
        cleaned.append(keep)
    return cleaned


# ---------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_text(data: bytes, max_expanded: int = DEFAULT_MAX_EXPANDED) -> ExtractedText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip_sizes(data, max_expanded)  # before python-docx unpacks and parses every part
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise CorruptFile("The Word document is damaged and cannot be opened.") from exc
    except Exception as exc:  # lxml and zipfile raise their own kinds for broken parts
        raise CorruptFile("The Word document is damaged and cannot be opened.") from exc
    lines: list[str] = []
    for section in document.sections[:1]:  # names and contact details often sit in the page header
        try:
            for element in section.header._element:
                lines.extend(_docx_block(element))
        except Exception:  # a missing or odd header part is not worth failing the file for
            pass
    body = document.element.body
    if body is None:
        raise CorruptFile("The Word document has no body text (its document part is empty or damaged).")
    for element in body:
        lines.extend(_docx_block(element))
    try:
        stamp = document.core_properties.created or document.core_properties.modified
    except Exception:  # metadata is a hint; a broken core part must not fail the file
        stamp = None
    return ExtractedText(text="\n".join(lines), kind=DOCX, written=stamp.date().isoformat() if stamp else None)


def _docx_block(element) -> list[str]:
    """Lines of one body element: a paragraph (and the text boxes anchored in it) or a table."""
    tag = element.tag
    if tag == f"{_W}p":
        own = _paragraph_text(element)
        boxes = [_paragraph_text(p) for p in element.iter(f"{_W}p") if p is not element]
        return [own] + [b for b in boxes if b]
    if tag == f"{_W}tbl":
        rows = []
        for row in element.iter(f"{_W}tr"):
            cells, seen = [], set()
            for cell in row.iter(f"{_W}tc"):
                text = " ".join(_paragraph_text(p) for p in cell.iter(f"{_W}p")).strip()
                if text and text not in seen:  # merged cells repeat their text
                    seen.add(text)
                    cells.append(text)
            if cells:
                rows.append(" | ".join(cells))
        return rows
    if tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs and tables
        out = []
        for content in element.iter(f"{_W}sdtContent"):
            for child in content:
                out.extend(_docx_block(child))
            break
        return out
    return []


def _paragraph_text(paragraph) -> str:
    """The text of one paragraph, leaving out the paragraphs of text boxes nested inside it."""
    parts = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}p"):
        if node.tag == f"{_W}p" and node is not paragraph:
            continue
        if _inside_textbox(node, paragraph):
            continue
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag == f"{_W}br":
            parts.append("\n")
    return "".join(parts).strip()


def _inside_textbox(node, paragraph) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == f"{_W}txbxContent":
            return True
        parent = parent.getparent()
    return False

