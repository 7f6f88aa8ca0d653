"""Client briefs, their problems, the contact log and matching (blueprint)."""
