"""Publish: notes.json and the search index, from a built site."""
