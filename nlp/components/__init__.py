"""The spaCy components that read a resume, one module each with its factory: ``recruit_entities`` (the
base model's names, places, organisations), ``recruit_sections``, ``recruit_contacts``, ``recruit_name``,
``recruit_location``, ``recruit_experience``, ``recruit_education``, ``recruit_skills``,
``recruit_certifications`` and ``recruit_model`` (the trained entity model joined with the rules). Each fills
in its part of the typed ``ResumeRecord`` on ``doc._.recruit_record`` with evidence spans, and declares
what it requires and assigns, so ``nlp.analyze_pipes()`` checks their order.

Importing this package registers the factories; the pipeline itself is described by ``nlp/config.cfg``.
"""
from nlp.components.base import record
from nlp.components.certifications import CertificationFinder
from nlp.components.contacts import ContactFinder, normalise_link
from nlp.components.education import EducationFinder, clean_institution
from nlp.components.entities import EntityTagger
from nlp.components.experience import ExperienceFinder, clean_employer, title_and_employer, without_full_stop
from nlp.components.location import LocationFinder
from nlp.components.name import NameFinder
from nlp.components.record import ResumeRecord, Section
from nlp.components.sections import SectionDetector
from nlp.components.skills import SkillMatcher
from nlp.components.trained import STRATEGY, TrainedEntities

__all__ = ["STRATEGY", "CertificationFinder", "ContactFinder", "EducationFinder", "EntityTagger",
           "ExperienceFinder", "LocationFinder", "NameFinder", "ResumeRecord", "Section", "SectionDetector",
           "SkillMatcher", "TrainedEntities", "clean_employer", "clean_institution", "normalise_link", "record",
           "title_and_employer", "without_full_stop"]
