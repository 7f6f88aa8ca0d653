"""Email pages: the outbox, the templates, and writing to a candidate."""
