"""recruit_certifications: a certifications section's lines and well-known certifications named anywhere."""
from tests.nlp.components.blank import build


def test_section_lines_and_named_certifications():
    text = "Asha Rao\nCFA Level II candidate\n\nCERTIFICATIONS\n• NISM Series VIII Equity Derivatives\n"
    record = build("recruit_sections", "recruit_certifications")(text)._.recruit_record
    assert record.certifications[0] == "NISM Series VIII Equity Derivatives"
    assert any(c.startswith("CFA") for c in record.certifications)
    assert text[slice(*record.evidence["certifications.0"])] == "NISM Series VIII Equity Derivatives"
