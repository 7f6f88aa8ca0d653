"""Decide what a resume file is from its bytes, never from its name, and check it can be opened."""
from __future__ import annotations

import contextlib
import contextvars
import io
import zipfile
import zlib

from nlp.errors import CorruptFile, EmptyFile, EncryptedFile, ExpandsTooMuch, FileTooLarge, UnsupportedFileType

PDF, DOCX, TXT = "pdf", "docx", "txt"
# The most one compressed thing may unpack to: a Word document's parts together, or one PDF stream.
# Resumes need a few MB; a "zip bomb" made to exhaust memory needs hundreds.
DEFAULT_MAX_EXPANDED = 64 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000

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
    """DOCX when the zip holds a Word document; reads only the zip's directory, never a part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise CorruptFile("The file looks like a Word document but is damaged and cannot be opened.")
    if "word/document.xml" in names:
        return DOCX
    if "EncryptedPackage" in names:
        raise EncryptedFile("The Word document is password-protected; please send it without a password.")
    raise UnsupportedFileType(f"This is a zip archive or another Office file, not a resume in {ACCEPTED}.")


def check_zip_sizes(data: bytes, max_expanded: int = DEFAULT_MAX_EXPANDED) -> None:
    """Refuse a Word document whose parts would unpack to more than ``max_expanded`` bytes, before any is.

    First by the sizes the zip declares; then each part is unpacked a megabyte at a time and thrown away
    (``testzip``), which stops at the declared size: a part that lies about its size fails its checksum
    there. (Reading a part whole, as python-docx does, would unpack all of it before cutting it short.)
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise ExpandsTooMuch(f"The Word document has {len(members):,} parts; a resume has a few dozen.")
            total = sum(m.file_size for m in members)
            if total > max_expanded:
                raise ExpandsTooMuch(f"The Word document unpacks to {total / 1048576:,.0f} MB, more than the "
                                     f"{max_expanded / 1048576:,.0f} MB a resume may; it may be built to "
                                     "exhaust memory.")
            damaged = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error):
        damaged = True
    if damaged is not None:
        raise CorruptFile("The Word document is damaged and cannot be opened.")


_EXPANSION_LIMIT: contextvars.ContextVar[int | None] = contextvars.ContextVar("recruit_expansion_limit",
                                                                             default=None)


@contextlib.contextmanager
def expansion_limit(max_expanded: int):
    """While inside, no PDF stream is inflated past ``max_expanded`` bytes (pdfminer would inflate it all)."""
    _install_capped_zlib()
    token = _EXPANSION_LIMIT.set(max_expanded)
    try:
        yield
    finally:
        _EXPANSION_LIMIT.reset(token)


def _stream_too_large(limit: int) -> ExpandsTooMuch:
    return ExpandsTooMuch(f"A part of the PDF unpacks to more than {limit / 1048576:,.0f} MB, far more than a "
                          "resume needs; it may be built to exhaust memory.")


class _CappedInflater:
    """``zlib.decompressobj()`` that stops with ``ExpandsTooMuch`` once its output passes the limit."""

    def __init__(self, limit: int | None):
        self._inner, self._limit, self._out = zlib.decompressobj(), limit, 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        if self._limit is None:
            return self._inner.decompress(data, max_length)
        room = self._limit + 1 - self._out
        out = self._inner.decompress(data, min(max_length, room) if max_length else room)
        self._out += len(out)
        if self._out > self._limit:
            raise _stream_too_large(self._limit)
        return out

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _CappedZlib:
    """Stands in for the ``zlib`` module inside pdfminer: inflation reads at most the current limit."""

    error = zlib.error

    @staticmethod
    def decompressobj(*args, **kwargs):
        return _CappedInflater(_EXPANSION_LIMIT.get()) if not args and not kwargs else zlib.decompressobj(*args,
                                                                                                         **kwargs)

    @staticmethod
    def decompress(data: bytes, *args, **kwargs) -> bytes:
        limit = _EXPANSION_LIMIT.get()
        if limit is None or args or kwargs:
            return zlib.decompress(data, *args, **kwargs)
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, limit + 1)
        if len(out) > limit:
            raise _stream_too_large(limit)
        if not inflater.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def __getattr__(self, name):
        return getattr(zlib, name)


def _install_capped_zlib() -> None:
    import pdfminer.pdftypes

    if not isinstance(pdfminer.pdftypes.zlib, _CappedZlib):
        pdfminer.pdftypes.zlib = _CappedZlib()


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


def check_opens(data: bytes, kind: str, *, max_expanded: int = DEFAULT_MAX_EXPANDED) -> None:
    """Cheap structural check that a PDF or DOCX can be opened, without extracting its text.

    Raises ``EncryptedFile`` for a password-protected PDF, ``CorruptFile`` for a damaged one and
    ``ExpandsTooMuch`` for one that would unpack past ``max_expanded`` bytes (checked before unpacking).
    """
    with expansion_limit(max_expanded):
        if kind == PDF:
            _check_pdf(data)
        elif kind == DOCX:
            check_zip_sizes(data, max_expanded)
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
    except (EncryptedFile, CorruptFile, ExpandsTooMuch):
        raise
    except RecursionError:  # a page tree nested thousands deep
        raise nested_too_deeply("The PDF")
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError, zlib.error):
        raise CorruptFile("The PDF is damaged and cannot be opened.")


def nested_too_deeply(what: str) -> CorruptFile:
    """The error for a file whose structure nests deeper than a reader can follow (``RecursionError``)."""
    return CorruptFile(f"{what}'s structure is nested too deeply to read; it is damaged or built to break readers.")


def _check_docx(data: bytes) -> None:
    """python-docx opens it (its parts' sizes and checksums were checked first, by ``check_zip_sizes``)."""
    try:
        import docx

        docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise CorruptFile("The Word document is damaged and cannot be opened.") from exc
