"""The review queue: parsed resumes a recruiter checks and corrects."""
