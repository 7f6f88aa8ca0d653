"""File types are decided by content, and unreadable files say why in plain words."""
import zipfile
import io

import pytest

from nlp.errors import CorruptFile, EmptyFile, EncryptedFile, FileTooLarge, UnsupportedFileType
from nlp.filetype import check_opens, decode_text, detect_type
from tests.files import PNG, corrupt_pdf, encrypted_pdf, livecareer_pdf, make_docx, text_pdf


def test_real_pdf_is_a_pdf():
    data = livecareer_pdf().read_bytes()
    assert detect_type(data) == "pdf"
    check_opens(data, "pdf")


def test_docx_is_told_from_other_zips():
    assert detect_type(make_docx(["Jane Analyst", "Excel"])) == "docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(UnsupportedFileType, match="zip archive"):
        detect_type(buffer.getvalue())


@pytest.mark.parametrize("data", [
    "Jane Analyst\nEquity research\n".encode("utf-8"),
    "Zoë Müller — Analyst\n".encode("utf-8"),
    "Zoë Müller – Analyst\n".encode("cp1252"),
    "\ufeffJane Analyst".encode("utf-16"),
    b"\xef\xbb\xbfJane Analyst\n",
])
def test_text_in_common_encodings(data):
    assert detect_type(data) == "txt"
    assert "Analyst" in decode_text(data)


@pytest.mark.parametrize("data,error,message", [
    (b"", EmptyFile, "empty"),
    (b"   \n\t ", EmptyFile, "empty"),
    (PNG, UnsupportedFileType, "PNG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, UnsupportedFileType, "old Word"),
    (bytes(range(256)) * 4, UnsupportedFileType, "not a file type"),
    (b"PK\x03\x04garbage", CorruptFile, "damaged"),
])
def test_unusable_files(data, error, message):
    with pytest.raises(error, match=message):
        detect_type(data)


def test_size_limit():
    with pytest.raises(FileTooLarge, match="limit is 1 MB"):
        detect_type(b"a" * (1024 * 1024 + 1), max_bytes=1024 * 1024)


def test_encrypted_pdf():
    data = encrypted_pdf()
    assert detect_type(data) == "pdf"
    with pytest.raises(EncryptedFile, match="password-protected"):
        check_opens(data, "pdf")


def test_corrupt_pdf_and_docx():
    with pytest.raises(CorruptFile):
        check_opens(corrupt_pdf(), "pdf")
    docx = make_docx(["x"])
    with pytest.raises(CorruptFile):
        check_opens(docx[: len(docx) // 2], "docx")


def test_minimal_pdf_opens():
    check_opens(text_pdf(), "pdf")
