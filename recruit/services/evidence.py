"""The review page's resume: its text (blacked out while blind review hides the candidate) cut into pieces,
with each score point's evidence linked to the words it rests on."""
from __future__ import annotations

import copy
from dataclasses import dataclass

from recruit.models import Application
from recruit.services import blind, parsing


@dataclass
class ReviewEvidence:
    """What the review page shows of the resume: ``segments`` are ``(text, anchor or None)`` pieces in order;
    ``breakdown`` is the score breakdown where each evidence item that is highlighted has an ``anchor``."""

    segments: list[tuple[str, str | None]]
    breakdown: list[dict]


def anchored(text: str, breakdown: list[dict]) -> ReviewEvidence:
    """Link each evidence item of a score ``breakdown`` to its span in ``text``.

    Items with the same span share one anchor (``<criterion>-<n>``, the first item's); a span inside another
    highlighted one has no mark of its own, so its item loses its anchor. ``breakdown`` is not changed.
    """
    breakdown = copy.deepcopy(breakdown)
    marks, anchors = {}, {}
    for criterion in breakdown:
        for n, ev in enumerate(criterion["evidence"]):
            if ev.get("start") is not None:
                span = (ev["start"], ev["end"])
                anchors.setdefault(span, f"{criterion['name']}.{n}")
                marks[anchors[span]] = list(span)
                ev["anchor"] = anchors[span].replace(".", "-")
    segments = parsing.evidence_segments(text, marks) if text else []
    shown = {path.replace(".", "-") for _, path in segments if path}
    for criterion in breakdown:
        for ev in criterion["evidence"]:
            if ev.get("anchor") not in shown:
                ev.pop("anchor", None)
    return ReviewEvidence(segments, breakdown)


def for_review(application: Application, identity: blind.Identity) -> ReviewEvidence:
    """The application's latest parsed resume with its score evidence marked, as a reviewer with ``identity``
    (``blind.identity``) may read it: while the candidate is hidden, their identifying details are blacked out."""
    resume = parsing.latest_parsed_resume(application.candidate_id)
    profile = parsing.profile_for(application.candidate_id, resume) if resume else None
    text = (resume.extracted_text or "") if resume else ""
    if identity.hidden and profile:
        text = blind.redacted(text, profile.get("evidence", {}), profile.get("sections", []), values=identity.secrets)
    return anchored(text, (application.score_breakdown or {}).get("breakdown", []))
