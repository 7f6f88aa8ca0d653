"""The review page's evidence anchors, asked of the service directly (services/evidence.py)."""
from recruit.services.evidence import anchored

TEXT = "Equity research analyst at Crisil. Financial modelling in Excel, IFRS reporting."


def _span(word: str) -> dict:
    start = TEXT.index(word)
    return {"text": word, "start": start, "end": start + len(word)}


def test_does_each_evidence_item_link_to_the_words_it_rests_on():
    """Each highlighted piece of the resume carries the anchor its score point links to."""
    breakdown = [{"name": "required_skills", "evidence": [_span("Financial modelling"), _span("IFRS")]},
                 {"name": "titles", "evidence": [_span("Equity research analyst"), {"text": "no span"}]}]
    shown = anchored(TEXT, breakdown)
    marked = {text: anchor for text, anchor in shown.segments if anchor}
    assert marked == {"Financial modelling": "required_skills.0", "IFRS": "required_skills.1",
                      "Equity research analyst": "titles.0"}
    assert "".join(text for text, _ in shown.segments) == TEXT  # nothing of the resume is lost
    anchors = [[ev.get("anchor") for ev in c["evidence"]] for c in shown.breakdown]
    assert anchors == [["required_skills-0", "required_skills-1"], ["titles-0", None]]
    assert "anchor" not in breakdown[0]["evidence"][0]  # the stored breakdown is left as it was


def test_do_two_points_resting_on_the_same_words_share_one_link():
    """The same span cited by two criteria is marked once, and both points link to that mark."""
    breakdown = [{"name": "required_skills", "evidence": [_span("Excel")]},
                 {"name": "kpo", "evidence": [_span("Excel")]}]
    shown = anchored(TEXT, breakdown)
    assert [anchor for _, anchor in shown.segments if anchor] == ["required_skills.0"]
    assert [c["evidence"][0]["anchor"] for c in shown.breakdown] == ["required_skills-0", "required_skills-0"]


def test_does_a_point_inside_another_highlight_lose_its_link():
    """Words inside a longer highlighted span have no mark of their own, so their point links nowhere."""
    breakdown = [{"name": "titles", "evidence": [_span("Equity research analyst")]},
                 {"name": "required_skills", "evidence": [_span("research")]}]
    shown = anchored(TEXT, breakdown)
    assert shown.breakdown[0]["evidence"][0]["anchor"] == "titles-0"
    assert "anchor" not in shown.breakdown[1]["evidence"][0]


def test_is_a_resume_without_text_shown_without_links():
    """No text (no parsed resume): no pieces, and no point links to one."""
    shown = anchored("", [{"name": "titles", "evidence": [_span("Crisil")]}])
    assert shown.segments == [] and "anchor" not in shown.breakdown[0]["evidence"][0]
