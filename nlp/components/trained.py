"""``recruit_model``: the trained entity model (``nlp/model/``, ``python -m nlp train``) proposing titles,
employers, schools, degrees, places and skills, joined with what the rules found by ``nlp.combine``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.combine import combine
from nlp.components.base import record, text_of
from nlp.model import MODEL_DIR, load, predict

# Chosen per field by cross-validation on the training side (``benchmarks/strategy_cv.py``: the join with the
# best mean F1 over the two labelled sets), never on the kept-back split that measures it.
STRATEGY = {"titles": "union", "employers": "fallback", "institutions": "auto", "degrees": "auto",
            "location": "fallback", "skills": "union"}


@Language.factory("recruit_model", default_config={"model": "", "strategy": STRATEGY},
                  requires=["doc._.recruit_record"], assigns=["doc._.recruit_record"])
def make_model(nlp: Language, name: str, model: str, strategy: dict):
    """The trained model's join; ``model`` is its directory (default ``nlp/model``), ``strategy`` a source per field."""
    return TrainedEntities(model=model, strategy=strategy)


class TrainedEntities:
    """The trained entity model (``nlp/model/``, ``python -m nlp train``) proposing titles, employers,
    schools, degrees, places and skills; ``nlp.combine`` keeps those the rules accept and fits them into
    the rules' jobs and education entries. Without the model the rules' fields stand, after one warning."""

    def __init__(self, *, model: str = "", strategy: dict | None = None):
        self.path = model or str(MODEL_DIR)
        self.strategy = dict(STRATEGY if strategy is None else strategy)

    def initialize(self, get_examples=None, *, nlp=None):
        if any(v != "rules" for v in self.strategy.values()):
            load(self.path)

    def __call__(self, doc: Doc) -> Doc:
        if all(v == "rules" for v in self.strategy.values()):
            return doc
        text = text_of(doc)
        combine(record(doc), text, predict(text, self.path), self.strategy)
        return doc
