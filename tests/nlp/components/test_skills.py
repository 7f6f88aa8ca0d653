"""recruit_skills: skills named to the taxonomy, listed ones it lacks kept as written, languages apart."""
import spacy

from tests.nlp.components.blank import build

TEXT = ("Asha Rao\n\nSKILLS\nMS Excel, Bloomberg Terminal, Mockito, Financial Modelling\n\n"
        "LANGUAGES\nEnglish, Hindi\n")


def test_listed_skills_and_spoken_languages():
    record = build("recruit_sections", "recruit_skills")(TEXT)._.recruit_record
    names = [s.name for s in record.skills]
    assert "Microsoft Excel" in names and "Mockito" in names
    assert {"English", "Hindi"} <= set(record.languages) and "English" not in names
    assert next(s.category for s in record.skills if s.name == "Mockito") == "other"


def test_the_taxonomy_survives_a_round_trip_through_bytes_and_disk(tmp_path):
    """Does a pipeline saved and loaded again match the same skills without reading the taxonomy file?"""
    nlp = build("recruit_sections", "recruit_skills")
    expected = [s.name for s in nlp(TEXT)._.recruit_record.skills]
    nlp.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    assert [s.name for s in again(TEXT)._.recruit_record.skills] == expected
    fresh = spacy.blank("en")
    fresh.add_pipe("recruit_sections")
    fresh.add_pipe("recruit_skills").from_bytes(nlp.get_pipe("recruit_skills").to_bytes())
    assert [s.name for s in fresh(TEXT)._.recruit_record.skills] == expected
