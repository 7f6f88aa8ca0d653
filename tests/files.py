"""Resume files for tests: real ones from ../shared/data, and broken ones made here."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import DATA

LIVECAREER = DATA / "livecareer"


def livecareer_pdf(category: str = "FINANCE", index: int = 0) -> Path:
    """A real resume PDF from the livecareer set (skips the test when the data is absent)."""
    folder = LIVECAREER / category
    if not folder.is_dir():
        pytest.skip(f"test data not found at {folder}")
    return sorted(folder.glob("*.pdf"))[index]


def make_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A syntactically valid PDF from numbered object bodies (object 1 must be the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()


def text_pdf(text: str = "Jane Analyst", info: bytes = b"") -> bytes:
    """A one-page PDF with a text layer; ``info`` is its document information dictionary, if any
    (``b"<< /CreationDate (D:20180412) >>"``)."""
    stream = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *([info] if info else []),
    ], trailer_extra=b"/Info 6 0 R " if info else b"")


def encrypted_pdf() -> bytes:
    """A PDF protected by a user password (RC4, standard security handler) that we do not know."""
    encrypt = (b"<< /Filter /Standard /V 1 /R 2 /P -44 "
               b"/O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> >>")
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        encrypt,
    ], trailer_extra=b"/Encrypt 3 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ")


def corrupt_pdf() -> bytes:
    """Starts like a PDF, then nothing a reader can use."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 20


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def image_only_pdf() -> bytes:
    """A page with no text layer, as a scanned resume has."""
    stream = b"0 0 1 rg 72 72 200 200 re f"
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def pdf_with_lines(pages: list[list[tuple[float, float, str]]]) -> bytes:
    """A PDF whose pages hold text lines at (x, y) positions, for layout tests."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None]
    kids = []
    for lines in pages:
        ops = b"".join(b"BT /F1 10 Tf %.1f %.1f Td (%s) Tj ET\n" % (x, y, text.encode("latin-1"))
                       for x, y, text in lines)
        page_no = len(objects) + 1
        kids.append(page_no)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (page_no + 1, page_no + 2))
        objects.append(b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream")
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return make_pdf(objects)
