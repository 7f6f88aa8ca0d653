"""Jobs: list, detail, create, edit, open, hold and close."""
