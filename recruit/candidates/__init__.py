"""Candidates: list, detail, create with a resume, edit, archive, add to a job."""
