"""Each component on its own, in a pipeline built from ``spacy.blank("en")`` with only what it requires."""
import spacy

import nlp.components  # noqa: F401  (registers the recruit_* factories)


def build(*names: str, config: dict | None = None) -> spacy.Language:
    """A blank English pipeline with these components, in this order, initialised."""
    pipeline = spacy.blank("en")
    for name in names:
        pipeline.add_pipe(name, config=(config or {}).get(name, {}))
    pipeline.initialize()
    return pipeline

