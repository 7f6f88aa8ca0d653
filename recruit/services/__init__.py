"""Domain logic: plain functions over models, called once by each view, API handler or command."""
