"""Hostile resume files, made on demand (never stored): bombs, deep nesting, broken parts, huge text.

Each maker takes a size so a test can make a small one that trips a small configured limit, and the
benchmark a full-size one.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

from tests.files import make_docx, make_pdf

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RESUME_LINES = ["Asha Rao", "asha.rao@example.com", "Experience", "Research Analyst, Acme Analytics, Pune",
                "Jan 2019 - Present", "Skills", "Python, SQL, Excel"]


MB = 1024 * 1024


def _blank(mb: int):
    """``mb`` MB of blank space, a megabyte at a time (so a maker never holds a bomb unpacked)."""
    chunk = b" " * MB
    for _ in range(mb):
        yield chunk


def _replace_part(docx: bytes, name: str, *pieces) -> bytes:
    """The DOCX with one part replaced by the pieces (byte strings or iterables of them), deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info.filename))
                continue
            with dst.open(info.filename, "w") as part:  # under 2 GB: sizes in the plain (not zip64) headers
                for piece in pieces:
                    for chunk in ([piece] if isinstance(piece, bytes) else piece):
                        part.write(chunk)
    return out.getvalue()


def docx_bomb(expanded_mb: int) -> bytes:
    """A small DOCX whose document.xml unpacks to ``expanded_mb`` MB (blank space compresses ~1000 to 1)."""
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in RESUME_LINES)
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}'.encode()
    return _replace_part(make_docx(RESUME_LINES), "word/document.xml", head, _blank(expanded_mb),
                         b"</w:body></w:document>")


def docx_lying_sizes(expanded_mb: int) -> bytes:
    """A DOCX bomb whose zip headers declare document.xml as 1 KB, so a size check alone would pass it."""
    data = bytearray(docx_bomb(expanded_mb))
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        at = 0
        while (at := data.find(signature, at)) >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            name_len = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            if bytes(data[name_at:name_at + name_len]) == name:
                struct.pack_into("<I", data, at + size_at, 1024)
            at += 4
    return bytes(data)


def docx_without_body() -> bytes:
    """A DOCX whose document.xml has no <w:body> (python-docx then has nothing to iterate)."""
    return _replace_part(make_docx(RESUME_LINES), "word/document.xml",
                         f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"/>'.encode())


def _page(contents_ref: bytes) -> bytes:
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " + contents_ref +
            b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")


def _text_stream() -> bytes:
    lines = b" ".join(b"BT /F1 11 Tf 72 %d Td (%s) Tj ET" % (720 - 16 * i, line.encode())
                      for i, line in enumerate(RESUME_LINES))
    return lines


def pdf_flate_bomb(expanded_mb: int) -> bytes:
    """A small PDF whose page content stream inflates to ``expanded_mb`` MB (mostly blank space)."""
    deflate = zlib.compressobj(9)
    stream = deflate.compress(_text_stream()) + b"".join(deflate.compress(c) for c in _blank(expanded_mb))
    stream += deflate.flush()
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(b"4 0 R"),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def pdf_deep_page_tree(depth: int = 3000) -> bytes:
    """A PDF whose page tree nests ``depth`` /Pages nodes, each the only kid of the one above."""
    stream = _text_stream()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = level + 2
        objects.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 /Parent %d 0 R >>" % (number + 1, number - 1))
    objects.append(_page(b"%d 0 R" % (depth + 3)).replace(b"/Parent 2 0 R", b"/Parent %d 0 R" % (depth + 1)))
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return make_pdf(objects)


def pdf_heavy_page(operations: int) -> bytes:
    """One page drawing ``operations`` tiny words: small compressed, slow and large to lay out."""
    words = b"".join(b"BT /F1 4 Tf %d %d Td (w%d) Tj ET\n" % (20 + (i * 7) % 570, 20 + (i * 13) % 750, i % 97)
                     for i in range(operations))
    stream = zlib.compress(_text_stream() + b"\n" + words, 9)
    return make_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _page(b"4 0 R"),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def huge_text(chars: int) -> bytes:
    """A plain-text resume of ``chars`` characters: contact details and skills, then jobs over and over."""
    head = "\n".join(RESUME_LINES[:2] + RESUME_LINES[5:] + ["", "Experience"]) + "\n"
    job = "Research Analyst\nAcme Analytics, Pune\nJan 2015 - Dec 2016\nBuilt models in Python and SQL.\n\n"
    return (head + job * (chars // len(job) + 1))[:chars].encode()
