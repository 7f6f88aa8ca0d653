"""recruit_location: where the candidate lives, from the top of the resume or the personal details."""
from tests.nlp.components.blank import build


def test_a_labelled_address_gives_its_place():
    text = "Asha Rao\nLocation: Pune, Maharashtra\n"
    record = build("recruit_sections", "recruit_name", "recruit_location")(text)._.recruit_record
    assert record.location == "Pune, Maharashtra"
    assert text[slice(*record.evidence["location"])] == "Pune, Maharashtra"


def test_a_street_address_gives_the_town_and_state():
    record = build("recruit_sections", "recruit_name", "recruit_location")(
        "Asha Rao\n12 Elm Street, Austin, TX 78701\n")._.recruit_record
    assert record.location == "Austin, TX"
