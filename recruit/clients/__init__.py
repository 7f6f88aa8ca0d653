"""Client pages: clients, contacts, documents, job orders, submittals, placements, talent pool, reports."""
