"""A recommendation report version as files a client keeps: PDF (WeasyPrint, from the same HTML the page
shows) and an editable Word document (python-docx). Both are drawn from the version's frozen content only."""
from __future__ import annotations

import io
import os
import re

from docx import Document
from docx.shared import Pt
from flask import current_app, render_template

from recruit.models import ReportVersion

SECTIONS = {"needs": "The client's needs as we understand them", "summary": "Our recommendation",
            "reasoning": "The consultant's reasoning", "method": "How we reached it"}
MET = {"yes": "Meets", "partly": "Partly", "no": "Not shown", "unknown": "—"}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def filename(version: ReportVersion) -> str:
    """``northwind-research-analyst-v2``: the client, the subject and the version, safe in any file system."""
    content = version.content
    stem = re.sub(r"[^a-z0-9]+", "-", f"{content['client']} {content['subject']}".lower()).strip("-")[:80]
    return f"{stem or 'report'}-v{version.number}"


def html(version: ReportVersion) -> str:
    """The version as one printable HTML page: the pages' report styles inline (WeasyPrint fetches nothing),
    then the print rules."""
    with open(os.path.join(current_app.static_folder, "css", "report.css"), encoding="utf-8") as styles:
        css = styles.read()
    return render_template("recommendations/print.html", version=version, c=version.content, met=MET,
                           sections=SECTIONS, css=css)


def pdf(version: ReportVersion) -> bytes:
    """The version as PDF."""
    from weasyprint import HTML  # half a second to import: only when a PDF is asked for, not at every start

    return HTML(string=html(version), base_url=None).write_pdf()


def docx(version: ReportVersion) -> bytes:
    """The version as a Word document the client can edit: headings, paragraphs and tables, no images."""
    c = version.content
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = c["title"]
    doc.core_properties.author = c.get("prepared_by") or ""
    doc.add_heading(c["title"], level=0)
    doc.add_paragraph(f"For {c['client']} · {c['subject_kind'].capitalize()}: {c['subject']} · "
                      f"Prepared by {c.get('prepared_by') or ''} · Version {version.number}"
                      + (f", issued {version.issued_at:%d %B %Y}" if version.issued_at else " (draft)"))

    def paragraphs(text: str) -> None:
        for block in (text or "").split("\n\n"):
            if block.strip():
                doc.add_paragraph(block.strip())

    for name in ("needs", "summary"):
        doc.add_heading(SECTIONS[name], level=1)
        paragraphs(c["sections"].get(name))
    items = c["recommendations"] + c.get("firms", [])
    if items:
        doc.add_heading("Side by side against the must-haves", level=1)
    for part in c["parts"]:
        here = [i for i in items if i.get("part") == part["key"]]
        if not here:
            continue
        if len(c["parts"]) > 1:
            doc.add_heading(part["title"], level=2)
        table = doc.add_table(rows=1, cols=1 + len(here))
        table.style = "Table Grid"
        table.rows[0].cells[0].text = "Must-have"
        for n, item in enumerate(here, 1):
            table.rows[0].cells[n].text = item["label"]
        for must in part["musts"]:
            row = table.add_row().cells
            row[0].text = must["label"]
            for n, item in enumerate(here, 1):
                row[n].text = MET.get(item["checks"].get(must["key"], "unknown"), "—")
        if any(i.get("score") is not None for i in here):
            row = table.add_row().cells
            row[0].text = "Score (of 100)"
            for n, item in enumerate(here, 1):
                row[n].text = "" if item.get("score") is None else str(item["score"])
        if part.get("wanted"):
            doc.add_paragraph("Good to have, counted in the score: " + ", ".join(part["wanted"]) + ".")
    titles = {part["key"]: part["title"] for part in c["parts"]}
    for item in c["recommendations"] + c.get("firms", []):
        doc.add_heading(item["label"] + (f" for {titles.get(item.get('part'), '')}" if len(titles) > 1 else "")
                        + (f" — {item['score']} of 100" if item.get("score") is not None else ""), level=2)
        if item.get("note"):
            doc.add_paragraph(item["note"])
        facts = _facts(item)
        for label, value in facts:
            p = doc.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(value)
        for ev in item.get("evidence", []):
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(f"{ev['label']}: ").bold = True
            p.add_run(ev["text"] + (f" ({ev['points']:g} of 100 points)" if ev.get("points") is not None else ""))
            if ev.get("terms"):
                doc.add_paragraph("In the resume: " + ", ".join(ev["terms"]))
            for quote in ev.get("quotes", []):
                doc.add_paragraph(f"“{quote}”", style="Quote")
    if c["sections"].get("reasoning"):
        doc.add_heading(SECTIONS["reasoning"], level=1)
        paragraphs(c["sections"]["reasoning"])
    doc.add_heading(SECTIONS["method"], level=1)
    paragraphs(c["sections"].get("method"))
    if c.get("criteria"):
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Criterion", "Weight"
        for criterion in c["criteria"]:
            row = table.add_row().cells
            row[0].text, row[1].text = criterion["label"], f"{criterion['share']}%"
    if c.get("left_out"):
        doc.add_heading(f"Considered and left out ({len(c['left_out'])} of {c.get('considered', 0)})", level=2)
        for row in c["left_out"]:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(f"{row['label']}: ").bold = True
            p.add_run(row["reason"])
    if version.erasure_note:
        doc.add_paragraph(version.erasure_note)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _facts(item: dict) -> list[tuple[str, str]]:
    """A recommendation's facts as (label, text) lines, shared by the DOCX (the HTML writes them itself)."""
    if item.get("kind") == "firm":
        return [(k, v) for k, v in item.get("facts", []) if v]
    work = "; ".join(f"{e['title'] or '—'}" + (f" at {e['employer']}" if e.get("employer") else "")
                     + (f" ({e.get('start') or ''}–{e.get('end') or ''})" if e.get("start") or e.get("end") else "")
                     for e in item.get("experience", []))
    school = "; ".join((e.get("degree") or "") + (f" in {e['field']}" if e.get("field") else "")
                       + (f", {e['institution']}" if e.get("institution") else "") for e in item.get("education", []))
    return [(k, v) for k, v in (("Experience", f"{item['years']:g} years" if item.get("years") is not None else ""),
                                ("Work", work), ("Education", school), ("Skills", ", ".join(item.get("skills", []))))
            if v]
