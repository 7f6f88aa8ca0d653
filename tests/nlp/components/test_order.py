"""The components' declared order: spaCy's own check, and the record the pipeline turns into a parse."""
import warnings

import spacy

from nlp.components.record import ResumeRecord
from nlp.resume import ParsedResume
from tests.nlp.components.blank import build


def test_the_shipped_order_is_sound_and_a_reader_before_the_sections_is_not():
    from nlp.pipeline import get_pipeline

    assert not any(get_pipeline().analyze_pipes(pretty=False)["problems"].values())
    nlp = spacy.blank("en")
    nlp.add_pipe("recruit_education")
    nlp.add_pipe("recruit_sections")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # analyze_pipes warns about what it reports
        problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems["recruit_education"] == ["doc._.recruit_sections"]


def test_the_record_holds_every_field_of_the_parse():
    """Does the record carry every field of ParsedResume but the text (so none is dropped on the way)?"""
    from dataclasses import fields

    assert {f.name for f in fields(ResumeRecord)} == {f.name for f in fields(ParsedResume)} - {"text"}


def test_a_blank_record_before_any_component_ran():
    doc = build()("Asha Rao\n")
    assert doc._.recruit_record is None
    from nlp.components.base import record

    assert record(doc) == ResumeRecord() and doc._.recruit_record is record(doc)
