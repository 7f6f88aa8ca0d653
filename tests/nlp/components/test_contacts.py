"""recruit_contacts: emails, phones in E.164 and profile links, each with the words it was read from."""
from tests.nlp.components.blank import build


def test_email_phone_and_profile_link_are_read_with_their_evidence():
    text = ("Asha Rao\nasha.rao@Example.com | +91 98450 12345\nlinkedin.com/in/asha-rao?trk=abc\n\n"
            "EXPERIENCE\nRoll No 9845012346\n")
    doc = build("recruit_sections", "recruit_contacts")(text)
    record = doc._.recruit_record
    assert record.emails == ["asha.rao@example.com"]
    assert record.phones == ["+919845012345"]  # the roll number is not a phone
    assert record.links == ["linkedin.com/in/asha-rao"]
    assert text[slice(*record.evidence["phones.0"])] == "+91 98450 12345"


def test_a_link_in_a_project_is_not_the_candidates():
    text = "Asha Rao\n\nPROJECTS\nScraper for example.org/data, 2019\n"
    doc = build("recruit_sections", "recruit_contacts")(text)
    assert doc._.recruit_record.links == []
