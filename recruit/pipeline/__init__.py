"""The pipeline board and the admin page for its stages."""
