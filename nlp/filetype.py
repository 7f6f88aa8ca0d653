"""Decide what a resume file is from its bytes, never from its name, and check it can be opened."""
from __future__ import annotations

import io
import zipfile

from nlp.errors import CorruptFile, EmptyFile, EncryptedFile, FileTooLarge, UnsupportedFileType

PDF, DOCX, TXT = "pdf", "docx", "txt"

# Signatures of formats people often send instead of a resume, so the message can say what it was.
_OTHER_SIGNATURES = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word (.doc) or other Office 97-2003 file; save it as DOCX or PDF"),
    (b"{\\rtf", "an RTF document; save it as DOCX or PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"Rar!", "a RAR archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
]

ACCEPTED = "PDF, DOCX or plain text"


def detect_type(data: bytes, *, max_bytes: int | None = None) -> str:
    """Return ``pdf``, ``docx`` or ``txt`` for the bytes of a resume, or raise a ``ResumeError``."""
    if not data or not data.strip():
        raise EmptyFile("The file is empty.")
    if max_bytes is not None and len(data) > max_bytes:
        raise FileTooLarge(
            f"The file is {len(data) / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB."
        )
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    for signature, what in _OTHER_SIGNATURES:
        if data.startswith(signature):
            raise UnsupportedFileType(f"This looks like {what}, not a resume in {ACCEPTED}.")
    if decode_text(data) is None:
        raise UnsupportedFileType(f"This is not a file type we can read; please send {ACCEPTED}.")
    return TXT


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        raise CorruptFile("The file looks like a Word document but is damaged and cannot be opened.")
    if "word/document.xml" in names:
        return DOCX
    if "EncryptedPackage" in names:
        raise EncryptedFile("The Word document is password-protected; please send it without a password.")
    raise UnsupportedFileType(f"This is a zip archive or another Office file, not a resume in {ACCEPTED}.")


def decode_text(data: bytes) -> str | None:
    """Decode plain text in any common encoding, or return None when the bytes are not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:4096]:
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4096]
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
        if controls <= max(2, len(sample) // 100):
            return text
    return None


def check_opens(data: bytes, kind: str) -> None:
    """Cheap structural check that a PDF or DOCX can be opened, without extracting its text.

    Raises ``EncryptedFile`` for a password-protected PDF and ``CorruptFile`` for a damaged one.
    """
    if kind == PDF:
        _check_pdf(data)
    elif kind == DOCX:
        _check_docx(data)


def _check_pdf(data: bytes) -> None:
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psexceptions import PSException

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        if not doc.is_extractable:
            raise EncryptedFile("The PDF does not allow its text to be copied; please send an unrestricted copy.")
        if next(PDFPage.create_pages(doc), None) is None:
            raise CorruptFile("The PDF has no pages.")
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise EncryptedFile("The PDF is password-protected; please send it without a password.")
    except EncryptedFile:
        raise
    except CorruptFile:
        raise
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError):
        raise CorruptFile("The PDF is damaged and cannot be opened.")


def _check_docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if zf.testzip() is not None:
                raise CorruptFile("The Word document is damaged and cannot be opened.")
    except (zipfile.BadZipFile, OSError, EOFError):
        raise CorruptFile("The Word document is damaged and cannot be opened.")
    try:
        import docx

        docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise CorruptFile("The Word document is damaged and cannot be opened.") from exc
